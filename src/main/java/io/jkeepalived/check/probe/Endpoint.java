package io.jkeepalived.check.probe;

import io.jkeepalived.config.model.IpText;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.util.Optional;

/**
 * Where a probe connects and from where: {@code connect_ip}/{@code connect_port} (else the real
 * server), {@code bindto}/{@code bind_port}, {@code bind_if} and {@code fwmark}.
 *
 * <p>The JDK's sockets offer neither SO_BINDTODEVICE nor SO_MARK, so for JDK sockets {@code bind_if}
 * is applied the way keepalived needs it most: as the scope of IPv6 link-local addresses (which
 * cannot be reached without one). {@code fwmark} and {@code bind_if} as a device are applied where
 * the socket is our own: the daemon's TCP_CHECK ({@link TcpConnects}) and PING_CHECK; for the
 * others {@code fwmark} is carried in {@link #describe()} and documented as not applied.
 */
public record Endpoint(InetSocketAddress remote, Optional<InetSocketAddress> local, Optional<String> bindIf,
                       Optional<Long> fwmark) {

    public static Endpoint to(InetAddress address, int port) {
        return new Endpoint(new InetSocketAddress(address, port), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The remote address with the {@code bind_if} scope applied to a link-local IPv6 address. */
    InetSocketAddress scopedRemote() throws SocketException {
        InetAddress a = remote.getAddress();
        InetAddress s = scoped(a);
        // unscoped (nearly always): the address as configured, not a copy per probe
        return s == a ? remote : new InetSocketAddress(s, remote.getPort());
    }

    Optional<InetSocketAddress> scopedLocal() throws SocketException {
        if (local.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new InetSocketAddress(scoped(local.get().getAddress()), local.get().getPort()));
    }

    private InetAddress scoped(InetAddress a) throws SocketException {
        if (bindIf.isEmpty() || !(a instanceof Inet6Address v6) || !v6.isLinkLocalAddress() || v6.getScopeId() != 0) {
            return a;
        }
        NetworkInterface nif = NetworkInterface.getByName(bindIf.get());
        if (nif == null) {
            throw new SocketException("bind_if " + bindIf.get() + ": no such interface");
        }
        try {
            return Inet6Address.getByAddress(null, a.getAddress(), nif);
        } catch (java.net.UnknownHostException e) {
            throw new SocketException("bind_if " + bindIf.get() + ": " + e.getMessage());
        }
    }

    /** A TCP connection made within the deadline, bound first when {@code bindto}/{@code bind_port} say so. */
    Socket connect(Deadline deadline) throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            Optional<InetSocketAddress> from = scopedLocal();
            if (from.isPresent()) {
                s.setReuseAddress(true);
                s.bind(from.get());
            }
            s.connect(scopedRemote(), deadline.socketTimeoutMillis());
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** host:port, for dedup keys and messages. */
    String describe() {
        StringBuilder b = new StringBuilder(hostPort(remote));
        local.ifPresent(l -> b.append(" from ").append(hostPort(l)));
        bindIf.ifPresent(i -> b.append(" if ").append(i));
        fwmark.ifPresent(m -> b.append(" mark ").append(m));
        return b.toString();
    }

    /** host:port with IPv6 compressed and unscoped ([2001:db8::2]:80), as keepalived prints it. */
    static String hostPort(InetSocketAddress a) {
        String h = IpText.of(a.getAddress());
        return (a.getAddress() instanceof Inet6Address ? "[" + h + "]" : h) + ":" + a.getPort();
    }
}
