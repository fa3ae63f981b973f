package io.jkeepalived.os;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;

/**
 * A non-blocking ICMP or ICMPv6 socket for echo requests. It is an unprivileged "ping socket"
 * ({@code SOCK_DGRAM}, allowed when our group is in {@code net.ipv4.ping_group_range}; the kernel
 * owns the echo identifier and filters replies for us) and, when that is refused and we may
 * ({@code CAP_NET_RAW}), a raw socket (we see all ICMP and must filter; IPv4 replies carry the IP
 * header). We never widen ping_group_range ourselves: that is a host-wide setting.
 *
 * <p>Every call is non-blocking ({@code MSG_DONTWAIT}); the caller waits with {@link PollSet} on
 * one platform thread. One thread at a time.
 */
public final class IcmpSocket implements AutoCloseable {

    /** Which kind of socket the kernel gave us. */
    public enum Kind { DATAGRAM, RAW }

    /** One received ICMP message (IPv4 header removed) and its sender. */
    public record Received(InetAddress from, byte[] icmp) {}

    private static final int IPPROTO_ICMP = 1;
    private static final int IPPROTO_ICMPV6 = 58;
    private static final int SO_MARK = 36;
    private static final int BUF = 2048;

    private final OwnedFd fd;
    private final Kind kind;
    private final boolean ipv6;
    private final Arena arena = Arena.ofConfined();
    private final MemorySegment name = arena.allocate(SockAddr.MAX_SIZE, 8);
    private final MemorySegment buf = arena.allocate(BUF, 8);
    private final MemorySegment iov = arena.allocate(Msghdr.IOVEC);
    private final MemorySegment msg = arena.allocate(Msghdr.MSGHDR);

    private IcmpSocket(OwnedFd fd, Kind kind, boolean ipv6) {
        this.fd = fd;
        this.kind = kind;
        this.ipv6 = ipv6;
    }

    /** Opens a socket of the family, bound to {@code source} / {@code ifname} and marked when asked. */
    public static IcmpSocket open(boolean ipv6, Optional<InetAddress> source, Optional<String> ifname,
                                  Optional<Long> fwmark) throws OsException {
        int domain = ipv6 ? Linux.AF_INET6 : Linux.AF_INET;
        int proto = ipv6 ? IPPROTO_ICMPV6 : IPPROTO_ICMP;
        int type = Linux.SOCK_NONBLOCK | Linux.SOCK_CLOEXEC;
        Kind kind = Kind.DATAGRAM;
        int r = Libc.socket(domain, Linux.SOCK_DGRAM | type, proto);
        if (r == -Errno.EACCES || r == -Errno.EPERM) {
            kind = Kind.RAW;
            r = Libc.socket(domain, Linux.SOCK_RAW | type, proto);
        }
        OwnedFd fd = OwnedFd.adopt(r, "socket(" + (ipv6 ? "ICMPv6" : "ICMP") + ", " + kind + ")");
        IcmpSocket s = new IcmpSocket(fd, kind, ipv6);
        try {
            if (ifname.isPresent()) {
                SocketOptions.bindToDevice(fd, ifname.get());
            }
            if (fwmark.isPresent()) {
                SocketOptions.setInt(fd, Linux.SOL_SOCKET, SO_MARK, (int) (long) fwmark.get(), "SO_MARK", "");
            }
            if (source.isPresent()) {
                int len = SockAddr.writeInet(s.name, source.get(), scope(source.get()));
                int b = Libc.bind(fd.fd(), s.name, len);
                if (b < 0) {
                    throw new OsException("bind(" + source.get().getHostAddress() + ")", -b);
                }
            }
        } catch (OsException | RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    public Kind kind() {
        return kind;
    }

    public boolean ipv6() {
        return ipv6;
    }

    public int fd() {
        return fd.fd();
    }

    /** Sends one ICMP message; false when the socket buffer is full (EAGAIN), an exception otherwise. */
    public boolean send(InetAddress to, byte[] icmp) throws OsException {
        int len = SockAddr.writeInet(name, to, scope(to));
        MemorySegment.copy(icmp, 0, buf, ValueLayout.JAVA_BYTE, 0, Math.min(icmp.length, BUF));
        long r = Libc.sendto(fd.fd(), buf, Math.min(icmp.length, BUF), Linux.MSG_DONTWAIT, name, len);
        if (r == -Errno.EAGAIN) {
            return false;
        }
        if (r < 0) {
            throw new OsException("sendto(" + to.getHostAddress() + ")", (int) -r);
        }
        return true;
    }

    /** The next waiting message, or empty when there is none (EAGAIN). */
    public Optional<Received> receive() throws OsException {
        Msghdr.setIovec(iov, 0, buf, BUF);
        msg.fill((byte) 0);
        msg.set(ValueLayout.ADDRESS, Msghdr.NAME, name);
        msg.set(ValueLayout.JAVA_INT, Msghdr.NAMELEN, (int) SockAddr.MAX_SIZE);
        msg.set(ValueLayout.ADDRESS, Msghdr.IOV, iov);
        msg.set(ValueLayout.JAVA_LONG, Msghdr.IOVLEN, 1);
        long n = Libc.recvmsg(fd.fd(), msg, Linux.MSG_DONTWAIT);
        if (n == -Errno.EAGAIN) {
            return Optional.empty();
        }
        if (n < 0) {
            throw new OsException("recvmsg(ICMP)", (int) -n);
        }
        InetAddress from = ipv6 ? SockAddr.readAddress(name, SockAddr.IN6_ADDR, 16)
                : SockAddr.readAddress(name, SockAddr.IN_ADDR, 4);
        int skip = 0;
        if (!ipv6 && kind == Kind.RAW && n > 0) {
            skip = (buf.get(ValueLayout.JAVA_BYTE, 0) & 0x0f) * 4;
        }
        if (skip >= n) {
            return Optional.of(new Received(from, new byte[0]));
        }
        return Optional.of(new Received(from, buf.asSlice(skip, n - skip).toArray(ValueLayout.JAVA_BYTE)));
    }

    private static int scope(InetAddress a) {
        return a instanceof Inet6Address v6 ? v6.getScopeId() : 0;
    }

    @Override
    public void close() {
        fd.close();
        arena.close();
    }
}
