package io.jkeepalived.check.probe;

import static io.jkeepalived.check.probe.HttpTestSupport.reasonOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.check.probe.ProbeLab.Family;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * TCP_CHECK across a veth between namespaces, IPv4 and IPv6 ({@link ProbeLab}), both ways it runs:
 * {@link TcpProbe} on a thread of its own, and {@link TcpConnects} on a selector (the daemon's way);
 * the two must give the same verdicts.
 */
@Tag("system")
class TcpProbeSystemTest {

    private static final Duration T = Duration.ofSeconds(2);
    private static ProbeLab lab;

    /** One attempt through a selector of its own on the probe side, polled until it is done. */
    static ProbeResult viaSelector(Endpoint e, Duration timeout) throws Exception {
        return lab.onProbeSide(() -> {
            try (var c = new TcpConnects()) {
                var out = new java.util.concurrent.atomic.AtomicReference<ProbeResult>();
                c.start(e, timeout.toNanos(), System.nanoTime(), out::set);
                long giveUp = System.nanoTime() + timeout.toNanos() + Duration.ofSeconds(5).toNanos();
                while (out.get() == null && System.nanoTime() - giveUp < 0) {
                    c.poll(Duration.ofMillis(50).toNanos());
                }
                assertThat(c.open()).isZero();
                return out.get();
            }
        });
    }

    @BeforeAll
    static void namespaces() {
        lab = ProbeLab.create();
    }

    @AfterAll
    static void cleanUp() {
        lab.close();
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void upWhenTheServerAccepts(Family f) throws Exception {
        try (var server = lab.tcp(f, s -> { })) {
            assertThat(lab.run(new TcpProbe(server.endpoint()), T)).isInstanceOf(ProbeResult.Up.class);
            assertThat(viaSelector(server.endpoint(), T)).isInstanceOf(ProbeResult.Up.class);
        }
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void refusedWhenNothingListens(Family f) throws Exception {
        var e = Endpoint.to(ProbeLab.server(f), lab.closedTcpPort(f));
        assertThat(reasonOf(lab.run(new TcpProbe(e), T))).isEqualTo(FailureReason.REFUSED);
        assertThat(reasonOf(viaSelector(e, T))).isEqualTo(FailureReason.REFUSED);
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void timesOutWhenNoHostAnswers(Family f) throws Exception {
        var e = Endpoint.to(ProbeLab.silent(f), 80);
        for (var r : java.util.List.of(lab.run(new TcpProbe(e), Duration.ofMillis(400)),
                viaSelector(e, Duration.ofMillis(400)))) {
            assertThat(r).isInstanceOfSatisfying(ProbeResult.Down.class, d -> {
                assertThat(d.reason()).isEqualTo(FailureReason.TIMEOUT);
                assertThat(d.latency()).isBetween(Duration.ofMillis(390), Duration.ofSeconds(2));
            });
        }
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void unreachableWithoutARoute(Family f) throws Exception {
        var e = Endpoint.to(ProbeLab.unroutable(f), 80);
        assertThat(reasonOf(lab.run(new TcpProbe(e), T))).isEqualTo(FailureReason.UNREACHABLE);
        assertThat(reasonOf(viaSelector(e, T))).isEqualTo(FailureReason.UNREACHABLE);
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void bindsToTheConfiguredSourceAddressAndPort(Family f) throws Exception {
        LocalTcpServer[] self = new LocalTcpServer[1];
        try (var server = lab.tcp(f, s -> self[0].seen.add(new InetSocketAddress(s.getInetAddress(), s.getPort()).toString()))) {
            self[0] = server;
            var from = new InetSocketAddress(ProbeLab.prober(f), 40_000 + f.ordinal());
            var e = new Endpoint(server.endpoint().remote(), Optional.of(from), Optional.empty(), Optional.empty());
            assertThat(lab.run(new TcpProbe(e), T)).isInstanceOf(ProbeResult.Up.class);
            assertThat(server.seen.poll(5, TimeUnit.SECONDS)).isEqualTo(from.toString());
            var later = new Endpoint(e.remote(), Optional.of(new InetSocketAddress(from.getAddress(), from.getPort() + 10)),
                    Optional.empty(), Optional.empty());
            assertThat(viaSelector(later, T)).isInstanceOf(ProbeResult.Up.class);
            assertThat(server.seen.poll(5, TimeUnit.SECONDS)).isEqualTo(later.local().orElseThrow().toString());
        }
    }
}
