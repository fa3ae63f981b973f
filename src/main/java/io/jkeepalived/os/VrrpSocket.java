package io.jkeepalived.os;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;

/**
 * A raw IP protocol 112 socket bound to one interface, for one address family: the daemon opens one
 * per (family, interface) and dispatches received adverts by VRID.
 *
 * <p>IPv4 sends with {@code IP_HDRINCL}: the caller hands over the whole datagram, header included, as
 * {@code AdvertEncoder.encodeIpv4} writes it (TOS 0xC0, keepalived's per-instance IP ID, DF clear, TTL,
 * protocol 112, source). That encoder is the only IPv4 header writer; the kernel puts back the total length
 * and header checksum, which come out equal to the encoder's, and leaves every other byte as written.
 * IPv6 lets the kernel build the header: traffic class 0xC0 by socket option, hop limit and source
 * per packet by ancillary data, and the VRRP checksum at offset 6 computed by the kernel
 * ({@code IPV6_CHECKSUM}) - so a VRRPv3 IPv6 payload may leave bytes 6-7 zero.
 *
 * <p>Multicast loopback is off; the socket is bound to the device ({@code SO_BINDTODEVICE}).
 * Not thread-safe: one thread (the event loop) sends and receives; all buffers are reused, so a
 * send or receive allocates nothing beyond the returned {@link ReceivedPacket} and its addresses.
 * Buffers passed in must be native segments (heap segments are copied on send, refused on receive).
 */
public final class VrrpSocket implements AutoCloseable {

    /** The traffic class / TOS every VRRP packet carries: Internetwork Control, DSCP CS6. */
    public static final int TRAFFIC_CLASS = 0xC0;
    private static final int IPV4_HEADER = 20;
    private static final int IPV4_DESTINATION = 16;
    private static final int SEND_BUFFER = 8192;
    private static final long CONTROL_SIZE = 256;

    private final OwnedFd fd;
    private final boolean ipv6;
    private final String ifname;
    private final int ifindex;
    private final String where;
    private final Arena arena = Arena.ofShared();

    private final MemorySegment sendPayload;
    private final MemorySegment sendName;
    private final MemorySegment sendIov;
    private final MemorySegment sendControl;
    private final MemorySegment sendMsg;

    private final MemorySegment recvName;
    private final MemorySegment recvIov;
    private final MemorySegment recvControl;
    private final MemorySegment recvMsg;
    private final MemorySegment pollFd;
    private final AddressCache sourceCache = new AddressCache();
    private final AddressCache destinationCache = new AddressCache();

    private VrrpSocket(OwnedFd fd, boolean ipv6, String ifname, int ifindex) {
        this.fd = fd;
        this.ipv6 = ipv6;
        this.ifname = ifname;
        this.ifindex = ifindex;
        this.where = " on " + ifname;
        sendPayload = arena.allocate(SEND_BUFFER, 8);
        sendName = arena.allocate(SockAddr.MAX_SIZE, 8);
        sendIov = arena.allocate(Msghdr.IOVEC.byteSize(), 8);
        sendControl = arena.allocate(CONTROL_SIZE, 8);
        sendMsg = arena.allocate(Msghdr.MSGHDR);
        recvName = arena.allocate(SockAddr.MAX_SIZE, 8);
        recvIov = arena.allocate(Msghdr.IOVEC.byteSize(), 8);
        recvControl = arena.allocate(CONTROL_SIZE, 8);
        recvMsg = arena.allocate(Msghdr.MSGHDR);
        pollFd = arena.allocate(8, 8);
    }

    /**
     * A raw IPv4/112 socket on {@code ifname} with IP_HDRINCL, IP_PKTINFO, loopback off. No TOS or TTL option:
     * with IP_HDRINCL the kernel takes both from the header the caller wrote.
     */
    public static VrrpSocket openIpv4(String ifname) throws OsException {
        int ifindex = requireIndex(ifname);
        var fd = SocketOptions.socket(Linux.AF_INET, Linux.SOCK_RAW, Linux.IPPROTO_VRRP, "AF_INET, SOCK_RAW, 112");
        try {
            SocketOptions.bindToDevice(fd, ifname);
            String w = " on " + ifname;
            SocketOptions.setInt(fd, Linux.IPPROTO_IP, Linux.IP_HDRINCL, 1, "IP_HDRINCL", w);
            SocketOptions.setInt(fd, Linux.IPPROTO_IP, Linux.IP_PKTINFO, 1, "IP_PKTINFO", w);
            SocketOptions.setInt(fd, Linux.IPPROTO_IP, Linux.IP_MULTICAST_LOOP, 0, "IP_MULTICAST_LOOP", w);
            try (var a = Arena.ofConfined()) {
                SocketOptions.set(fd, Linux.IPPROTO_IP, Linux.IP_MULTICAST_IF, ipMreqn(a, new byte[4], ifindex),
                        "IP_MULTICAST_IF", w);
            }
            return new VrrpSocket(fd, false, ifname, ifindex);
        } catch (OsException | RuntimeException e) {
            fd.close();
            throw e;
        }
    }

