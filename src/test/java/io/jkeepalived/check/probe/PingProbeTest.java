package io.jkeepalived.check.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** ICMP echo to this JVM's own loopback (ping socket, or raw socket as root). */
class PingProbeTest {

    private static final Duration T = Duration.ofSeconds(3);

    @Test
    void ipv4LoopbackAnswers() throws Exception {
        var p = new PingProbe(PingService.shared(), Endpoint.to(InetAddress.ofLiteral("127.0.0.1"), 1));
        assertThat(p.run(T)).isInstanceOf(ProbeResult.Up.class);
    }

    @Test
    void ipv6LoopbackAnswers() throws Exception {
        var p = new PingProbe(PingService.shared(), Endpoint.to(InetAddress.ofLiteral("::1"), 1));
        assertThat(p.run(T)).isInstanceOf(ProbeResult.Up.class);
    }

    @Test
    void manyConcurrentProbesOnVirtualThreadsShareOneService() throws Exception {
        List<Callable<ProbeResult>> jobs = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String addr = i % 2 == 0 ? "127.0.0.1" : "::1";
            jobs.add(() -> new PingProbe(PingService.shared(), Endpoint.to(InetAddress.ofLiteral(addr), 1)).run(T));
        }
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<ProbeResult> f : pool.invokeAll(jobs)) {
                assertThat(f.get()).isInstanceOf(ProbeResult.Up.class);
            }
        }
    }

    @Test
    void aBadSourceAddressIsAFailureNotAnException() throws Exception {
        var e = new Endpoint(new java.net.InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 1),
                java.util.Optional.of(new java.net.InetSocketAddress(InetAddress.ofLiteral("198.18.255.254"), 0)),
                java.util.Optional.empty(), java.util.Optional.empty());
        var r = new PingProbe(PingService.shared(), e).run(T);
        assertThat(r).isInstanceOfSatisfying(ProbeResult.Down.class, d -> assertThat(d.detail()).contains("bind"));
    }
}
