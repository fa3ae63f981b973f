package io.jkeepalived.lvs;

import io.jkeepalived.config.model.IpText;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;

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

    // equals and hashCode written out, with the records' meaning: the generated ones go through method
    // handles that the daemon's C1-only JIT does not inline (about 100 ns a call); a reload's table diff
    // compares and hashes every destination

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof Destination d && port == d.port && weight == d.weight && method == d.method
                && uthreshold == d.uthreshold && lthreshold == d.lthreshold && Objects.equals(ip, d.ip)
                && Objects.equals(tunnel, d.tunnel);
    }

    @Override
    public int hashCode() {
        return (Objects.hashCode(ip) * 31 + port) * 31 + Long.hashCode(weight);
    }

    /** A destination is identified inside its service by address and port. */
    public record Key(InetAddress ip, int port) {
        // written out for the daemon's C1 JIT, as Destination's
        @Override
        public boolean equals(Object o) {
            return o == this || o instanceof Key k && port == k.port && Objects.equals(ip, k.ip);
        }

        @Override
        public int hashCode() {
            return Objects.hashCode(ip) * 31 + port;
        }

        @Override
        public String toString() {
            return (ip instanceof Inet6Address ? "[" + IpText.of(ip) + "]" : IpText.of(ip)) + ":" + port;
        }
    }
}
