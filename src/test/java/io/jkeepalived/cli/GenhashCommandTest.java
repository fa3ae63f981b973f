package io.jkeepalived.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code jkeepalived -T}: keepalived's genhash against a real local web server. */
class GenhashCommandTest {

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void printsTheMd5OfThePage() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> serveOnce(server));
            Run r = run("-T", "-s", "127.0.0.1", "-p", Integer.toString(server.getLocalPort()), "-u", "/index.html",
                    "-V", "www.test", "-v");
            assertThat(r.code()).isZero();
            assertThat(r.out()).contains("HTTP/1.0 200 OK").endsWith("MD5SUM = 5d41402abc4b2a76b9719d911017c592\n");
        }
    }

    @Test
    void aRefusedConnectionExitsOne() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Run r = run("--genhash", "-s", "127.0.0.1", "-p", Integer.toString(port));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("REFUSED");
    }

    @Test
    void aServerIsRequired() {
        assertThat(run("-T", "-u", "/").code()).isEqualTo(1);
    }

    private static void serveOnce(ServerSocket server) {
        try (Socket s = server.accept()) {
            InputStream in = s.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int c = in.read();
                if (c < 0) {
                    return;
                }
                head.append((char) c);
            }
            OutputStream out = s.getOutputStream();
            String host = head.toString().contains("Host: www.test:") ? "hello" : "wrong host header";
            out.write(("HTTP/1.0 200 OK\r\nContent-Length: " + host.length() + "\r\n\r\n" + host).getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            // the test sees the failure through genhash's exit code
        }
    }
}