    /**
     * A raw IPv6/112 socket on {@code ifname}: kernel checksum at offset 6, hop limit 255 for
     * unicast and multicast, traffic class 0xC0, hop limit, packet info and traffic class reported
     * on receive, loopback off.
     */
    public static VrrpSocket openIpv6(String ifname) throws OsException {
        int ifindex = requireIndex(ifname);
        var fd = SocketOptions.socket(Linux.AF_INET6, Linux.SOCK_RAW, Linux.IPPROTO_VRRP, "AF_INET6, SOCK_RAW, 112");
        try {
            SocketOptions.bindToDevice(fd, ifname);
            String w = " on " + ifname;
            int v6 = Linux.IPPROTO_IPV6;
            SocketOptions.setInt(fd, v6, Linux.IPV6_CHECKSUM, 6, "IPV6_CHECKSUM", w);
            SocketOptions.setInt(fd, v6, Linux.IPV6_UNICAST_HOPS, 255, "IPV6_UNICAST_HOPS", w);
            SocketOptions.setInt(fd, v6, Linux.IPV6_MULTICAST_HOPS, 255, "IPV6_MULTICAST_HOPS", w);
            SocketOptions.setInt(fd, v6, Linux.IPV6_TCLASS, TRAFFIC_CLASS, "IPV6_TCLASS", w);
            SocketOptions.setInt(fd, v6, Linux.IPV6_RECVHOPLIMIT, 1, "IPV6_RECVHOPLIMIT", w);
            SocketOptions.setInt(fd, v6, Linux.IPV6_RECVPKTINFO, 1, "IPV6_RECVPKTINFO", w);
            SocketOptions.setInt(fd, v6, Linux.IPV6_RECVTCLASS, 1, "IPV6_RECVTCLASS", w);
            SocketOptions.setInt(fd, v6, Linux.IPV6_MULTICAST_LOOP, 0, "IPV6_MULTICAST_LOOP", w);
            SocketOptions.setInt(fd, v6, Linux.IPV6_MULTICAST_IF, ifindex, "IPV6_MULTICAST_IF", w);
            return new VrrpSocket(fd, true, ifname, ifindex);
        } catch (OsException | RuntimeException e) {
            fd.close();
            throw e;
        }
    }

    private static int requireIndex(String ifname) throws OsException {
        return Interfaces.indexOf(ifname).orElseThrow(() -> new OsException("if_nametoindex(" + ifname + ")",
                Errno.ENODEV));
    }

    public boolean isIpv6() {
        return ipv6;
    }

    public int interfaceIndex() {
        return ifindex;
    }

    /** For the event loop's poll set. */
    public int fd() {
        return fd.fd();
    }

    /** Joins a multicast group (224.0.0.18, ff02::12 or a configured one) on this socket's interface. */
    public void joinGroup(InetAddress group) throws OsException {
        membership(group, true);
    }

    public void leaveGroup(InetAddress group) throws OsException {
        membership(group, false);
    }

    private void membership(InetAddress group, boolean join) throws OsException {
        checkFamily(group);
        try (var a = Arena.ofConfined()) {
            if (ipv6) {
                var mreq = a.allocate(20, 4);
                MemorySegment.copy(group.getAddress(), 0, mreq, ValueLayout.JAVA_BYTE, 0, 16);
                mreq.set(ValueLayout.JAVA_INT, 16, ifindex);
                SocketOptions.set(fd, Linux.IPPROTO_IPV6, join ? Linux.IPV6_ADD_MEMBERSHIP : Linux.IPV6_DROP_MEMBERSHIP,
                        mreq, (join ? "IPV6_ADD_MEMBERSHIP " : "IPV6_DROP_MEMBERSHIP ") + group.getHostAddress(),
                        where);
            } else {
                var mreq = ipMreqn(a, group.getAddress(), ifindex);
                SocketOptions.set(fd, Linux.IPPROTO_IP, join ? Linux.IP_ADD_MEMBERSHIP : Linux.IP_DROP_MEMBERSHIP,
                        mreq, (join ? "IP_ADD_MEMBERSHIP " : "IP_DROP_MEMBERSHIP ") + group.getHostAddress(), where);
            }
        }
    }

