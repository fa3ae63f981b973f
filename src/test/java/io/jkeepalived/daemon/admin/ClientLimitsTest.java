package io.jkeepalived.daemon.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.cli.Main;
import io.jkeepalived.status.DaemonStatus;
import io.jkeepalived.status.GlobalView;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Idle, slow and too many clients of the control socket and /metrics, on real sockets. */
class ClientLimitsTest {
    @TempDir
    Path dir;

    private static final Supplier<CompletableFuture<DaemonStatus>> EMPTY = () -> CompletableFuture.completedFuture(
            new DaemonStatus("jkeepalived t", 1, "lb", 0, 1000, new GlobalView(Optional.empty(), "224.0.0.18",
                    "ff02::12", 2, false, false), List.of(), List.of()));

    /** Blocks until the server closes {@code c}; returns how long that took. */
    private static Duration untilClosed(SocketChannel c) throws Exception {
        long t0 = System.nanoTime();
        ByteBuffer b = ByteBuffer.allocate(4096);
        while (c.read(b) >= 0) {
            b.clear();
        }
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    private static int status(Path sock) {
        return Main.run(new String[] {"status", "--json", "--control-socket", sock.toString()},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    @Test
    void anIdleClientIsClosedAtTheEndOfItsLifetime() throws Exception {
        Path sock = dir.resolve("g.sock");
        try (var server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(sock));
            try (var g = new GuardedServer("control", server, new GuardedServer.Limits(4, Duration.ofSeconds(1), 16,
                    Duration.ofSeconds(2)), (request, length, input) -> new GuardedServer.Step.Incomplete());
                 var idle = SocketChannel.open(UnixDomainSocketAddress.of(sock))) {
                Duration held = untilClosed(idle);
                assertThat(held).isBetween(Duration.ofMillis(800), Duration.ofSeconds(3));
                assertThat(g.view().timedOut()).isEqualTo(1);
                assertThat(g.view().open()).isZero();
            }
        }
    }

    @Test
    void whenEverySlotIsBusyANewcomerIsClosedAtOnceAndCounted() throws Exception {
        Path sock = dir.resolve("b.sock");
        var release = new CompletableFuture<GuardedServer.Render>();
        CountDownLatch bothIn = new CountDownLatch(2);
        try (var server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(sock));
            try (var g = new GuardedServer("control", server, new GuardedServer.Limits(2, Duration.ofSeconds(30), 16,
                    Duration.ofSeconds(30)), (request, length, input) -> {
                bothIn.countDown();
                return new GuardedServer.Step.Answer(release, Optional::empty); // busy being answered until released
            })) {
                var a = SocketChannel.open(UnixDomainSocketAddress.of(sock));
                var b = SocketChannel.open(UnixDomainSocketAddress.of(sock));
                a.write(ByteBuffer.wrap(new byte[] {'a'}));
                b.write(ByteBuffer.wrap(new byte[] {'b'}));
                bothIn.await();
                try (var c = SocketChannel.open(UnixDomainSocketAddress.of(sock))) {
                    assertThat(untilClosed(c)).isLessThan(Duration.ofSeconds(2));
                }
                assertThat(g.view().refused()).isEqualTo(1);
                assertThat(g.view().open()).isEqualTo(2);
                release.complete(Optional::empty);
                a.close();
                b.close();
            }
        }
    }

    @Test
    void statusStillAnswersWithHundredsOfIdleClientsHeldToTheCap() throws Exception {
        Path sock = dir.resolve("c.sock");
        List<SocketChannel> idle = new ArrayList<>();
        try (ControlSocket cs = ControlSocket.open(sock, EMPTY).orElseThrow()) {
            try {
                for (int i = 0; i < 300; i++) {
                    idle.add(SocketChannel.open(UnixDomainSocketAddress.of(sock)));
                }
                assertThat(status(sock)).isZero();
                var v = cs.view();
                assertThat(v.open()).isLessThanOrEqualTo(GuardedServer.MAX_CLIENTS);
                assertThat(v.evicted()).isGreaterThanOrEqualTo(300 - GuardedServer.MAX_CLIENTS);
            } finally {
                for (var c : idle) {
                    c.close();
                }
            }
        }
    }

    @Test
    void metricsAnswersPastIdleAndSlowlorisClients() throws Exception {
        try (MetricsServer m = MetricsServer.start("127.0.0.1:0", EMPTY).orElseThrow()) {
            var at = new InetSocketAddress("127.0.0.1", m.port());
            List<SocketChannel> held = new ArrayList<>();
            try {
                for (int i = 0; i < 100; i++) {
                    var c = SocketChannel.open(at);
                    if (i % 2 == 0) { // half of them start a request and never finish it
                        c.write(ByteBuffer.wrap("GET /metrics HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII)));
                    }
                    held.add(c);
                }
                var ok = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + m.port()
                        + "/metrics")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(ok.statusCode()).isEqualTo(200);
                assertThat(ok.body()).contains("jkeepalived_build_info");
                assertThat(m.view().open()).isLessThanOrEqualTo(GuardedServer.MAX_CLIENTS);
                assertThat(m.view().evicted()).isGreaterThanOrEqualTo(100 - GuardedServer.MAX_CLIENTS);
            } finally {
                for (var c : held) {
                    c.close();
                }
            }
        }
    }

    @Test
    void httpHeadsParse() {
        byte[] get = "GET /metrics?x=1 HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(HttpRequestHead.complete(get, get.length)).isTrue();
        assertThat(HttpRequestHead.complete(get, get.length - 2)).isFalse();
        assertThat(HttpRequestHead.parse(get, get.length)).contains(new HttpRequestHead("GET", "/metrics"));
        byte[] bare = "GET / HTTP/1.0\n\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(HttpRequestHead.complete(bare, bare.length)).isTrue();
        byte[] junk = "hello\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(HttpRequestHead.parse(junk, junk.length)).isEmpty();
    }
}
