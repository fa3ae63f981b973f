package io.jkeepalived.vrrp.wire;

/**
 * How the VRRPv3 checksum over IPv4 is computed. VRRPv2 always checksums the VRRP message alone, and IPv6 always
 * uses the IPv6 pseudo-header, so this only matters for VRRPv3 over IPv4.
 */
public enum ChecksumMode {
    /** RFC 5798 §5.2.8: IPv4 pseudo-header with the real IP destination (the peer address for unicast). */
    PSEUDO_HEADER,
    /** keepalived {@code v3_checksum_as_v2}: no pseudo-header, as some vendors (and RFC 9568) do. */
    AS_V2,
    /**
     * keepalived {@code old_unicast_checksum}: pseudo-header with the multicast group even when sent unicast, as
     * keepalived up to 1.3.6 did.
     */
    OLD_UNICAST
}
