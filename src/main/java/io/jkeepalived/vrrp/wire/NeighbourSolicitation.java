package io.jkeepalived.vrrp.wire;

import static io.jkeepalived.vrrp.wire.InetChecksum.U16;
import static io.jkeepalived.vrrp.wire.InetChecksum.U32;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The split-brain probe for an IPv6 VIP: a Neighbour Solicitation (RFC 4861 §4.3) for the VIP, sent
 * to its solicited-node group, so every host holding it answers with a Neighbour Advertisement that
 * carries its MAC. From our link-local address with our MAC as source link-layer option; with no
 * link-local address, from :: without the option (a DAD-style probe, answered to ff02::1).
 *
 * <pre>
 *  Ethernet: dst 33:33:ff:XX:XX:XX (low 24 bits of the VIP), src MAC, type 0x86DD
 *  IPv6:     payload 32 (24 from ::), next header 58, hop limit 255, src SOURCE, dst ff02::1:ffXX:XXXX
 *  ICMPv6:   type 135, code 0, checksum, reserved 0, target = VIP, [option 1 (len 1): MAC]
 * </pre>
 */
public final class NeighbourSolicitation {
    public static final int MAX_FRAME_BYTES = 86;
    private static final int NEXT_HEADER_ICMPV6 = 58;

    private NeighbourSolicitation() {
    }

    /**
     * @param source our link-local address, or 16 zero bytes
     * @return the frame length: 86, or 78 from ::
     */
    public static int build(byte[] mac, byte[] source, byte[] target, MemorySegment out, long offset) {
        MacAddresses.require(mac);
        if (source.length != 16 || target.length != 16) {
            throw new IllegalArgumentException("IPv6 addresses have 16 bytes");
        }
        boolean unspecified = true;
        for (byte b : source) {
            unspecified &= b == 0;
        }
        int icmpBytes = unspecified ? 24 : 32;
        out.set(U16, offset, (short) 0x3333);
        out.set(ValueLayout.JAVA_BYTE, offset + 2, (byte) 0xff);
        MemorySegment.copy(target, 13, out, ValueLayout.JAVA_BYTE, offset + 3, 3);
        MemorySegment.copy(mac, 0, out, ValueLayout.JAVA_BYTE, offset + 6, 6);
        out.set(U16, offset + 12, (short) 0x86DD);

        long ip = offset + 14;
        out.set(U32, ip, 0x6000_0000);
        out.set(U16, ip + 4, (short) icmpBytes);
        out.set(ValueLayout.JAVA_BYTE, ip + 6, (byte) NEXT_HEADER_ICMPV6);
        out.set(ValueLayout.JAVA_BYTE, ip + 7, (byte) 255);
        MemorySegment.copy(source, 0, out, ValueLayout.JAVA_BYTE, ip + 8, 16);
        out.set(U32, ip + 24, 0xff02_0000);
        out.set(U32, ip + 28, 0);
        out.set(U32, ip + 32, 1);
        out.set(ValueLayout.JAVA_BYTE, ip + 36, (byte) 0xff);
        MemorySegment.copy(target, 13, out, ValueLayout.JAVA_BYTE, ip + 37, 3);

        long icmp = ip + 40;
        out.set(ValueLayout.JAVA_BYTE, icmp, (byte) 135);
        out.set(ValueLayout.JAVA_BYTE, icmp + 1, (byte) 0);
        out.set(U16, icmp + 2, (short) 0);
        out.set(U32, icmp + 4, 0);
        MemorySegment.copy(target, 0, out, ValueLayout.JAVA_BYTE, icmp + 8, 16);
        if (!unspecified) {
            out.set(ValueLayout.JAVA_BYTE, icmp + 24, (byte) 1);
            out.set(ValueLayout.JAVA_BYTE, icmp + 25, (byte) 1);
            MemorySegment.copy(mac, 0, out, ValueLayout.JAVA_BYTE, icmp + 26, 6);
        }
        long sum = InetChecksum.ipv6PseudoHeader(out, ip + 8, out, ip + 24, icmpBytes, NEXT_HEADER_ICMPV6);
        sum = InetChecksum.add(sum, out, icmp, icmpBytes);
        out.set(U16, icmp + 2, (short) InetChecksum.finish(sum));
        return 14 + 40 + icmpBytes;
    }
}
