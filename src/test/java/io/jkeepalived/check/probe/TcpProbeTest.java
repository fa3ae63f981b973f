package io.jkeepalived.check.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TcpProbeTest {

    @Test
    void upWhenTheServerAccepts() throws Exception {
        try (var server = new LocalTcpServer(s -> {})) {
            ProbeResult r = new TcpProbe(server.endpoint()).run(Duration.ofSeconds(2));
            assertThat(r).isInstanceOf(ProbeResult.Up.class);
        }
    }

    @Test
    void refusedWhenNothingListens() throws Exception {
        var r = new TcpProbe(Endpoint.to(InetAddress.getLoopbackAddress(), LocalTcpServer.closedPort())).run(Duration.ofSeconds(2));
        assertThat(r).isInstanceOfSatisfying(ProbeResult.Down.class, d -> assertThat(d.reason()).isEqualTo(FailureReason.REFUSED));
    }

    @Test
    void bindsToTheConfiguredSourcePort() throws Exception {
        int srcPort = LocalTcpServer.closedPort();
        LocalTcpServer[] self = new LocalTcpServer[1];
        try (var server = new LocalTcpServer(s -> self[0].seen.add(Integer.toString(s.getPort())))) {
            self[0] = server;
            var lo = InetAddress.getLoopbackAddress();
            var e = new Endpoint(new InetSocketAddress(lo, server.port()), Optional.of(new InetSocketAddress(lo, srcPort)),
                    Optional.empty(), Optional.empty());
            assertThat(new TcpProbe(e).run(Duration.ofSeconds(2))).isInstanceOf(ProbeResult.Up.class);
            assertThat(server.seen.poll(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(Integer.toString(srcPort));
            assertThat(new TcpProbe(e).dedupKey()).contains("from 127.0.0.1:" + srcPort);
        }
    }

    @Test
    void timesOutWhenTheAcceptQueueIsFull() throws Exception {
        // a listener that never accepts, with its backlog filled: Linux drops further SYNs
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> fillers = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    Socket s = new Socket();
                    try {
                        s.connect(full.getLocalSocketAddress(), 200);
                        fillers.add(s);
                    } catch (java.io.IOException e) {
                        s.close();
                        break;
                    }
                }
                var r = new TcpProbe(Endpoint.to(InetAddress.getLoopbackAddress(), full.getLocalPort())).run(Duration.ofMillis(500));
                assertThat(r).isInstanceOfSatisfying(ProbeResult.Down.class, d -> {
                    assertThat(d.reason()).isEqualTo(FailureReason.TIMEOUT);
                    assertThat(d.latency()).isLessThan(Duration.ofSeconds(3));
                });
            } finally {
                for (Socket s : fillers) {
                    s.close();
                }
            }
        }
    }
}
