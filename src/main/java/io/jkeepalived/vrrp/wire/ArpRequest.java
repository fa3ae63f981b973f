package io.jkeepalived.vrrp.wire;

import static io.jkeepalived.vrrp.wire.InetChecksum.U16;
import static io.jkeepalived.vrrp.wire.InetChecksum.U32;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The split-brain probe for an IPv4 VIP: an ordinary broadcast ARP request "who has VIP? tell
 * SENDER", so that every host holding the VIP answers with its MAC. The sender is the instance's own
 * address, not the VIP: a Linux host drops a request whose sender address is one of its own (martian
 * source) and would not answer. With no IPv4 address the sender is 0.0.0.0 (an RFC 5227 probe, which
 * Linux answers too). Target MAC zero, as in a normal request. 42 bytes.
 *
 * <pre>
 *  Ethernet: dst ff:ff:ff:ff:ff:ff, src MAC (the VMAC with use_vmac), type 0x0806
 *  ARP:      htype 1, ptype 0x0800, hlen 6, plen 4, oper 1,
 *            sha = MAC, spa = SENDER, tha = 00:00:00:00:00:00, tpa = VIP
 * </pre>
 */
public final class ArpRequest {
    public static final int FRAME_BYTES = 42;

    private ArpRequest() {
    }

    /**
     * @param sender our address in network order, or 0
     * @param target the VIP in network order
     */
    public static int build(byte[] mac, int sender, int target, MemorySegment out, long offset) {
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
        out.set(U32, arp + 14, sender);
        out.asSlice(arp + 18, 6).fill((byte) 0);
        out.set(U32, arp + 24, target);
        return FRAME_BYTES;
    }
}
