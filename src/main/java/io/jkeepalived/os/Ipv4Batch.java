package io.jkeepalived.os;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Whole IPv4 datagrams (header included, as {@link VrrpSocket#sendIpv4} takes them) queued for one
 * {@code sendmmsg(2)}, each to its header's destination. A master of many instances sends all their
 * adverts in the same turn of the loop; in this VM a system call costs 1.5–2.5 µs of the 3–4 a raw
 * send does, so a thousand adverts cost a millisecond or two less in {@code sendmmsg} calls of
 * {@link #CAPACITY}. Native memory of its own (about 56 KB), reused; not thread-safe.
 *
 * <pre>
 * struct mmsghdr { struct msghdr msg_hdr; unsigned int msg_len; };   // 64 bytes on LP64
 * </pre>
 */
public final class Ipv4Batch {

    /** Messages per batch (the kernel takes up to UIO_MAXIOV, 1,024, per call). */
    public static final int CAPACITY = 256;
    /** Bytes of datagrams per batch: 256 adverts of 20 addresses fit. */
    static final int DATA = 256 * 128;
    static final long MMSGHDR = 64;
    private static final int IPV4_HEADER = 20;
    private static final int IPV4_DESTINATION = 16;

    private final Arena arena = Arena.ofAuto(); // freed with the batch: a daemon keeps one per interface
    private final MemorySegment data = arena.allocate(DATA, 8);
    private final MemorySegment headers = arena.allocate(MMSGHDR * CAPACITY, 8);
    private final MemorySegment iovecs = arena.allocate(Msghdr.IOVEC.byteSize() * CAPACITY, 8);
    private final MemorySegment names = arena.allocate(SockAddr.IN.byteSize() * CAPACITY, 8);
    private final int[] offsets = new int[CAPACITY];
    private final int[] lengths = new int[CAPACITY];
    private int count;
    private int used;

    /**
     * Each slot's mmsghdr already points at its own iovec and sockaddr_in (AF_INET, its length), so
     * queuing a datagram writes only its address, its length and its destination: nothing allocated
     * per advert.
     */
    public Ipv4Batch() {
        for (int i = 0; i < CAPACITY; i++) {
            long name = SockAddr.IN.byteSize() * i;
            names.set(ValueLayout.JAVA_SHORT, name, (short) Linux.AF_INET);
            long h = MMSGHDR * i;
            headers.set(ValueLayout.JAVA_LONG, h + Msghdr.NAME, names.address() + name);
            headers.set(ValueLayout.JAVA_INT, h + Msghdr.NAMELEN, (int) SockAddr.IN.byteSize());
            headers.set(ValueLayout.JAVA_LONG, h + Msghdr.IOV, iovecs.address() + Msghdr.IOVEC.byteSize() * i);
            headers.set(ValueLayout.JAVA_LONG, h + Msghdr.IOVLEN, 1L);
        }
    }

    /** How many datagrams are queued. */
    public int size() {
        return count;
    }

    /** Whether {@code datagram} fits beside the queued ones. */
    public boolean fits(MemorySegment datagram) {
        return count < CAPACITY && used + datagram.byteSize() <= DATA;
    }

    /** Queues a copy of {@code datagram} (an IPv4 header without options, then the payload); false when it does not {@linkplain #fits fit}. */
    public boolean add(MemorySegment datagram) {
        if (datagram.byteSize() < IPV4_HEADER || datagram.get(ValueLayout.JAVA_BYTE, 0) != 0x45) {
            throw new IllegalArgumentException("not an IPv4 datagram without options: " + datagram.byteSize() + " bytes");
        }
        if (!fits(datagram)) return false;
        int n = (int) datagram.byteSize();
        MemorySegment.copy(datagram, 0, data, used, n);
        MemorySegment.copy(datagram, IPV4_DESTINATION, names, SockAddr.IN.byteSize() * count + SockAddr.IN_ADDR, 4);
        long iov = Msghdr.IOVEC.byteSize() * count;
        iovecs.set(ValueLayout.JAVA_LONG, iov, data.address() + used);
        iovecs.set(ValueLayout.JAVA_LONG, iov + 8, n);
        offsets[count] = used;
        lengths[count] = n;
        used += (n + 7) & ~7;
        count++;
        return true;
    }

    /** Datagram {@code i} as queued. */
    public MemorySegment datagram(int i) {
        if (i < 0 || i >= count) throw new IndexOutOfBoundsException(i);
        return data.asSlice(offsets[i], lengths[i]);
    }

    /** Empties the batch for reuse. */
    public void clear() {
        count = 0;
        used = 0;
    }

    /** The mmsghdr array from message {@code from} on, for {@code sendmmsg}. */
    MemorySegment headersFrom(int from) {
        return headers.asSlice(MMSGHDR * from);
    }
}
