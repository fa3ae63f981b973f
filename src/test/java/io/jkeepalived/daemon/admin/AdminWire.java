package io.jkeepalived.daemon.admin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/** Plain blocking clients of the admin endpoints for tests: no HTTP client, no thread of their own. */
final class AdminWire {
    private AdminWire() {
    }

    /** Sends {@code request} on a new connection and reads until the server closes it. */
    static String ask(SocketAddress at, String request) throws IOException {
        try (SocketChannel c = SocketChannel.open(at)) {
            send(c, request);
            return new String(readAll(c), StandardCharsets.UTF_8);
        }
    }

    static void send(SocketChannel c, String text) throws IOException {
        ByteBuffer out = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (out.hasRemaining()) {
            c.write(out);
        }
    }

    /** Everything until the server closes (or resets) the connection. */
    static byte[] readAll(SocketChannel c) throws IOException {
        var all = new ByteArrayOutputStream();
        ByteBuffer b = ByteBuffer.allocate(64 * 1024);
        try {
            while (c.read(b) >= 0) {
                all.write(b.array(), 0, b.position());
                b.clear();
            }
        } catch (IOException e) {
            // reset after the answer: what came before it counts
        }
        return all.toByteArray();
    }
}