    /** {@code struct ip_mreqn { in_addr imr_multiaddr; in_addr imr_address; int imr_ifindex; }} */
    private static MemorySegment ipMreqn(Arena a, byte[] group, int ifindex) {
        var mreq = a.allocate(12, 4);
        MemorySegment.copy(group, 0, mreq, ValueLayout.JAVA_BYTE, 0, 4);
        mreq.set(ValueLayout.JAVA_INT, 8, ifindex);
        return mreq;
    }

    /**
     * IPv4: sends one complete datagram whose header the caller wrote ({@code AdvertEncoder.encodeIpv4}). It
     * goes to the header's destination (bytes 16-19: the multicast group or a unicast peer). The ID must not be
     * 0, or the kernel would replace it with one of its own.
     */
    public void sendIpv4(MemorySegment datagram) throws OsException {
        if (ipv6) {
            throw new IllegalArgumentException("sendIpv4 on an IPv6 socket" + where);
        }
        if (datagram.byteSize() < IPV4_HEADER || datagram.byteSize() > SEND_BUFFER) {
            throw new IllegalArgumentException("IPv4 datagram of " + datagram.byteSize() + " bytes");
        }
        if (datagram.get(ValueLayout.JAVA_BYTE, 0) != 0x45) {
            throw new IllegalArgumentException("not an IPv4 header without options" + where);
        }
        var data = nativeCopy(datagram);
        sendName.fill((byte) 0);
        sendName.set(ValueLayout.JAVA_SHORT, 0, (short) Linux.AF_INET);
        MemorySegment.copy(data, IPV4_DESTINATION, sendName, SockAddr.IN_ADDR, 4);
        long r = Libc.sendto(fd.fd(), data, data.byteSize(), 0, sendName, (int) SockAddr.IN.byteSize());
        if (r < 0) {
            throw new OsException("sendto(VRRP to " + SockAddr.readAddress(data, IPV4_DESTINATION, 4)
                    .getHostAddress() + ")" + where, (int) -r);
        }
    }

    /**
     * IPv4: sends the batch's datagrams from {@code from} on with one {@code sendmmsg(2)}, each as
     * {@link #sendIpv4} would; returns how many the kernel took (at least one). When the first of
     * them is refused, throws with its errno: the caller counts it and goes on from the next.
     */
    public int sendIpv4(Ipv4Batch batch, int from) throws OsException {
        if (ipv6) {
            throw new IllegalArgumentException("sendIpv4 on an IPv6 socket" + where);
        }
        int n = batch.size() - from;
        if (n <= 0) {
            throw new IllegalArgumentException("nothing to send from " + from + " of " + batch.size());
        }
        int r = Libc.sendmmsg(fd.fd(), batch.headersFrom(from), n, 0);
        if (r < 0) {
            MemorySegment d = batch.datagram(from);
            throw new OsException("sendmmsg(VRRP to " + SockAddr.readAddress(d, IPV4_DESTINATION, 4).getHostAddress() + ")"
                    + where, -r);
        }
        return r;
    }

    /**
     * IPv6: sends one VRRP message to {@code destination} (multicast group or unicast peer) from
     * {@code source} ({@code mcast_src_ip}/{@code unicast_src_ip}; empty: the kernel picks the link-local
     * address) with the given hop limit (255, or {@code unicast_ttl}). The kernel builds the header.
     */
    public void sendIpv6(MemorySegment payload, Optional<InetAddress> source, InetAddress destination, int hopLimit)
            throws OsException {
        if (!ipv6) {
            throw new IllegalArgumentException("sendIpv6 on an IPv4 socket" + where);
        }
        checkFamily(destination);
        if (source.isPresent()) {
            checkFamily(source.get());
        }
        if (hopLimit < 0 || hopLimit > 255) {
            throw new IllegalArgumentException("hop limit out of range 0..255: " + hopLimit);
        }
        var data = nativeCopy(payload);
        int nameLen = SockAddr.writeInet(sendName, destination, ifindex);
        sendMsg.fill((byte) 0);
        sendMsg.set(ValueLayout.ADDRESS, Msghdr.NAME, sendName);
        sendMsg.set(ValueLayout.JAVA_INT, Msghdr.NAMELEN, nameLen);
        sendMsg.set(ValueLayout.ADDRESS, Msghdr.IOV, sendIov);
        Msghdr.setIovec(sendIov, 0, data, data.byteSize());
        sendMsg.set(ValueLayout.JAVA_LONG, Msghdr.IOVLEN, 1);
        long used = putIpv6Control(source, hopLimit);
        sendMsg.set(ValueLayout.ADDRESS, Msghdr.CONTROL, sendControl);
        sendMsg.set(ValueLayout.JAVA_LONG, Msghdr.CONTROLLEN, used);
        long r = Libc.sendmsg(fd.fd(), sendMsg, 0);
        if (r < 0) {
            throw new OsException("sendmsg(VRRP to " + destination.getHostAddress() + ")" + where, (int) -r);
        }
    }

