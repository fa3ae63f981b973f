package io.jkeepalived.lvs;

import io.jkeepalived.config.model.IpText;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * A real (or sorry) server inside a service.
 *
 * @param weight     0 keeps it in the table without new connections ({@code inhibit_on_failure})
 * @param uthreshold {@code uthreshold}, 0 = none
 * @param lthreshold {@code lthreshold}, 0 = none
 * @param tunnel     the encapsulation of a TUN destination; {@link Tunnel#DEFAULT} for the others
 */
public record Destination(InetAddress ip, int port, long weight, ForwardMethod method, long uthreshold,
                          long lthreshold, Tunnel tunnel) {

    /** A destination with the default tunnel settings (all NAT and DR ones, IPIP TUN ones). */
    public Destination(InetAddress ip, int port, long weight, ForwardMethod method, long uthreshold, long lthreshold) {
        this(ip, port, weight, method, uthreshold, lthreshold, Tunnel.DEFAULT);
    }

    public Key key() {
        return new Key(ip, port);
    }

    public Destination withWeight(long w) {
        return new Destination(ip, port, w, method, uthreshold, lthreshold, tunnel);
    }

    /** A destination is identified inside its service by address and port. */
    public record Key(InetAddress ip, int port) {
        @Override
        public String toString() {
            return (ip instanceof Inet6Address ? "[" + IpText.of(ip) + "]" : IpText.of(ip)) + ":" + port;
        }
    }
}
