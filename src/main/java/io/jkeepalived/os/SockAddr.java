package io.jkeepalived.os;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;

/** Socket address layouts ({@code sockaddr_in}, {@code sockaddr_in6}, {@code sockaddr_ll}, {@code sockaddr_nl}). */
final class SockAddr {

    static final ValueLayout.OfShort U16_BE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    static final StructLayout IN = MemoryLayout.structLayout(
            ValueLayout.JAVA_SHORT.withName("sin_family"),
            U16_BE.withName("sin_port"),
            MemoryLayout.sequenceLayout(4, ValueLayout.JAVA_BYTE).withName("sin_addr"),
            MemoryLayout.sequenceLayout(8, ValueLayout.JAVA_BYTE).withName("sin_zero"));

    static final StructLayout IN6 = MemoryLayout.structLayout(
            ValueLayout.JAVA_SHORT.withName("sin6_family"),
            U16_BE.withName("sin6_port"),
            ValueLayout.JAVA_INT.withName("sin6_flowinfo"),
            MemoryLayout.sequenceLayout(16, ValueLayout.JAVA_BYTE).withName("sin6_addr"),
            ValueLayout.JAVA_INT.withName("sin6_scope_id"));

    static final StructLayout LL = MemoryLayout.structLayout(
            ValueLayout.JAVA_SHORT.withName("sll_family"),
            U16_BE.withName("sll_protocol"),
            ValueLayout.JAVA_INT.withName("sll_ifindex"),
            ValueLayout.JAVA_SHORT.withName("sll_hatype"),
            ValueLayout.JAVA_BYTE.withName("sll_pkttype"),
            ValueLayout.JAVA_BYTE.withName("sll_halen"),
            MemoryLayout.sequenceLayout(8, ValueLayout.JAVA_BYTE).withName("sll_addr"));

    static final StructLayout NL = MemoryLayout.structLayout(
            ValueLayout.JAVA_SHORT.withName("nl_family"),
            ValueLayout.JAVA_SHORT.withName("nl_pad"),
            ValueLayout.JAVA_INT.withName("nl_pid"),
            ValueLayout.JAVA_INT.withName("nl_groups"));

    static final long IN_ADDR = IN.byteOffset(groupElement("sin_addr"));
    static final long IN6_ADDR = IN6.byteOffset(groupElement("sin6_addr"));
    static final long IN6_SCOPE = IN6.byteOffset(groupElement("sin6_scope_id"));
    static final long LL_PROTOCOL = LL.byteOffset(groupElement("sll_protocol"));
    static final long LL_IFINDEX = LL.byteOffset(groupElement("sll_ifindex"));
    static final long LL_HALEN = LL.byteOffset(groupElement("sll_halen"));
    static final long LL_ADDR = LL.byteOffset(groupElement("sll_addr"));
    static final long NL_PID = NL.byteOffset(groupElement("nl_pid"));
    static final long NL_GROUPS = NL.byteOffset(groupElement("nl_groups"));

    /** Large enough for any address family we use. */
    static final long MAX_SIZE = IN6.byteSize();

    private SockAddr() {
    }

    /** Writes {@code addr} as sockaddr_in or sockaddr_in6 and returns its length. */
    static int writeInet(MemorySegment dst, InetAddress addr, int scopeId) {
        dst.asSlice(0, MAX_SIZE).fill((byte) 0);
        if (addr instanceof Inet4Address) {
            dst.set(ValueLayout.JAVA_SHORT, 0, (short) Linux.AF_INET);
            MemorySegment.copy(addr.getAddress(), 0, dst, ValueLayout.JAVA_BYTE, IN_ADDR, 4);
            return (int) IN.byteSize();
        }
        dst.set(ValueLayout.JAVA_SHORT, 0, (short) Linux.AF_INET6);
        MemorySegment.copy(addr.getAddress(), 0, dst, ValueLayout.JAVA_BYTE, IN6_ADDR, 16);
        dst.set(ValueLayout.JAVA_INT, IN6_SCOPE, scopeId);
        return (int) IN6.byteSize();
    }

    /** Reads an IPv4 or IPv6 address of {@code length} (4 or 16) bytes at {@code offset}. */
    static InetAddress readAddress(MemorySegment src, long offset, int length) {
        var bytes = new byte[length];
        MemorySegment.copy(src, ValueLayout.JAVA_BYTE, offset, bytes, 0, length);
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new AssertionError("4 or 16 bytes always form an address", e);
        }
    }

    static int family(InetAddress addr) {
        return addr instanceof Inet6Address ? Linux.AF_INET6 : Linux.AF_INET;
    }
}
