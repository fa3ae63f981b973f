package io.jkeepalived.bench;

import static io.jkeepalived.bench.BenchOutput.max;
import static io.jkeepalived.bench.BenchOutput.ms;
import static io.jkeepalived.bench.BenchOutput.percentile;
import static io.jkeepalived.bench.BenchOutput.ratio;

import io.jkeepalived.testing.Capture;
import io.jkeepalived.testing.Cluster;
import io.jkeepalived.testing.Impl;
import io.jkeepalived.testing.KeepalivedConf;
import io.jkeepalived.testing.Lan;
import io.jkeepalived.testing.Takeover;
import io.jkeepalived.testing.VrrpInstanceConf;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Advert interval jitter at advert_int 0.05 and 0.01 (VRRPv3): a master and a backup, the master's
 * adverts captured on its switch port for {@code -Djk.bench.seconds} (default 60) with the machine
 * idle, then with one busy-looping process per core. Reports inter-advert gaps and spurious state
 * changes. At 0.01 the backup's master-down interval is 36 ms: a stall of about 26 ms beyond one
 * interval, a collector's pause included, makes it take over.
 */
@Tag("bench")
class JitterBench {

    record Result(List<Double> gaps, int spurious) {}

    private static final String VI = "VI_1";

    @Test
    void jitter() throws Exception {
        int seconds = Integer.getInteger("jk.bench.seconds", 60);
        var sb = new StringBuilder();
        sb.append("Gaps between consecutive adverts of a VRRPv3 master at advert_int 0.05 s (50 ms) and 0.01 s")
                .append(" (10 ms) over ").append(seconds).append(" s each, from tcpdump timestamps on its switch")
                .append(" port; a backup at priority 100 listens (master-down 180 and 36 ms). Busy: one")
                .append(" `sh -c 'while :; do :; done'` per core for the whole window. Spurious: state changes in that")
                .append(" window (backup → MASTER or master → BACKUP). Times in ms.\n\n")
                .append("| advert_int | load | impl | adverts | p50 | p99 | max | spurious | J/C p99 |\n")
                .append("|---|---|---|---|---|---|---|---|---|\n");
        for (String interval : new String[] {"0.05", "0.01"}) {
            for (boolean busy : new boolean[] {false, true}) {
                double cP99 = Double.NaN;
                for (var impl : BenchOutput.impls()) {
                    var load = busy ? "busy" : "idle";
                    try {
                        var r = measure(impl, seconds, busy, interval);
                        double p99 = percentile(r.gaps(), 99);
                        if (impl == Impl.C) {
                            cP99 = p99;
                        }
                        sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %s | %s | %s | %d | %s |%n",
                                interval, load, impl, r.gaps().size() + 1, ms(percentile(r.gaps(), 50)), ms(p99),
                                ms(max(r.gaps())), r.spurious(), impl == Impl.J ? ratio(p99, cP99) : ""));
                    } catch (RuntimeException | AssertionError e) {
                        sb.append("| ").append(interval).append(" | ").append(load).append(" | ").append(impl)
                                .append(" | not measured: ").append(BenchOutput.reason(e)).append(" | | | | | |\n");
                    }
                }
            }
        }
        BenchOutput.write("jitter", sb.toString());
    }

    private static Result measure(Impl impl, int seconds, boolean busy, String interval) throws InterruptedException {
        var conf = VrrpInstanceConf.v3(VI, 51, 150, interval, Lan.VIP4 + "/24");
        try (var c = Cluster.create("jk-h-bjit", 2)) {
            c.start(0, impl, KeepalivedConf.of("node1", conf));
            c.start(1, impl, KeepalivedConf.of("node2", conf.withPriority(100)));
            Takeover.awaitElected(c, 0, VI, Lan.VIP4, 2);
            var loops = new ArrayList<Process>();
            try (var wire = Capture.lines(c.lan().hub(), c.host(0).port(), Capture.VRRP)) {
                if (busy) {
                    for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
                        loops.add(busyLoop());
                    }
                }
                int m0 = c.node(0).log().mark();
                int m1 = c.node(1).log().mark();
                int mark = wire.mark();
                Thread.sleep(TimeUnit.SECONDS.toMillis(seconds)); // the measurement window itself
                var times = wire.adverts(mark).stream().filter(a -> a.source().equals(c.host(0).ipv4()))
                        .map(Capture.Advert::time).toList();
                var gaps = new ArrayList<Double>();
                for (int i = 1; i < times.size(); i++) {
                    gaps.add(times.get(i) - times.get(i - 1));
                }
                int spurious = c.node(1).log().matching(m1, "Entering MASTER STATE").size()
                        + c.node(0).log().matching(m0, "Entering (BACKUP|FAULT) STATE").size();
                return new Result(gaps, spurious);
            } finally {
                loops.forEach(Process::destroyForcibly);
            }
        }
    }

    private static Process busyLoop() {
        try {
            return new ProcessBuilder("sh", "-c", "while :; do :; done").start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
