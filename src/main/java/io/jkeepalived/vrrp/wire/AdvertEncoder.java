package io.jkeepalived.vrrp.wire;

import static io.jkeepalived.vrrp.wire.InetChecksum.U16;
import static io.jkeepalived.vrrp.wire.InetChecksum.U32;
import static io.jkeepalived.vrrp.wire.InetChecksum.U64;
import static io.jkeepalived.vrrp.wire.VrrpHeader.IPV4_HEADER_BYTES;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * Encodes advertisements byte-exact with keepalived 2.2.7 into a caller-provided buffer, allocating nothing. See
 * {@link VrrpHeader} for the bit layout.
 *
 * <pre>
 * IPv4 header written for IP_HDRINCL (RFC 791)
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |Version=4|IHL=5| TOS = 0xC0    |          Total Length         |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |     Identification (ipId)     |Flags=0|  Fragment Offset = 0  |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  TTL (255)    | Protocol=112  |        Header Checksum        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                       Source Address                          |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                    Destination Address                        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>IPv4 addresses are {@code int}s in network order (198.18.0.1 is {@code 0xC6120001}).
 */
public final class AdvertEncoder {
    private AdvertEncoder() {
    }

    /** Bytes {@link #encodeIpv4} writes: the IPv4 header plus the VRRP message. */
    public static int ipv4PacketLength(Advertisement ad) {
        return IPV4_HEADER_BYTES + ad.vrrpLength();
    }

    /**
     * Writes a complete IPv4 packet (header + VRRP) at {@code offset}, for a raw socket with IP_HDRINCL. This is
     * the daemon's only IPv4 header writer: the socket sends these bytes as they are.
     *
     * @param dst   224.0.0.18 or, for unicast, the peer this copy goes to (the VRRPv3 checksum covers it)
     * @param ttl   255, or {@code unicast_ttl}
     * @param ipId  the IP identification, from the instance's {@link Ipv4Identification}; not 0
     * @return the number of bytes written
     * @throws IndexOutOfBoundsException if {@code out} is too small (a sizing bug in the caller)
     */
    public static int encodeIpv4(Advertisement ad, int src, int dst, int ttl, int ipId, MemorySegment out,
                                 long offset) {
        if (ad.family() != IpFamily.IPV4) {
            throw new IllegalArgumentException("not an IPv4 advertisement");
        }
        int vrrpLength = ad.vrrpLength();
        int total = IPV4_HEADER_BYTES + vrrpLength;
        // The header is composed in registers and its checksum computed from them: no read-back of the buffer.
        long first = 0x45L << 56 | (long) VrrpHeader.TOS_INTERNETWORK_CONTROL << 48 | (long) total << 32
                | (ipId & 0xffffL) << 16;
        long second = (ttl & 0xffL) << 56 | (long) VrrpHeader.PROTOCOL_VRRP << 48 | (src & 0xffff_ffffL);
        int headerChecksum = InetChecksum.finish(InetChecksum.add32(
                InetChecksum.add64(InetChecksum.add64(0, first), second), dst));
        out.set(U64, offset, first);
        out.set(U64, offset + 8, second | (long) headerChecksum << 32);
        out.set(U32, offset + 16, dst);

        long sum = writeMessage(ad, out, offset + IPV4_HEADER_BYTES);
        if (ad.version() == VrrpVersion.V3 && ad.checksumMode() != ChecksumMode.AS_V2) {
            int pseudoDst = ad.checksumMode() == ChecksumMode.OLD_UNICAST ? VrrpHeader.GROUP_V4 : dst;
            sum += InetChecksum.ipv4PseudoHeader(src, pseudoDst, VrrpHeader.PROTOCOL_VRRP, vrrpLength);
        }
        out.set(U16, offset + IPV4_HEADER_BYTES + VrrpHeader.OFF_CHECKSUM, (short) InetChecksum.finish(sum));
        return total;
    }

    /** {@link #encodeIpv4(Advertisement, int, int, int, int, MemorySegment, long)} at the buffer's position,
     * which it advances. */
    public static int encodeIpv4(Advertisement ad, int src, int dst, int ttl, int ipId, ByteBuffer out) {
        int n = encodeIpv4(ad, src, dst, ttl, ipId, MemorySegment.ofBuffer(out), 0);
        out.position(out.position() + n);
        return n;
    }

    /**
     * Writes the VRRPv3 message for IPv6 with a zero checksum: the socket's {@code IPV6_CHECKSUM} (offset 6) makes
     * the kernel fill it in, and the kernel also builds the IPv6 header.
     */
    public static int encodeIpv6(Advertisement ad, MemorySegment out, long offset) {
        if (ad.family() != IpFamily.IPV6) {
            throw new IllegalArgumentException("not an IPv6 advertisement");
        }
        writeMessage(ad, out, offset);
        return ad.vrrpLength();
    }

    /**
     * Writes the VRRPv3 message for IPv6 with its checksum over the IPv6 pseudo-header (RFC 5798 §5.2.8), exactly
     * what the kernel would put there: for golden tests and for senders without {@code IPV6_CHECKSUM}.
     *
     * @param src 16 bytes: the link-local (or configured) source address
     * @param dst 16 bytes: ff02::12 or the unicast peer
     */
    public static int encodeIpv6(Advertisement ad, MemorySegment src, MemorySegment dst, MemorySegment out,
                                 long offset) {
        int n = encodeIpv6(ad, out, offset);
        long sum = InetChecksum.ipv6PseudoHeader(src, 0, dst, 0, n, VrrpHeader.PROTOCOL_VRRP);
        sum = InetChecksum.add(sum, out, offset, n);
        out.set(U16, offset + VrrpHeader.OFF_CHECKSUM, (short) InetChecksum.finish(sum));
        return n;
    }

    /** Writes the VRRP message with a zero checksum and returns its partial checksum sum. */
    private static long writeMessage(Advertisement ad, MemorySegment out, long at) {
        long head = (long) ((ad.version().wire() << 4) | VrrpHeader.TYPE_ADVERTISEMENT) << 56
                | (long) ad.vrid() << 48 | (long) ad.priority() << 40 | (long) ad.addresses().count() << 32;
        head |= switch (ad.version()) {
            case V2 -> (long) ad.authType().wire() << 24 | (long) (ad.adverIntCentis() / 100) << 16;
            case V3 -> (long) (ad.adverIntCentis() & 0x0FFF) << 16;
        };
        out.set(U64, at, head);
        ad.addresses().copyTo(out, at + VrrpHeader.OFF_ADDRESSES);
        long sum = InetChecksum.add64(ad.addresses().checksumSum(), head);
        if (ad.version() == VrrpVersion.V2) {
            out.set(U64, at + VrrpHeader.OFF_ADDRESSES + ad.addresses().byteSize(), ad.authData());
            sum = InetChecksum.add64(sum, ad.authData());
        }
        return sum;
    }
}
