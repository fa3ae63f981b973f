package io.jkeepalived.check.probe;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;

/**
 * A connected UDP socket for one exchange: connected, so the kernel hands us ICMP port unreachable
 * as {@link java.net.PortUnreachableException} and drops datagrams from anyone else. JDK datagram
 * sockets park virtual threads instead of pinning their carrier.
 */
final class Datagrams {

    private Datagrams() {
    }

    static DatagramSocket open(Endpoint e) throws IOException {
        DatagramSocket s = new DatagramSocket(null);
        try {
            s.bind(e.scopedLocal().orElse(null));
            InetSocketAddress to = e.scopedRemote();
            s.connect(to);
            return s;
        } catch (IOException | RuntimeException ex) {
            s.close();
            throw ex;
        }
    }
}