    /** The segment itself when native, else a copy in this socket's send buffer. */
    private MemorySegment nativeCopy(MemorySegment payload) {
        if (payload.isNative()) {
            return payload;
        }
        if (payload.byteSize() > SEND_BUFFER) {
            throw new IllegalArgumentException("VRRP packet too large: " + payload.byteSize() + " bytes");
        }
        MemorySegment.copy(payload, 0, sendPayload, 0, payload.byteSize());
        return sendPayload.asSlice(0, payload.byteSize());
    }

    /** IPV6_HOPLIMIT always; IPV6_PKTINFO (source + interface) when a source is given. */
    private long putIpv6Control(Optional<InetAddress> source, int hopLimit) {
        sendControl.fill((byte) 0);
        long at = 0;
        long data = Msghdr.putCmsg(sendControl, at, Linux.IPPROTO_IPV6, Linux.IPV6_HOPLIMIT, 4);
        sendControl.set(ValueLayout.JAVA_INT, data, hopLimit);
        at += Msghdr.cmsgSpace(4);
        if (source.isPresent()) {
            data = Msghdr.putCmsg(sendControl, at, Linux.IPPROTO_IPV6, Linux.IPV6_PKTINFO, 20);
            MemorySegment.copy(source.get().getAddress(), 0, sendControl, ValueLayout.JAVA_BYTE, data, 16);
            sendControl.set(ValueLayout.JAVA_INT, data + 16, ifindex);
            at += Msghdr.cmsgSpace(20);
        }
        return at;
    }

    /**
     * Reads one pending datagram into {@code buffer} (a native segment) without blocking. Empty when
     * nothing is queued.
     */
    public Optional<ReceivedPacket> receive(MemorySegment buffer) throws OsException {
        if (!buffer.isNative()) {
            throw new IllegalArgumentException("receive needs a native buffer (Arena.allocate)");
        }
        Msghdr.setIovec(recvIov, 0, buffer, buffer.byteSize());
        recvMsg.fill((byte) 0);
        recvMsg.set(ValueLayout.ADDRESS, Msghdr.NAME, recvName);
        recvMsg.set(ValueLayout.JAVA_INT, Msghdr.NAMELEN, (int) SockAddr.MAX_SIZE);
        recvMsg.set(ValueLayout.ADDRESS, Msghdr.IOV, recvIov);
        recvMsg.set(ValueLayout.JAVA_LONG, Msghdr.IOVLEN, 1);
        recvMsg.set(ValueLayout.ADDRESS, Msghdr.CONTROL, recvControl);
        recvMsg.set(ValueLayout.JAVA_LONG, Msghdr.CONTROLLEN, CONTROL_SIZE);
        long n = Libc.recvmsg(fd.fd(), recvMsg, Linux.MSG_DONTWAIT);
        if (n == -Errno.EAGAIN || n == -Errno.EINTR) {
            return Optional.empty();
        }
        if (n < 0) {
            throw new OsException("recvmsg(VRRP)" + where, (int) -n);
        }
        boolean truncated = (recvMsg.get(ValueLayout.JAVA_INT, Msghdr.FLAGS) & Linux.MSG_TRUNC) != 0;
        int received = (int) Math.min(n, buffer.byteSize());
        return Optional.of(ipv6 ? parseIpv6(received, truncated) : parseIpv4(buffer, received, truncated));
    }

    /** Waits up to {@code timeoutMillis} for a datagram, then {@link #receive(MemorySegment)}. */
    public Optional<ReceivedPacket> receive(MemorySegment buffer, int timeoutMillis) throws OsException {
        pollFd.set(ValueLayout.JAVA_INT, 0, fd.fd());
        pollFd.set(ValueLayout.JAVA_SHORT, 4, Linux.POLLIN);
        pollFd.set(ValueLayout.JAVA_SHORT, 6, (short) 0);
        int r = Libc.poll(pollFd, 1, timeoutMillis);
        if (r < 0 && r != -Errno.EINTR) {
            throw new OsException("poll(VRRP)" + where, -r);
        }
        return r > 0 ? receive(buffer) : Optional.empty();
    }

