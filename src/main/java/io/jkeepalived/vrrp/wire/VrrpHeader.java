package io.jkeepalived.vrrp.wire;

/**
 * Offsets and constants of the VRRP message and its IP envelope.
 *
 * <pre>
 * VRRPv2 (RFC 3768 §5.1)
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |Version| Type  | Virtual Rtr ID|   Priority    | Count IP Addrs|
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |   Auth Type   |   Adver Int   |          Checksum             |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                         IP Address (1)                        |
 *  |                            ...                                |
 *  |                         IP Address (n)                        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                     Authentication Data (1)                   |
 *  |                     Authentication Data (2)                   |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * VRRPv3 (RFC 5798 §5.1)
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |Version| Type  | Virtual Rtr ID|   Priority    |Count IPvX Addr|
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |(rsvd) |     Max Adver Int     |          Checksum             |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |           IPvX Address(es): n x 4 (IPv4) or n x 16 (IPv6)     |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>IPv4 adverts are sent with {@code IP_HDRINCL}, so the encoder also writes the 20-byte IPv4 header the way
 * keepalived 2.2.7 does (verified against captures): version 4, IHL 5, TOS 0xC0, total length, an ID the sender
 * increments per packet (never 0, which would let the kernel choose), no flags (DF clear), TTL 255 or
 * {@code unicast_ttl}, protocol 112, header checksum, source, destination.
 */
public final class VrrpHeader {
    public static final int FIXED_BYTES = 8;
    public static final int AUTH_BYTES = 8;
    public static final int IPV4_HEADER_BYTES = 20;
    public static final int PROTOCOL_VRRP = 112;
    public static final int PROTOCOL_AH = 51;
    public static final int TYPE_ADVERTISEMENT = 1;
    public static final int TOS_INTERNETWORK_CONTROL = 0xC0;
    public static final int TTL = 255;
    /** 224.0.0.18, the VRRP IPv4 multicast group. */
    public static final int GROUP_V4 = 0xE0000012;

    static final int OFF_VERSION_TYPE = 0;
    static final int OFF_VRID = 1;
    static final int OFF_PRIORITY = 2;
    static final int OFF_COUNT = 3;
    static final int OFF_AUTH_TYPE = 4;
    static final int OFF_ADVER_INT_V2 = 5;
    static final int OFF_ADVER_INT_V3 = 4;
    static final int OFF_CHECKSUM = 6;
    static final int OFF_ADDRESSES = 8;

    private VrrpHeader() {
    }
}
