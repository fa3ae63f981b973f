package io.jkeepalived.check.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A real TCP server for probe tests, on 127.0.0.1 or on a listening socket made elsewhere (a
 * {@link ProbeLab} namespace): each connection runs {@code handler} on its own virtual thread.
 */
final class LocalTcpServer implements AutoCloseable {

    @FunctionalInterface
    interface Handler {
        void handle(Socket s) throws Exception;
    }

    private final ServerSocket server;
    /** Whatever the handlers record (request text, SNI names), for the test to assert on. */
    final BlockingQueue<String> seen = new LinkedBlockingQueue<>();

    LocalTcpServer(Handler handler) throws IOException {
        this(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), handler);
    }

    LocalTcpServer(ServerSocket server, Handler handler) {
        this.server = server;
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    Thread.ofVirtual().start(() -> {
                        try (s) {
                            handler.handle(s);
                        } catch (Exception e) {
                            // the probe hung up or the test closed us: fine for a test server
                        }
                    });
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    int port() {
        return server.getLocalPort();
    }

    Endpoint endpoint() {
        return Endpoint.to(server.getInetAddress(), port());
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