    private ReceivedPacket parseIpv4(MemorySegment buffer, int received, boolean truncated) {
        int ihl = received >= 1 ? (buffer.get(ValueLayout.JAVA_BYTE, 0) & 0x0f) * 4 : 0;
        if (received < IPV4_HEADER || ihl < IPV4_HEADER || ihl > received) {
            // The kernel never delivers a raw IPv4 datagram without its header; keep it visible anyway.
            var none = SockAddr.readAddress(recvName, SockAddr.IN_ADDR, 4);
            return new ReceivedPacket(0, received, none, none, 0, 0, ifindex, truncated);
        }
        int tos = buffer.get(ValueLayout.JAVA_BYTE, 1) & 0xff;
        int ttl = buffer.get(ValueLayout.JAVA_BYTE, 8) & 0xff;
        var src = sourceCache.read(buffer, 12, 4);
        var dst = destinationCache.read(buffer, 16, 4);
        int inIf = ifindex;
        long controlLen = recvMsg.get(ValueLayout.JAVA_LONG, Msghdr.CONTROLLEN);
        for (long at = 0; at + Msghdr.CMSG_HDR <= controlLen; ) {
            long len = recvControl.get(ValueLayout.JAVA_LONG, at);
            if (len < Msghdr.CMSG_HDR || at + len > controlLen) {
                break;
            }
            int level = recvControl.get(ValueLayout.JAVA_INT, at + 8);
            int type = recvControl.get(ValueLayout.JAVA_INT, at + 12);
            if (level == Linux.IPPROTO_IP && type == Linux.IP_PKTINFO && len >= Msghdr.CMSG_HDR + 12) {
                inIf = recvControl.get(ValueLayout.JAVA_INT, at + Msghdr.CMSG_HDR);
            }
            at += Msghdr.cmsgAlign(len);
        }
        return new ReceivedPacket(ihl, received - ihl, src, dst, ttl, tos, inIf, truncated);
    }

    private ReceivedPacket parseIpv6(int received, boolean truncated) {
        var src = sourceCache.read(recvName, SockAddr.IN6_ADDR, 16);
        InetAddress dst = src;
        int hops = 0;
        int tclass = 0;
        int inIf = ifindex;
        long controlLen = recvMsg.get(ValueLayout.JAVA_LONG, Msghdr.CONTROLLEN);
        for (long at = 0; at + Msghdr.CMSG_HDR <= controlLen; ) {
            long len = recvControl.get(ValueLayout.JAVA_LONG, at);
            if (len < Msghdr.CMSG_HDR || at + len > controlLen) {
                break;
            }
            int level = recvControl.get(ValueLayout.JAVA_INT, at + 8);
            int type = recvControl.get(ValueLayout.JAVA_INT, at + 12);
            long data = at + Msghdr.CMSG_HDR;
            if (level == Linux.IPPROTO_IPV6) {
                if (type == Linux.IPV6_PKTINFO && len >= Msghdr.CMSG_HDR + 20) {
                    dst = destinationCache.read(recvControl, data, 16);
                    inIf = recvControl.get(ValueLayout.JAVA_INT, data + 16);
                } else if (type == Linux.IPV6_HOPLIMIT && len >= Msghdr.CMSG_HDR + 4) {
                    hops = recvControl.get(ValueLayout.JAVA_INT, data);
                } else if (type == Linux.IPV6_TCLASS && len >= Msghdr.CMSG_HDR + 4) {
                    tclass = recvControl.get(ValueLayout.JAVA_INT, data);
                }
            }
            at += Msghdr.cmsgAlign(len);
        }
        return new ReceivedPacket(0, received, src, dst, hops, tclass, inIf, truncated);
    }

    private void checkFamily(InetAddress addr) {
        boolean v6 = addr instanceof Inet6Address;
        if (v6 != ipv6 || !(v6 || addr instanceof Inet4Address)) {
            throw new IllegalArgumentException(addr.getHostAddress() + " is not an "
                    + (ipv6 ? "IPv6" : "IPv4") + " address (socket" + where + ")");
        }
    }

    @Override
    public void close() {
        fd.close();
        arena.close();
    }

    @Override
    public String toString() {
        return "VrrpSocket[" + (ipv6 ? "IPv6" : "IPv4") + where + ", " + fd + "]";
    }

}
