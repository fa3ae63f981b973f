package io.jkeepalived.vrrp.wire;

import static io.jkeepalived.vrrp.wire.InetChecksum.U16;
import static io.jkeepalived.vrrp.wire.InetChecksum.U32;
import static io.jkeepalived.vrrp.wire.InetChecksum.U64;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * A reusable, allocation-free view over one received advertisement (a flyweight: the daemon keeps one per socket
 * and wraps each packet in turn). {@code wrap…} is the stateless header parse: it checks only what is needed to read
 * the VRID safely, so the daemon can find the virtual router and then call {@link AdvertValidator#validate}.
 *
 * <p>The view reads the caller's buffer in place; its values are valid until the buffer is reused. Accessors of the
 * fixed header are safe after a successful wrap; addresses may be read up to {@link #addressesPresent()} (after
 * validation that equals {@link #count()}).
 */
public final class AdvertView {
    private MemorySegment segment = MemorySegment.NULL;
    private long vrrpOffset;
    private int vrrpAvailable;
    private IpFamily family = IpFamily.IPV4;
    private int receivedLength;
    private int ipHeaderLength;
    private int ipTotalLength;
    private int ttl;
    private int src4;
    private int dst4;
    private long src6High;
    private long src6Low;
    private long dst6High;
    private long dst6Low;
    private boolean wrapped;
    /** The fixed 8-byte VRRP header, read once per packet. */
    private long head;

    /**
     * Wraps an IPv4 packet as a raw socket delivers it: IPv4 header, then VRRP.
     *
     * @param length the number of bytes received, starting at {@code offset}
     * @return empty when the header is readable, else why not
     */
    public Optional<RejectReason> wrapIpv4(MemorySegment packet, long offset, int length) {
        wrapped = false;
        if (offset < 0 || length < 0 || offset > packet.byteSize() - length) {
            return RejectReason.TOO_SHORT.asOptional();
        }
        if (length < VrrpHeader.IPV4_HEADER_BYTES) {
            return RejectReason.TOO_SHORT.asOptional();
        }
        int versionIhl = packet.get(ValueLayout.JAVA_BYTE, offset) & 0xff;
        int ihl = (versionIhl & 0x0f) * 4;
        if ((versionIhl >>> 4) != 4 || ihl < VrrpHeader.IPV4_HEADER_BYTES) {
            return RejectReason.BAD_IP_HEADER.asOptional();
        }
        int protocol = packet.get(ValueLayout.JAVA_BYTE, offset + 9) & 0xff;
        if (protocol == VrrpHeader.PROTOCOL_AH) {
            return RejectReason.AH_UNSUPPORTED.asOptional();
        }
        if (protocol != VrrpHeader.PROTOCOL_VRRP) {
            return RejectReason.NOT_VRRP.asOptional();
        }
        if (length < ihl + VrrpHeader.FIXED_BYTES) {
            return RejectReason.TOO_SHORT.asOptional();
        }
        segment = packet;
        family = IpFamily.IPV4;
        receivedLength = length;
        ipHeaderLength = ihl;
        ipTotalLength = Short.toUnsignedInt(packet.get(U16, offset + 2));
        ttl = packet.get(ValueLayout.JAVA_BYTE, offset + 8) & 0xff;
        src4 = packet.get(U32, offset + 12);
        dst4 = packet.get(U32, offset + 16);
        vrrpOffset = offset + ihl;
        vrrpAvailable = length - ihl;
        head = packet.get(U64, vrrpOffset);
        wrapped = true;
        return Optional.empty();
    }

    /**
     * Wraps an IPv6 VRRP payload (the kernel strips the IPv6 header) with the addresses and hop limit from the
     * ancillary data.
     *
     * @param source      16 bytes: the sender (from the socket address)
     * @param destination 16 bytes: where it was sent (from IPV6_PKTINFO)
     * @param hopLimit    from IPV6_HOPLIMIT
     */
    public Optional<RejectReason> wrapIpv6(MemorySegment payload, long offset, int length, MemorySegment source,
                                           MemorySegment destination, int hopLimit) {
        wrapped = false;
        if (offset < 0 || length < 0 || offset > payload.byteSize() - length
                || source.byteSize() < 16 || destination.byteSize() < 16) {
            return RejectReason.TOO_SHORT.asOptional();
        }
        if (length < VrrpHeader.FIXED_BYTES) {
            return RejectReason.TOO_SHORT.asOptional();
        }
        segment = payload;
        family = IpFamily.IPV6;
        receivedLength = length;
        ipHeaderLength = 0;
        ipTotalLength = length;
        ttl = hopLimit & 0xff;
        src6High = source.get(U64, 0);
        src6Low = source.get(U64, 8);
        dst6High = destination.get(U64, 0);
        dst6Low = destination.get(U64, 8);
        vrrpOffset = offset;
        vrrpAvailable = length;
        head = payload.get(U64, offset);
        wrapped = true;
        return Optional.empty();
    }

    /** True after a successful wrap. */
    public boolean isWrapped() {
        return wrapped;
    }

    private void requireWrapped() {
        if (!wrapped) {
            throw new IllegalStateException("no packet wrapped");
        }
    }

    /** Byte {@code at} (0..7) of the fixed header. */
    private int u8(int at) {
        requireWrapped();
        return (int) (head >>> (56 - 8 * at)) & 0xff;
    }

    public IpFamily family() {
        return family;
    }

    /** The version nibble as received (2 and 3 are the valid ones). */
    public int versionNumber() {
        return u8(VrrpHeader.OFF_VERSION_TYPE) >>> 4;
    }

    public int type() {
        return u8(VrrpHeader.OFF_VERSION_TYPE) & 0x0f;
    }

    public int vrid() {
        return u8(VrrpHeader.OFF_VRID);
    }

    public int priority() {
        return u8(VrrpHeader.OFF_PRIORITY);
    }

    /** The count of addresses the header claims. */
    public int count() {
        return u8(VrrpHeader.OFF_COUNT);
    }

    /** The VRRPv2 auth type byte (meaningless for VRRPv3). */
    public int authTypeNumber() {
        return u8(VrrpHeader.OFF_AUTH_TYPE);
    }

    /** Advert interval in centiseconds: VRRPv2 seconds × 100, VRRPv3 the 12-bit field. */
    public int adverIntCentis() {
        return versionNumber() == 2
                ? u8(VrrpHeader.OFF_ADVER_INT_V2) * 100
                : (int) (head >>> 16) & 0x0fff;
    }

    public int checksum() {
        requireWrapped();
        return (int) head & 0xffff;
    }

    /** TTL (IPv4) or hop limit (IPv6). */
    public int ttl() {
        return ttl;
    }

    /** Bytes received, IP header included for IPv4. */
    public int receivedLength() {
        return receivedLength;
    }

    /** IPv4 header length from IHL; 0 for IPv6. */
    public int ipHeaderLength() {
        return ipHeaderLength;
    }

    /** IPv4 total length field; for IPv6 the payload length. */
    public int ipTotalLength() {
        return ipTotalLength;
    }

    /** How many addresses are actually present in the received bytes (at most {@link #count()}). */
    public int addressesPresent() {
        requireWrapped();
        return Math.min(count(), Math.max(0, vrrpAvailable - VrrpHeader.FIXED_BYTES) / family.addressBytes());
    }

    /** IPv4 source, network order in an int. */
    public int sourceIpv4() {
        return src4;
    }

    /** IPv4 destination, network order in an int. */
    public int destinationIpv4() {
        return dst4;
    }

    /** The first (high) 8 bytes of the IPv6 source, for allocation-free comparison. */
    public long sourceIpv6High() {
        return src6High;
    }

    /** The last (low) 8 bytes of the IPv6 source. */
    public long sourceIpv6Low() {
        return src6Low;
    }

    long destinationIpv6High() {
        return dst6High;
    }

    long destinationIpv6Low() {
        return dst6Low;
    }

    public boolean destinationIsMulticast() {
        return family == IpFamily.IPV4 ? (dst4 >>> 28) == 0xE : (dst6High >>> 56) == 0xff;
    }

    /** The source as an InetAddress (allocates: for logs and tests, not the hot path). */
    public InetAddress source() {
        return family == IpFamily.IPV4 ? ipv4(src4) : ipv6(src6High, src6Low);
    }

    public InetAddress destination() {
        return family == IpFamily.IPV4 ? ipv4(dst4) : ipv6(dst6High, dst6Low);
    }

    /** Address {@code index} of the advert, which must be below {@link #addressesPresent()} (allocates). */
    public InetAddress address(int index) {
        if (index < 0 || index >= addressesPresent()) {
            throw new IndexOutOfBoundsException("address " + index + " of " + addressesPresent() + " present");
        }
        long at = addressOffset(index);
        if (family == IpFamily.IPV4) {
            return ipv4(segment.get(U32, at));
        }
        byte[] bytes = new byte[16];
        MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, at, bytes, 0, 16);
        return ipv6(bytes);
    }

    /** Address {@code index} as a network-order int (IPv4 only; index below {@link #addressesPresent()}). */
    public int addressIpv4(int index) {
        if (family != IpFamily.IPV4 || index < 0 || index >= addressesPresent()) {
            throw new IndexOutOfBoundsException("no IPv4 address " + index);
        }
        return segment.get(U32, addressOffset(index));
    }

    MemorySegment segment() {
        return segment;
    }

    long vrrpOffset() {
        return vrrpOffset;
    }

    long addressOffset(int index) {
        return vrrpOffset + VrrpHeader.OFF_ADDRESSES + (long) index * family.addressBytes();
    }

    private static InetAddress ipv4(int address) {
        return ipv6OrV4(new byte[] {
            (byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address});
    }

    private static InetAddress ipv6(byte[] bytes) {
        return ipv6OrV4(bytes);
    }

    private static InetAddress ipv6(long high, long low) {
        byte[] bytes = new byte[16];
        MemorySegment s = MemorySegment.ofArray(bytes);
        s.set(U64, 0, high);
        s.set(U64, 8, low);
        return ipv6OrV4(bytes);
    }

    private static InetAddress ipv6OrV4(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes by construction", e);
        }
    }
}
