package io.jkeepalived.daemon.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.status.DaemonStatus;
import io.jkeepalived.status.GlobalView;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code /metrics} on the wire: every answer it gives, byte for byte where it is ours. */
class MetricsServerTest {
    private static final DaemonStatus STATUS = new DaemonStatus("jkeepalived t", 1, "lb", 0, 1000,
            new GlobalView(Optional.empty(), "224.0.0.18", "ff02::12", 2, false, false), List.of(), List.of());

    private final ConcurrentLinkedQueue<CompletableFuture<DaemonStatus>> answers = new ConcurrentLinkedQueue<>();

    private CompletableFuture<DaemonStatus> next() {
        CompletableFuture<DaemonStatus> f = answers.poll();
        return f != null ? f : CompletableFuture.completedFuture(STATUS);
    }

    private static String text(int code, String reason, String body) {
        return "HTTP/1.1 " + code + " " + reason + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: "
                + body.length() + "\r\nConnection: close\r\n\r\n" + body;
    }

    @Test
    void everyAnswer() throws Exception {
        try (MetricsServer m = MetricsServer.start("127.0.0.1:0", this::next).orElseThrow()) {
            var at = new InetSocketAddress("127.0.0.1", m.port());
            String ok = AdminWire.ask(at, "GET /metrics?x=1 HTTP/1.1\r\nHost: a\r\n\r\n");
            assertThat(ok).startsWith("HTTP/1.1 200 OK\r\nContent-Type: text/plain; version=0.0.4; charset=utf-8\r\n")
                    .contains("jkeepalived_build_info{version=\"jkeepalived t\"} 1\n");
            String head = AdminWire.ask(at, "HEAD /metrics HTTP/1.0\n\n");
            assertThat(head).startsWith("HTTP/1.1 200 OK\r\n").endsWith("Connection: close\r\n\r\n");
            int length = Integer.parseInt(head.replaceAll("(?s).*Content-Length: (\\d+).*", "$1"));
            assertThat(length).as("the length GET would have").isEqualTo(ok.length() - ok.indexOf("\r\n\r\n") - 4);

            assertThat(AdminWire.ask(at, "hello\r\n\r\n")).isEqualTo(text(400, "Bad Request", "bad request\n"));
            assertThat(AdminWire.ask(at, "GET / HTTP/1.1\r\n\r\n")).isEqualTo(text(404, "Not Found", "not found; try /metrics\n"));
            assertThat(AdminWire.ask(at, "POST /metrics HTTP/1.1\r\nContent-Length: 0\r\n\r\n"))
                    .isEqualTo(text(405, "Method Not Allowed", "GET only\n"));
            String start = "GET /metrics HTTP/1.1\r\nX: ";
            String full = start + "a".repeat(HttpRequestHead.MAX_BYTES - start.length()); // all read: a clean close
            assertThat(AdminWire.ask(at, full))
                    .isEqualTo(text(431, "Request Header Fields Too Large", "request head too large\n"));
            try (var c = SocketChannel.open(at)) { // leaves before its head is complete
                AdminWire.send(c, "GET /metrics HTTP/1.1\r\n");
                c.shutdownOutput();
                assertThat(AdminWire.readAll(c)).as("closed without an answer").isEmpty();
            }
            waitForNoClients(m);
        }
    }

    @Test
    void aLoopThatDoesNotAnswerIsA503AfterTwoSeconds() throws Exception {
        answers.add(new CompletableFuture<>());
        answers.add(CompletableFuture.failedFuture(new IllegalStateException("engine gone")));
        try (MetricsServer m = MetricsServer.start("127.0.0.1:0", this::next).orElseThrow()) {
            var at = new InetSocketAddress("127.0.0.1", m.port());
            long t0 = System.nanoTime();
            assertThat(AdminWire.ask(at, "GET /metrics HTTP/1.1\r\n\r\n"))
                    .isEqualTo(text(503, "Service Unavailable", "event loop did not answer\n"));
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isBetween(1900L, 3000L);
            waitForNoClients(m);
            assertThat(AdminWire.ask(at, "GET /metrics HTTP/1.1\r\n\r\n")).as("a failed snapshot")
                    .isEqualTo(text(503, "Service Unavailable", "event loop did not answer\n"));
            assertThat(AdminWire.ask(at, "GET /metrics HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 200 OK\r\n");
        }
    }

    private static void waitForNoClients(MetricsServer m) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (m.view().open() != 0) {
            assertThat(System.nanoTime()).as("every client released within 5 s").isLessThan(end);
            Thread.sleep(10);
        }
    }
}
