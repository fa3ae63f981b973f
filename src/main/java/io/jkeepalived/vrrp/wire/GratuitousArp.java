package io.jkeepalived.vrrp.wire;

import static io.jkeepalived.vrrp.wire.InetChecksum.U16;
import static io.jkeepalived.vrrp.wire.InetChecksum.U32;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet4Address;

/**
 * Builds the gratuitous ARP frame keepalived 2.2.7 sends for a VIP on an AF_PACKET socket (checked against a
 * capture): an ARP <em>request</em> with sender and target IP both the VIP, and target MAC broadcast (not zero).
 * 42 bytes; the NIC pads it to the Ethernet minimum.
 *
 * <pre>
 *  Ethernet (RFC 894)
 *  +-------------------------+-------------------------+-------------+
 *  | dst ff:ff:ff:ff:ff:ff (6) | src interface MAC (6)   | type 0x0806 |
 *  +-------------------------+-------------------------+-------------+
 *  ARP (RFC 826)
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |      HTYPE = 1 (Ethernet)     |      PTYPE = 0x0800 (IPv4)    |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |   HLEN = 6    |   PLEN = 4    |        OPER = 1 (request)     |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |              sender hardware address = interface MAC (6)      |
 *  |              sender protocol address = VIP (4)                |
 *  |              target hardware address = ff:ff:ff:ff:ff:ff (6)  |
 *  |              target protocol address = VIP (4)                |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class GratuitousArp {
    public static final int FRAME_BYTES = 42;

    private GratuitousArp() {
    }

    /**
     * Writes the frame at {@code offset}.
     *
     * @param mac the interface MAC (the VMAC when one is used), 6 bytes
     * @param vip the virtual address, network order in an int
     * @return {@link #FRAME_BYTES}
     */
    public static int build(byte[] mac, int vip, MemorySegment out, long offset) {
        MacAddresses.require(mac);
        MacAddresses.writeBroadcast(out, offset);
        MemorySegment.copy(mac, 0, out, ValueLayout.JAVA_BYTE, offset + 6, 6);
        out.set(U16, offset + 12, (short) 0x0806);
        long arp = offset + 14;
        out.set(U16, arp, (short) 1);
        out.set(U16, arp + 2, (short) 0x0800);
        out.set(ValueLayout.JAVA_BYTE, arp + 4, (byte) 6);
        out.set(ValueLayout.JAVA_BYTE, arp + 5, (byte) 4);
        out.set(U16, arp + 6, (short) 1);
        MemorySegment.copy(mac, 0, out, ValueLayout.JAVA_BYTE, arp + 8, 6);
        out.set(U32, arp + 14, vip);
        MacAddresses.writeBroadcast(out, arp + 18);
        out.set(U32, arp + 24, vip);
        return FRAME_BYTES;
    }

    /** Convenience for tests and cold paths: a new 42-byte array. */
    public static byte[] build(byte[] mac, Inet4Address vip) {
        byte[] frame = new byte[FRAME_BYTES];
        byte[] a = vip.getAddress();
        int v = (a[0] & 0xff) << 24 | (a[1] & 0xff) << 16 | (a[2] & 0xff) << 8 | (a[3] & 0xff);
        build(mac, v, MemorySegment.ofArray(frame), 0);
        return frame;
    }
}
