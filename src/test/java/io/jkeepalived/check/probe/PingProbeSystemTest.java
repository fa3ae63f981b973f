package io.jkeepalived.check.probe;

import static io.jkeepalived.check.probe.HttpTestSupport.reasonOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.check.probe.ProbeLab.Family;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * PING_CHECK across a veth, ICMP and ICMPv6 ({@link ProbeLab}). The echo sockets belong to the
 * service's own platform thread, which inherits the namespace of the thread that starts it: the
 * first echo is sent from the probe side, so every later one leaves from there too, whichever
 * thread (virtual ones included) waits for the reply. That thread, a daemon, outlives the class;
 * it holds the deleted namespace until the test JVM exits.
 */
@Tag("system")
class PingProbeSystemTest {

    private static final Duration T = Duration.ofSeconds(3);
    private static ProbeLab lab;
    private static PingService ping;

    @BeforeAll
    static void namespaces() throws Exception {
        lab = ProbeLab.create();
        ping = new PingService();
        var self = lab.run(new PingProbe(ping, Endpoint.to(ProbeLab.prober(Family.V4), 1)), T);
        assertThat(self).as("the service starts on the probe side").isInstanceOf(ProbeResult.Up.class);
    }

    @AfterAll
    static void cleanUp() {
        lab.close();
    }

    private static PingProbe to(java.net.InetAddress a) {
        return new PingProbe(ping, Endpoint.to(a, 1));
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void theServerAnswers(Family f) throws Exception {
        assertThat(lab.run(to(ProbeLab.server(f)), T)).isInstanceOf(ProbeResult.Up.class);
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void noHostTimesOut(Family f) throws Exception {
        var r = lab.run(to(ProbeLab.silent(f)), Duration.ofMillis(400));
        assertThat(r).isInstanceOfSatisfying(ProbeResult.Down.class, d -> {
            assertThat(d.reason()).isEqualTo(FailureReason.TIMEOUT);
            assertThat(d.detail()).contains("no echo reply");
        });
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void noRouteIsUnreachable(Family f) throws Exception {
        assertThat(reasonOf(lab.run(to(ProbeLab.unroutable(f)), T))).isEqualTo(FailureReason.UNREACHABLE);
    }

    @Test
    void manyConcurrentProbesOnVirtualThreadsShareOneService() throws Exception {
        List<Callable<ProbeResult>> jobs = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Family f = Family.values()[i % 2];
            jobs.add(() -> to(ProbeLab.server(f)).run(T));
        }
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<ProbeResult> r : pool.invokeAll(jobs)) {
                assertThat(r.get()).isInstanceOf(ProbeResult.Up.class);
            }
        }
    }

    @Test
    void aSourceAddressThatIsNotOursIsAFailureNotAnException() throws Exception {
        var e = new Endpoint(new InetSocketAddress(ProbeLab.server(Family.V4), 1),
                Optional.of(new InetSocketAddress(ProbeLab.unroutable(Family.V4), 0)), Optional.empty(), Optional.empty());
        var r = lab.run(new PingProbe(ping, e), T);
        assertThat(r).isInstanceOfSatisfying(ProbeResult.Down.class, d -> assertThat(d.detail()).contains("bind"));
    }
}
