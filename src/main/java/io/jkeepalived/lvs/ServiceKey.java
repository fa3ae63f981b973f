package io.jkeepalived.lvs;

import io.jkeepalived.config.model.IpText;
import java.net.Inet6Address;
import java.net.InetAddress;

/** What identifies a virtual service in the kernel: protocol, address and port, or a firewall mark. */
public sealed interface ServiceKey {

    /** {@code -t|-u|--sctp-service VIP:PORT}; port 0 for a persistent service without a port. */
    record Addr(Protocol protocol, InetAddress vip, int port) implements ServiceKey {
        @Override
        public String toString() {
            String a = vip instanceof Inet6Address ? "[" + IpText.of(vip) + "]" : IpText.of(vip);
            return protocol + " " + a + ":" + port;
        }
    }

    /** {@code -f MARK}, with the address family of its destinations. */
    record Fwmark(long mark, boolean inet6) implements ServiceKey {
        @Override
        public String toString() {
            return "FWM " + mark + (inet6 ? " IPv6" : "");
        }
    }

    enum Protocol {
        TCP, UDP, SCTP;

        /** The lower-case spelling of keepalived's FIFO lines ({@code [10.0.0.1]:tcp:80}). */
        public String lower() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
