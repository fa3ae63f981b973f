package io.jkeepalived.check.probe;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Function;

/**
 * A real UDP responder, on 127.0.0.1 or on a socket made elsewhere (a {@link ProbeLab} namespace):
 * answers each datagram with the datagrams {@code reply} returns.
 */
final class LocalUdpServer implements AutoCloseable {

    private final DatagramSocket socket;

    LocalUdpServer(Function<byte[], List<byte[]>> reply) throws IOException {
        this(new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)), reply);
    }

    LocalUdpServer(DatagramSocket socket, Function<byte[], List<byte[]>> reply) {
        this.socket = socket;
        Thread.ofVirtual().start(() -> {
            byte[] buf = new byte[65536];
            while (!socket.isClosed()) {
                try {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    socket.receive(p);
                    byte[] in = java.util.Arrays.copyOf(buf, p.getLength());
                    for (byte[] out : reply.apply(in)) {
                        socket.send(new DatagramPacket(out, out.length, p.getSocketAddress()));
                    }
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    Endpoint endpoint() {
        return Endpoint.to(socket.getLocalAddress(), socket.getLocalPort());
    }

    @Override
    public void close() {
        socket.close();
    }
}
