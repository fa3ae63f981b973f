package io.jkeepalived.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Web servers that answer every request with their own name, and a one-request client, for the
 * load-balancer tests: which server answered is what the kernel's table decided. Call both from a
 * thread inside the right namespace ({@link NetNs#run}).
 */
public final class NamedHttp {
    private NamedHttp() {}

    /** Serves {@code name} on {@code address}:{@code port} ({@code "::"} for every address). */
    public static HttpServer serve(String name, String address, int port) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.ofLiteral(address), port), 64);
        s.createContext("/", ex -> {
            byte[] body = name.getBytes(StandardCharsets.US_ASCII);
            ex.sendResponseHeaders(200, body.length);
            try (var out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        s.start();
        return s;
    }

    /** One GET on a new connection (from {@code source} when given): the body, i.e. the server's name. */
    public static String fetch(Optional<String> source, String vip, int port, int timeoutMillis) throws IOException {
        try (Socket s = new Socket()) {
            s.setSoTimeout(timeoutMillis);
            if (source.isPresent()) s.bind(new InetSocketAddress(InetAddress.ofLiteral(source.get()), 0));
            s.connect(new InetSocketAddress(InetAddress.ofLiteral(vip), port), timeoutMillis);
            s.getOutputStream().write("GET / HTTP/1.0\r\nHost: vip\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String reply = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            int body = reply.indexOf("\r\n\r\n");
            return body < 0 ? "!no reply" : reply.substring(body + 4);
        }
    }
}
