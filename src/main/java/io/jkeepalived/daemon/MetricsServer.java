package io.jkeepalived.daemon;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jkeepalived.status.DaemonStatus;
import io.jkeepalived.status.PrometheusText;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prometheus {@code GET /metrics} on the JDK's HTTP server (off unless asked for). Requests are
 * served on virtual threads; the snapshot is taken on the event loop like the status command's.
 */
final class MetricsServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);
    private final HttpServer http;

    private MetricsServer(HttpServer http) {
        this.http = http;
    }

    /** {@code listen} is {@code ADDRESS:PORT} or {@code [V6ADDRESS]:PORT}. */
    static Optional<MetricsServer> start(String listen, Supplier<CompletableFuture<DaemonStatus>> status) {
        Optional<InetSocketAddress> at = parse(listen);
        if (at.isEmpty()) {
            LOG.error("metrics: cannot parse listen address '{}' (want ADDRESS:PORT or [V6]:PORT)", listen);
            return Optional.empty();
        }
        try {
            HttpServer http = HttpServer.create(at.get(), 16);
            http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            http.createContext("/", ex -> handle(ex, status));
            http.start();
            LOG.info("metrics: serving http://{}/metrics", listen);
            return Optional.of(new MetricsServer(http));
        } catch (IOException | RuntimeException e) {
            LOG.error("metrics: cannot listen on {}: {}", listen, e.toString());
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
        return http.getAddress().getPort();
    }

    private static void handle(HttpExchange ex, Supplier<CompletableFuture<DaemonStatus>> status) throws IOException {
        try (ex) {
            if (!ex.getRequestURI().getPath().equals("/metrics")) {
                reply(ex, 404, "text/plain; charset=utf-8", "not found; try /metrics\n");
                return;
            }
            if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD")) {
                reply(ex, 405, "text/plain; charset=utf-8", "GET only\n");
                return;
            }
            String body;
            try {
                body = PrometheusText.render(status.get().get(2, TimeUnit.SECONDS));
            } catch (Exception e) {
                reply(ex, 503, "text/plain; charset=utf-8", "event loop did not answer\n");
                return;
            }
            reply(ex, 200, PrometheusText.CONTENT_TYPE, body);
        }
    }

    private static void reply(HttpExchange ex, int code, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(code, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream o = ex.getResponseBody()) {
                o.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
