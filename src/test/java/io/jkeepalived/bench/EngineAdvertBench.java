package io.jkeepalived.bench;

import io.jkeepalived.vrrp.engine.RouterSpecBuilder;

import io.jkeepalived.vrrp.engine.Action;
import io.jkeepalived.vrrp.engine.Event;
import io.jkeepalived.vrrp.engine.IpAddr;
import io.jkeepalived.vrrp.engine.RouterSpec;
import io.jkeepalived.vrrp.engine.VirtualRouter;
import io.jkeepalived.vrrp.engine.VrrpState;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The engine's cost per received advert, the event it handles most.
 *
 * <pre>
 * mvn -B -q -o test-compile
 * java -cp target/test-classes:target/classes:$(cat cp.txt) org.openjdk.jmh.Main EngineAdvertBench \
 *      -f 1 -wi 3 -i 5 -w 1s -r 1s -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EngineAdvertBench {
    private static final long SECOND = 1_000_000_000L;

    private VirtualRouter backup;
    private VirtualRouter master;
    private Event.AdvertReceived higher;
    private Event.AdvertReceived lower;
    private long backupNow;
    private long masterNow;
    private Action last;
    private int emitted;
    private final Consumer<Action> sink = a -> {
        last = a;
        emitted++;
    };

    @Setup
    public void setup() {
        IpAddr self = IpAddr.v4(198, 18, 0, 2);
        RouterSpec spec = RouterSpecBuilder.of("VI_1", 51, self).priority(100)
                .vips(List.of("198.18.1.1/32")).build();
        backup = new VirtualRouter(spec);
        backup.handle(new Event.Startup(), 0, sink);
        master = new VirtualRouter(spec);
        master.handle(new Event.Startup(), 0, sink);
        masterNow = master.nextDeadlineNanos();
        master.handle(new Event.TimerTick(), masterNow, sink);
        if (master.state() != VrrpState.MASTER) {
            throw new IllegalStateException("setup: not MASTER");
        }
        higher = new Event.AdvertReceived(IpAddr.v4(198, 18, 0, 3), 200, 100);
        lower = new Event.AdvertReceived(IpAddr.v4(198, 18, 0, 1), 50, 100);
    }

    /** BACKUP accepts a higher-priority advert: reset the master-down timer, no actions. */
    @Benchmark
    public int backupReceivesHigherPriority() {
        backupNow += SECOND;
        backup.handle(higher, backupNow, sink);
        return emitted;
    }

    /**
     * MASTER receives a lower-priority advert: advert at once, lower-priority GARP burst plus a
     * delayed one, a log line. Time advances 1 s per op, so the periodic advert timer and the
     * delayed bursts fire along the way, as they would.
     */
    @Benchmark
    public Action masterReceivesLowerPriority() {
        masterNow += SECOND;
        master.handle(lower, masterNow, sink);
        return last;
    }
}
