package io.jkeepalived.os;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.OptionalInt;

/**
 * An AF_PACKET socket on one interface, for link-layer frames the IP stack would not send for us:
 * gratuitous ARP and unsolicited neighbour advertisements. The caller builds the whole Ethernet frame
 * (destination, source, EtherType, payload); this class only puts it on the wire.
 *
 * <pre>
 * struct sockaddr_ll { u16 sll_family; be16 sll_protocol; int sll_ifindex; u16 sll_hatype;
 *                      u8 sll_pkttype; u8 sll_halen; u8 sll_addr[8]; };
 * </pre>
 * Not thread-safe; nothing is allocated per frame when frames are native segments.
 */
public final class PacketSocket implements AutoCloseable {

    private static final int MAX_FRAME = 2048;

    private final OwnedFd fd;
    private final String ifname;
    private final int ifindex;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment address;
    private final MemorySegment frameCopy;
    private final MemorySegment pollFd;

    private PacketSocket(OwnedFd fd, String ifname, int ifindex) {
        this.fd = fd;
        this.ifname = ifname;
        this.ifindex = ifindex;
        this.address = arena.allocate(SockAddr.LL);
        this.frameCopy = arena.allocate(MAX_FRAME, 8);
        this.pollFd = arena.allocate(8, 8);
    }

    /** A send-only socket (protocol 0: the kernel queues nothing for it to read). */
    public static PacketSocket openSender(String ifname) throws OsException {
        int ifindex = index(ifname);
        return new PacketSocket(SocketOptions.socket(Linux.AF_PACKET, Linux.SOCK_RAW, 0, "AF_PACKET, SOCK_RAW"),
                ifname, ifindex);
    }

    /** A socket that receives frames of {@code etherType} (e.g. ETH_P_ARP, or ETH_P_ALL) on {@code ifname}. */
    public static PacketSocket openReceiver(String ifname, int etherType) throws OsException {
        int ifindex = index(ifname);
        var fd = SocketOptions.socket(Linux.AF_PACKET, Linux.SOCK_RAW, Short.toUnsignedInt(htons(etherType)),
                "AF_PACKET, SOCK_RAW, 0x" + Integer.toHexString(etherType));
        try (var a = Arena.ofConfined()) {
            bind(fd, a, etherType, ifindex, ifname);
            return new PacketSocket(fd, ifname, ifindex);
        } catch (OsException | RuntimeException e) {
            fd.close();
            throw e;
        }
    }

    /**
     * A non-blocking socket receiving, on {@code ifname}, only the frames {@code filter} (classic BPF)
     * accepts. The filter is attached before the socket is bound, so no unfiltered frame is ever queued.
     */
    public static PacketSocket openFiltered(String ifname, int etherType, ClassicBpf filter) throws OsException {
        int ifindex = index(ifname);
        var fd = SocketOptions.socket(Linux.AF_PACKET, Linux.SOCK_RAW | Linux.SOCK_NONBLOCK, 0,
                "AF_PACKET, SOCK_RAW, filtered");
        try (var a = Arena.ofConfined()) {
            MemorySegment program = filter.program(a);
            SocketOptions.set(fd, Linux.SOL_SOCKET, Linux.SO_ATTACH_FILTER, program, "SO_ATTACH_FILTER", " on " + ifname);
            bind(fd, a, etherType, ifindex, ifname);
            return new PacketSocket(fd, ifname, ifindex);
        } catch (OsException | RuntimeException e) {
            fd.close();
            throw e;
        }
    }

    /** Binds {@code fd} to {@code etherType} frames of interface {@code ifindex}. */
    private static void bind(OwnedFd fd, Arena a, int etherType, int ifindex, String ifname) throws OsException {
        var sll = a.allocate(SockAddr.LL);
        sll.set(ValueLayout.JAVA_SHORT, 0, (short) Linux.AF_PACKET);
        sll.set(SockAddr.U16_BE, SockAddr.LL_PROTOCOL, (short) etherType);
        sll.set(ValueLayout.JAVA_INT, SockAddr.LL_IFINDEX, ifindex);
        int r = Libc.bind(fd.fd(), sll, (int) sll.byteSize());
        if (r < 0) {
            throw new OsException("bind(AF_PACKET) on " + ifname, -r);
        }
    }

