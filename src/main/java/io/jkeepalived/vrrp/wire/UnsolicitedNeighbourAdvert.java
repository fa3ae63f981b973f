package io.jkeepalived.vrrp.wire;

import static io.jkeepalived.vrrp.wire.InetChecksum.U16;
import static io.jkeepalived.vrrp.wire.InetChecksum.U32;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet6Address;

/**
 * Builds the unsolicited Neighbour Advertisement frame keepalived 2.2.7 sends for an IPv6 VIP on an AF_PACKET
 * socket (checked against a capture): 86 bytes, Ethernet + IPv6 (traffic class 0, flow label 0) + ICMPv6.
 *
 * <pre>
 *  Ethernet: dst 33:33:00:00:00:01, src interface MAC, type 0x86DD
 *  IPv6:     version 6, payload length 32, next header 58, hop limit 255, src = VIP, dst = ff02::1
 *  ICMPv6 Neighbour Advertisement (RFC 4861 §4.4)
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |   Type = 136  |   Code = 0    |          Checksum             |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |R|S|O|                     Reserved                            |   R if forwarding, S = 0, O = 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                       Target Address = VIP (16)               |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  Type = 2     |  Length = 1   |  Target link-layer address (6) |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class UnsolicitedNeighbourAdvert {
    public static final int FRAME_BYTES = 86;
    private static final int ICMP_BYTES = 32;
    private static final int NEXT_HEADER_ICMPV6 = 58;
    private static final int FLAG_ROUTER = 0x80;
    private static final int FLAG_OVERRIDE = 0x20;

    private UnsolicitedNeighbourAdvert() {
    }

    /**
     * Writes the frame at {@code offset}.
     *
     * @param mac    the interface MAC, 6 bytes
     * @param vip    the virtual IPv6 address, 16 bytes
     * @param router set the Router flag (the interface forwards IPv6)
     * @return {@link #FRAME_BYTES}
     */
    public static int build(byte[] mac, byte[] vip, boolean router, MemorySegment out, long offset) {
        MacAddresses.require(mac);
        if (vip.length != 16) {
            throw new IllegalArgumentException("an IPv6 address has 16 bytes, not " + vip.length);
        }
        out.set(U16, offset, (short) 0x3333);
        out.set(U32, offset + 2, 1);
        MemorySegment.copy(mac, 0, out, ValueLayout.JAVA_BYTE, offset + 6, 6);
        out.set(U16, offset + 12, (short) 0x86DD);

        long ip = offset + 14;
        out.set(U32, ip, 0x6000_0000);
        out.set(U16, ip + 4, (short) ICMP_BYTES);
        out.set(ValueLayout.JAVA_BYTE, ip + 6, (byte) NEXT_HEADER_ICMPV6);
        out.set(ValueLayout.JAVA_BYTE, ip + 7, (byte) 255);
        MemorySegment.copy(vip, 0, out, ValueLayout.JAVA_BYTE, ip + 8, 16);
        out.set(U32, ip + 24, 0xff02_0000);
        out.set(U32, ip + 28, 0);
        out.set(U32, ip + 32, 0);
        out.set(U32, ip + 36, 1);

        long icmp = ip + 40;
        out.set(ValueLayout.JAVA_BYTE, icmp, (byte) 136);
        out.set(ValueLayout.JAVA_BYTE, icmp + 1, (byte) 0);
        out.set(U16, icmp + 2, (short) 0);
        out.set(U32, icmp + 4, (FLAG_OVERRIDE | (router ? FLAG_ROUTER : 0)) << 24);
        MemorySegment.copy(vip, 0, out, ValueLayout.JAVA_BYTE, icmp + 8, 16);
        out.set(ValueLayout.JAVA_BYTE, icmp + 24, (byte) 2);
        out.set(ValueLayout.JAVA_BYTE, icmp + 25, (byte) 1);
        MemorySegment.copy(mac, 0, out, ValueLayout.JAVA_BYTE, icmp + 26, 6);

        long sum = InetChecksum.ipv6PseudoHeader(out, ip + 8, out, ip + 24, ICMP_BYTES, NEXT_HEADER_ICMPV6);
        sum = InetChecksum.add(sum, out, icmp, ICMP_BYTES);
        out.set(U16, icmp + 2, (short) InetChecksum.finish(sum));
        return FRAME_BYTES;
    }

    /** Convenience for tests and cold paths: a new 86-byte array. */
    public static byte[] build(byte[] mac, Inet6Address vip, boolean router) {
        byte[] frame = new byte[FRAME_BYTES];
        build(mac, vip.getAddress(), router, MemorySegment.ofArray(frame), 0);
        return frame;
    }
}
