package io.jkeepalived.check.probe;

import static io.jkeepalived.check.probe.HttpTestSupport.reasonOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.check.probe.ProbeLab.Family;
import java.net.InetAddress;
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
 * {@link TcpProbe} on a thread of its own, and {@link TcpConnects} on an epoll instance (the daemon's
 * way); the two must give the same verdicts. Only the daemon's way applies {@code fwmark} and
 * {@code bind_if} as keepalived does (SO_MARK, SO_BINDTODEVICE).
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

    @org.junit.jupiter.api.Test
    void fwmarkSteersTheConnectThroughThePolicyRoute() throws Exception {
        // 198.18.78.2 is reachable from the probe side only through table 78, which only marked
        // sockets use: without SO_MARK the connect finds no route
        lab.serverSide.ip("addr", "add", "198.18.78.2/32", "dev", "s0");
        lab.probeSide.ip("route", "add", "198.18.78.0/24", "dev", "p0", "table", "78");
        lab.probeSide.ip("rule", "add", "fwmark", "7", "table", "78");
        try (var server = lab.onServer(() -> new java.net.ServerSocket(0, 50, InetAddress.ofLiteral("198.18.78.2")))) {
            var to = new InetSocketAddress(InetAddress.ofLiteral("198.18.78.2"), server.getLocalPort());
            var plain = new Endpoint(to, Optional.empty(), Optional.empty(), Optional.empty());
            var marked = new Endpoint(to, Optional.empty(), Optional.empty(), Optional.of(7L));
            assertThat(reasonOf(viaSelector(plain, T))).isEqualTo(FailureReason.UNREACHABLE);
            assertThat(viaSelector(marked, T)).isInstanceOf(ProbeResult.Up.class);
        } finally {
            lab.probeSide.ip("rule", "del", "fwmark", "7", "table", "78");
            lab.serverSide.ip("addr", "del", "198.18.78.2/32", "dev", "s0");
        }
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void bindIfBindsTheSocketToTheInterface(Family f) throws Exception {
        try (var server = lab.tcp(f, s -> { })) {
            var remote = server.endpoint().remote();
            var onVeth = new Endpoint(remote, Optional.empty(), Optional.of("p0"), Optional.empty());
            var onLoopback = new Endpoint(remote, Optional.empty(), Optional.of("lo"), Optional.empty());
            var missing = new Endpoint(remote, Optional.empty(), Optional.of("nosuch0"), Optional.empty());
            assertThat(viaSelector(onVeth, T)).isInstanceOf(ProbeResult.Up.class);
            assertThat(viaSelector(onLoopback, T)).isInstanceOf(ProbeResult.Down.class);
            assertThat(viaSelector(missing, T)).isInstanceOfSatisfying(ProbeResult.Down.class, d -> {
                assertThat(d.reason()).isEqualTo(FailureReason.UNREACHABLE);
                assertThat(d.detail()).startsWith("bind_if nosuch0: ");
            });
        }
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void manyAttemptsAtOnceEachGetTheirOwnVerdict(Family f) throws Exception {
        // descriptors are reused as soon as an attempt closes: every attempt must still end once,
        // with its own result (half to a listener, half to a closed port)
        int closed = lab.closedTcpPort(f);
        try (var server = lab.tcp(f, s -> { })) {
            var results = lab.onProbeSide(() -> {
                var out = new java.util.concurrent.ConcurrentHashMap<Integer, ProbeResult>();
                try (var c = new TcpConnects()) {
                    for (int i = 0; i < 200; i++) {
                        int n = i;
                        var e = i % 2 == 0 ? server.endpoint() : Endpoint.to(ProbeLab.server(f), closed);
                        c.start(e, T.toNanos(), System.nanoTime(), r -> {
                            if (out.putIfAbsent(n, r) != null) throw new AssertionError("attempt " + n + " ended twice");
                        });
                    }
                    long giveUp = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                    while (c.open() > 0 && System.nanoTime() - giveUp < 0) c.poll(Duration.ofMillis(50).toNanos());
                }
                return out;
            });
            assertThat(results).hasSize(200);
            results.forEach((i, r) -> {
                if (i % 2 == 0) assertThat(r).as("attempt %d", i).isInstanceOf(ProbeResult.Up.class);
                else assertThat(reasonOf(r)).as("attempt %d", i).isEqualTo(FailureReason.REFUSED);
            });
        }
    }
}