    private static int index(String ifname) throws OsException {
        return Interfaces.indexOf(ifname)
                .orElseThrow(() -> new OsException("if_nametoindex(" + ifname + ")", Errno.ENODEV));
    }

    private static short htons(int v) {
        return Short.reverseBytes((short) v);
    }

    public int fd() {
        return fd.fd();
    }

    public int interfaceIndex() {
        return ifindex;
    }

    /** Sends one complete Ethernet frame (at least the 14-byte header) on the interface. */
    public void send(MemorySegment frame) throws OsException {
        if (frame.byteSize() < 14 || frame.byteSize() > MAX_FRAME) {
            throw new IllegalArgumentException("Ethernet frame of " + frame.byteSize() + " bytes");
        }
        var data = frame;
        if (!frame.isNative()) {
            MemorySegment.copy(frame, 0, frameCopy, 0, frame.byteSize());
            data = frameCopy.asSlice(0, frame.byteSize());
        }
        address.fill((byte) 0);
        address.set(ValueLayout.JAVA_SHORT, 0, (short) Linux.AF_PACKET);
        address.set(SockAddr.U16_BE, SockAddr.LL_PROTOCOL, data.get(SockAddr.U16_BE, 12));
        address.set(ValueLayout.JAVA_INT, SockAddr.LL_IFINDEX, ifindex);
        address.set(ValueLayout.JAVA_BYTE, SockAddr.LL_HALEN, (byte) 6);
        MemorySegment.copy(data, 0, address, SockAddr.LL_ADDR, 6);
        long r = Libc.sendto(fd.fd(), data, data.byteSize(), 0, address, (int) address.byteSize());
        if (r < 0) {
            throw new OsException("sendto(AF_PACKET) on " + ifname, (int) -r);
        }
    }

    /** Waits up to {@code timeoutMillis} for a frame and copies it into {@code buffer}; returns its length. */
    public OptionalInt receive(MemorySegment buffer, int timeoutMillis) throws OsException {
        if (!buffer.isNative()) {
            throw new IllegalArgumentException("receive needs a native buffer");
        }
        pollFd.set(ValueLayout.JAVA_INT, 0, fd.fd());
        pollFd.set(ValueLayout.JAVA_SHORT, 4, Linux.POLLIN);
        pollFd.set(ValueLayout.JAVA_SHORT, 6, (short) 0);
        int ready = Libc.poll(pollFd, 1, timeoutMillis);
        if (ready <= 0) {
            return OptionalInt.empty();
        }
        long n = Libc.read(fd.fd(), buffer, buffer.byteSize());
        if (n == -Errno.EAGAIN || n == -Errno.EINTR) {
            return OptionalInt.empty();
        }
        if (n < 0) {
            throw new OsException("read(AF_PACKET) on " + ifname, (int) -n);
        }
        return OptionalInt.of((int) n);
    }

    /**
     * Reads one queued frame into {@code buffer} without waiting (a socket from {@link #openFiltered});
     * empty when none is queued. A frame longer than the buffer is truncated to it.
     */
    public OptionalInt receiveNow(MemorySegment buffer) throws OsException {
        if (!buffer.isNative()) {
            throw new IllegalArgumentException("receive needs a native buffer");
        }
        long n = Libc.read(fd.fd(), buffer, buffer.byteSize());
        if (n == -Errno.EAGAIN || n == -Errno.EINTR) {
            return OptionalInt.empty();
        }
        if (n < 0) {
            throw new OsException("read(AF_PACKET) on " + ifname, (int) -n);
        }
        return OptionalInt.of((int) n);
    }

    public String ifname() {
        return ifname;
    }

    @Override
    public void close() {
        fd.close();
        arena.close();
    }
}
