package io.jkeepalived.vrrp.wire;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The Internet checksum (RFC 1071): one's complement of the one's complement sum of 16-bit big-endian words. Sums
 * are kept as {@code long} partial sums so pseudo-headers and payloads can be added up separately and folded once.
 */
public final class InetChecksum {
    static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private InetChecksum() {
    }

    /** Adds the bytes {@code [offset, offset+length)} to {@code sum}; an odd last byte is padded with zero. */
    public static long add(long sum, MemorySegment segment, long offset, int length) {
        long s = sum;
        int i = 0;
        // 8 bytes at a time: each long adds as two 32-bit halves, which fold to the same 16-bit sum.
        for (; i + 8 <= length; i += 8) {
            long v = segment.get(U64, offset + i);
            s += (v >>> 32) + (v & 0xffff_ffffL);
        }
        if (i + 4 <= length) {
            s += Integer.toUnsignedLong(segment.get(U32, offset + i));
            i += 4;
        }
        if (i + 2 <= length) {
            s += Short.toUnsignedInt(segment.get(U16, offset + i));
            i += 2;
        }
        if (i < length) {
            s += (segment.get(ValueLayout.JAVA_BYTE, offset + i) & 0xff) << 8;
        }
        return s;
    }

    /** Adds a 32-bit value (two 16-bit words) to {@code sum}. */
    public static long add32(long sum, int value) {
        return sum + Integer.toUnsignedLong(value);
    }

    /** Adds the IPv4 pseudo-header of RFC 768 / RFC 5798 §5.2.8: src, dst, zero, protocol, length. */
    public static long ipv4PseudoHeader(int src, int dst, int protocol, int length) {
        return Integer.toUnsignedLong(src) + Integer.toUnsignedLong(dst) + (protocol & 0xff) + (length & 0xffff);
    }

    /**
     * Adds the IPv6 pseudo-header of RFC 8200 §8.1: src, dst (16 bytes each at the given offsets), upper-layer length,
     * three zero bytes, next header.
     */
    public static long ipv6PseudoHeader(MemorySegment src, long srcOffset, MemorySegment dst, long dstOffset,
                                        int length, int nextHeader) {
        long s = add(0, src, srcOffset, 16);
        s = add(s, dst, dstOffset, 16);
        return s + ((length >>> 16) & 0xffff) + (length & 0xffff) + (nextHeader & 0xff);
    }

    /** The IPv6 pseudo-header from addresses held as big-endian longs (high and low 8 bytes of each). */
    public static long ipv6PseudoHeader(long srcHigh, long srcLow, long dstHigh, long dstLow, int length,
                                        int nextHeader) {
        return words(srcHigh) + words(srcLow) + words(dstHigh) + words(dstLow)
                + ((length >>> 16) & 0xffff) + (length & 0xffff) + (nextHeader & 0xff);
    }

    /** Adds a 64-bit value (four 16-bit words) to {@code sum}. */
    public static long add64(long sum, long value) {
        return sum + words(value);
    }

    private static long words(long v) {
        return (v >>> 32) + (v & 0xffff_ffffL);
    }

    /** Folds a partial sum to 16 bits and complements it: the value to put in a checksum field. */
    public static int finish(long sum) {
        long s = sum;
        while ((s >>> 16) != 0) {
            s = (s & 0xffff) + (s >>> 16);
        }
        return (int) (~s & 0xffff);
    }

    /** True when a partial sum that includes the checksum field verifies (folds to 0xffff). */
    public static boolean verifies(long sum) {
        return finish(sum) == 0;
    }
}
