package io.jkeepalived.os;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;

/**
 * Remembers the last address read from one position (source or destination): a VRRP socket sees
 * the same few peers and groups over and over, so most packets reuse the previous
 * {@link InetAddress} and allocate nothing. Compares raw bytes in place; one per field, one thread.
 */
final class AddressCache {

    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;

    private long hi;
    private long lo;
    private int length;
    private InetAddress last;

    InetAddress read(MemorySegment src, long offset, int len) {
        long h;
        long l;
        if (len == 4) {
            h = src.get(INT, offset);
            l = 0;
        } else {
            h = src.get(LONG, offset);
            l = src.get(LONG, offset + 8);
        }
        if (last == null || len != length || h != hi || l != lo) {
            last = SockAddr.readAddress(src, offset, len);
            hi = h;
            lo = l;
            length = len;
        }
        return last;
    }
}
