package io.jkeepalived.vrrp.wire;

import static io.jkeepalived.vrrp.wire.InetChecksum.U16;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A reusable view of one received Ethernet frame in which some host says "address A is at MAC M":
 * an ARP reply, a gratuitous ARP (request or reply whose sender and target address are the same),
 * or an IPv6 Neighbour Advertisement (hop limit 255, as RFC 4861 requires). Anything else, however
 * malformed, is simply not a claim: {@link #wrap} returns false and never throws. Allocation-free,
 * so a flood of frames costs no garbage until one names a VIP.
 *
 * <pre>
 *  ARP (after the 14-byte Ethernet header): oper at 6; sha 8..13; spa 14..17; tha 18..23; tpa 24..27
 *  NA:  IPv6 next header 58 at 20, hop limit at 21, source 22..37; ICMPv6 type 136 at 54,
 *       target 62..77, then options (type 2 = target link-layer address)
 * </pre>
 */
public final class NeighbourClaim {
    /** What kind of frame made the claim. */
    public enum Kind { ARP_REPLY, GRATUITOUS_ARP, NEIGHBOUR_ADVERT }

    private MemorySegment frame = MemorySegment.NULL;
    private Kind kind = Kind.ARP_REPLY;
    private boolean ipv6;
    private long addressAt;
    private long macAt;
    private long senderAt;

    /** Wraps {@code length} bytes at the start of {@code frame}; true when they are a claim. */
    public boolean wrap(MemorySegment frame, int length) {
        this.frame = frame;
        if (length < 14 || length > frame.byteSize()) {
            return false;
        }
        int type = Short.toUnsignedInt(frame.get(U16, 12));
        return switch (type) {
            case 0x0806 -> arp(length);
            case 0x86DD -> neighbourAdvert(length);
            default -> false;
        };
    }

    private boolean arp(int length) {
        if (length < 42 || Short.toUnsignedInt(frame.get(U16, 14)) != 1
                || Short.toUnsignedInt(frame.get(U16, 16)) != 0x0800 || frame.get(ValueLayout.JAVA_BYTE, 18) != 6
                || frame.get(ValueLayout.JAVA_BYTE, 19) != 4) {
            return false;
        }
        int oper = Short.toUnsignedInt(frame.get(U16, 20));
        boolean gratuitous = frame.get(InetChecksum.U32, 28) == frame.get(InetChecksum.U32, 38);
        if (frame.get(InetChecksum.U32, 28) == 0 || !(oper == 2 || oper == 1 && gratuitous)) {
            return false; // a probe (sender 0.0.0.0) or an ordinary request claims nothing
        }
        ipv6 = false;
        kind = gratuitous ? Kind.GRATUITOUS_ARP : Kind.ARP_REPLY;
        addressAt = 28;
        macAt = 22;
        senderAt = 28;
        return true;
    }

    private boolean neighbourAdvert(int length) {
        if (length < 78 || (frame.get(ValueLayout.JAVA_BYTE, 14) & 0xF0) != 0x60
                || frame.get(ValueLayout.JAVA_BYTE, 20) != 58 || Byte.toUnsignedInt(frame.get(ValueLayout.JAVA_BYTE, 21)) != 255
                || Byte.toUnsignedInt(frame.get(ValueLayout.JAVA_BYTE, 54)) != 136
                || frame.get(ValueLayout.JAVA_BYTE, 55) != 0) {
            return false;
        }
        ipv6 = true;
        kind = Kind.NEIGHBOUR_ADVERT;
        addressAt = 62;
        senderAt = 22;
        macAt = 6; // the Ethernet source, unless a target link-layer option says otherwise
        int end = Math.min(length, 54 + Short.toUnsignedInt(frame.get(U16, 18)));
        for (long at = 78; at + 8 <= end; ) {
            int optType = Byte.toUnsignedInt(frame.get(ValueLayout.JAVA_BYTE, at));
            int optLen = Byte.toUnsignedInt(frame.get(ValueLayout.JAVA_BYTE, at + 1)) * 8;
            if (optLen == 0) {
                break;
            }
            if (optType == 2) {
                macAt = at + 2;
                break;
            }
            at += optLen;
        }
        return true;
    }

    public Kind kind() {
        return kind;
    }

    public boolean ipv6() {
        return ipv6;
    }

    /** The claimed IPv4 address in network order (ARP only). */
    public int ipv4() {
        return frame.get(InetChecksum.U32, addressAt);
    }

    /** The claimed IPv6 address, high and low 64 bits (NA only). */
    public long ipv6High() {
        return frame.get(InetChecksum.U64, addressAt);
    }

    public long ipv6Low() {
        return frame.get(InetChecksum.U64, addressAt + 8);
    }

    /** The claimant's MAC as 48 bits (ARP sender hardware address; NA target link-layer option). */
    public long mac() {
        long m = 0;
        for (int i = 0; i < 6; i++) {
            m = m << 8 | Byte.toUnsignedLong(frame.get(ValueLayout.JAVA_BYTE, macAt + i));
        }
        return m;
    }

    /** The Ethernet source MAC as 48 bits. */
    public long frameSource() {
        long m = 0;
        for (int i = 0; i < 6; i++) {
            m = m << 8 | Byte.toUnsignedLong(frame.get(ValueLayout.JAVA_BYTE, 6 + i));
        }
        return m;
    }

    /** The sender's address bytes (NA: the IPv6 source; ARP: the sender protocol address = the claim). */
    public byte[] senderBytes() {
        byte[] b = new byte[ipv6 ? 16 : 4];
        MemorySegment.copy(frame, ValueLayout.JAVA_BYTE, senderAt, b, 0, b.length);
        return b;
    }

    /** "aa:bb:cc:dd:ee:ff" for a 48-bit MAC. */
    public static String macText(long mac) {
        StringBuilder b = new StringBuilder(17);
        for (int i = 5; i >= 0; i--) {
            int v = (int) (mac >>> (8 * i)) & 0xff;
            b.append(Character.forDigit(v >> 4, 16)).append(Character.forDigit(v & 15, 16));
            if (i > 0) {
                b.append(':');
            }
        }
        return b.toString();
    }

    /** A 6-byte MAC as 48 bits. */
    public static long macBits(byte[] mac) {
        MacAddresses.require(mac);
        long m = 0;
        for (byte x : mac) {
            m = m << 8 | Byte.toUnsignedLong(x);
        }
        return m;
    }
}
