package io.jkeepalived.daemon.admin;

import io.jkeepalived.daemon.admin.GuardedServer.Input;
import io.jkeepalived.daemon.admin.GuardedServer.Render;
import io.jkeepalived.daemon.admin.GuardedServer.Step;
import io.jkeepalived.status.DaemonStatus;
import io.jkeepalived.status.NativeBytes;
import io.jkeepalived.status.EndpointView;
import io.jkeepalived.status.PrometheusText;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prometheus {@code GET /metrics} (off unless asked for): one request per connection, answered
 * and closed ({@code Connection: close}), which every scraper handles. Our own small HTTP/1.x
 * rather than the JDK's server, so that clients are bounded like the control socket's (a
 * {@link GuardedServer}: at most 64 at once, 10 s without progress, 60 s in all, idle ones make
 * way for newcomers) and served by its one thread without blocking. The snapshot is taken on the
 * event loop like the status command's and rendered on that thread; none within 2 s is a 503.
 */
public final class MetricsServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);
    private static final String TEXT = "text/plain; charset=utf-8";

    private final ServerSocketChannel server;
    private final GuardedServer clients;

    private MetricsServer(ServerSocketChannel server, Supplier<CompletableFuture<DaemonStatus>> status,
                          Optional<Housekeeping> housekeeping) throws IOException {
        this.server = server;
        this.clients = new GuardedServer("metrics", server, GuardedServer.Limits.of(HttpRequestHead.MAX_BYTES),
                (head, length, input) -> onRequest(head, length, input, status), housekeeping);
    }

    /** As {@link #start(String, Supplier, Optional)}, with no housekeeping. */
    public static Optional<MetricsServer> start(String listen, Supplier<CompletableFuture<DaemonStatus>> status) {
        return start(listen, status, Optional.empty());
    }

    /**
     * {@code listen} is {@code ADDRESS:PORT} or {@code [V6ADDRESS]:PORT}. Its thread also does
     * {@code housekeeping}, if any.
     */
    public static Optional<MetricsServer> start(String listen, Supplier<CompletableFuture<DaemonStatus>> status,
                                                Optional<Housekeeping> housekeeping) {
        Optional<InetSocketAddress> at = parse(listen);
        if (at.isEmpty()) {
            LOG.error("metrics: cannot parse listen address '{}' (want ADDRESS:PORT or [V6]:PORT)", listen);
            return Optional.empty();
        }
        ServerSocketChannel ch = null;
        try {
            ch = ServerSocketChannel.open(at.get().getAddress() instanceof java.net.Inet6Address
                    ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
            ch.setOption(java.net.StandardSocketOptions.SO_REUSEADDR, true);
            ch.bind(at.get(), GuardedServer.MAX_CLIENTS);
            LOG.info("metrics: serving http://{}/metrics", listen);
            return Optional.of(new MetricsServer(ch, status, housekeeping));
        } catch (IOException | RuntimeException e) {
            LOG.error("metrics: cannot listen on {}: {}", listen, e.toString());
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // nothing more to do
                }
            }
            return Optional.empty();
        }
    }

    static Optional<InetSocketAddress> parse(String listen) {
        int colon = listen.lastIndexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        String host = listen.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            int port = Integer.parseInt(listen.substring(colon + 1));
            if (port < 0 || port > 65535 || host.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new InetSocketAddress(java.net.InetAddress.ofLiteral(host), port));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The actual port (when 0 was asked for). */
    int port() {
        try {
            return ((InetSocketAddress) server.getLocalAddress()).getPort();
        } catch (IOException e) {
            return -1;
        }
    }

    /** Its connections so far (status and metrics show them). */
    public EndpointView view() {
        return clients.view();
    }

    /**
     * Server thread: a request is its head, complete at the empty line that ends it. Answered at
     * once but for {@code GET /metrics}, whose snapshot the loop takes and whose text is rendered
     * on the server thread.
     */
    private static Step onRequest(byte[] head, int length, Input input, Supplier<CompletableFuture<DaemonStatus>> status) {
        if (!HttpRequestHead.complete(head, length)) {
            return switch (input) {
                case OPEN -> new Step.Incomplete();
                case FULL -> Step.Answer.now(() -> reply(false, 431, "Request Header Fields Too Large", TEXT,
                        "request head too large\n"));
                case ENDED -> new Step.Close(); // gone before asking anything
            };
        }
        Optional<HttpRequestHead> req = HttpRequestHead.parse(head, length);
        if (req.isEmpty()) {
            return Step.Answer.now(() -> reply(false, 400, "Bad Request", TEXT, "bad request\n"));
        }
        boolean isHead = req.get().method().equals("HEAD");
        if (!req.get().path().equals("/metrics")) {
            return Step.Answer.now(() -> reply(isHead, 404, "Not Found", TEXT, "not found; try /metrics\n"));
        }
        if (!isHead && !req.get().method().equals("GET")) {
            return Step.Answer.now(() -> reply(false, 405, "Method Not Allowed", TEXT, "GET only\n"));
        }
        // A failed snapshot and none in time get the same 503: the scraper retries at its next interval.
        Render unavailable = () -> reply(isHead, 503, "Service Unavailable", TEXT, "event loop did not answer\n");
        return new Step.Answer(status.get().<Render>thenApply(s -> new MetricsAnswer(s, isHead))
                .exceptionally(e -> unavailable), unavailable);
    }

    /**
     * The metrics text rendered into native memory by the server thread and freed once written: with
     * 10,000 real servers it is about 10 MB, which as Strings and heap buffers outlived young
     * collections and grew the old generation at every scrape.
     */
    private static final class MetricsAnswer implements Render {
        private final DaemonStatus status;
        private final boolean head;
        private Optional<NativeBytes> rendered = Optional.empty();

        MetricsAnswer(DaemonStatus status, boolean head) {
            this.status = status;
            this.head = head;
        }

        @Override
        public Optional<ByteBuffer> bytes() {
            NativeBytes body = PrometheusText.renderNative(status);
            byte[] header = header(200, "OK", PrometheusText.CONTENT_TYPE, body.size());
            NativeBytes answer;
            if (head) {
                body.close();
                answer = new NativeBytes(header.length);
                answer.write(header, 0, header.length);
            } else {
                answer = body.prefixed(header);
            }
            rendered = Optional.of(answer);
            return Optional.of(answer.view());
        }

        @Override
        public void release() {
            rendered.ifPresent(NativeBytes::close);
        }
    }

    private static byte[] header(int code, String reason, String type, long length) {
        return ("HTTP/1.1 " + code + " " + reason + "\r\nContent-Type: " + type + "\r\nContent-Length: "
                + length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    private static Optional<ByteBuffer> reply(boolean head, int code, String reason, String type, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        byte[] header = header(code, reason, type, bytes.length);
        ByteBuffer out = ByteBuffer.allocate(header.length + (head ? 0 : bytes.length));
        out.put(header);
        if (!head) {
            out.put(bytes);
        }
        return Optional.of(out.flip());
    }

    @Override
    public void close() {
        clients.close();
    }
}
