package io.jkeepalived.vrrp.wire;

import java.util.Optional;

/**
 * Why a received packet was dropped. Each constant is one counter in the daemon. The first group comes from the
 * stateless header parse ({@link AdvertView#wrapIpv4}, {@link AdvertView#wrapIpv6}); {@link #UNKNOWN_VRID} is for
 * the daemon's dispatch; the rest from {@link AdvertValidator}, listed in the order they are checked.
 */
public enum RejectReason {
    /** Fewer bytes than an IP header plus the 8-byte VRRP header, or a length beyond the buffer. */
    TOO_SHORT,
    /** The IPv4 header is malformed: version not 4 or IHL below 5. */
    BAD_IP_HEADER,
    /** The IPv4 protocol is neither 112 (VRRP) nor 51 (AH). */
    NOT_VRRP,
    /** IPsec AH (protocol 51, or VRRPv2 auth type 2): not implemented, so never accepted. */
    AH_UNSUPPORTED,
    /** No virtual router on this interface and family has the packet's VRID (counted by the daemon). */
    UNKNOWN_VRID,
    /** The lengths do not add up: received bytes, count of addresses and (IPv4) total length disagree. */
    BAD_LENGTH,
    /** TTL / hop limit not 255 in multicast mode, or outside the configured window in unicast mode. */
    BAD_TTL,
    /** The version is not the router's version. */
    BAD_VERSION,
    /** VRRPv2 auth type is not 0, 1 or 2. */
    INVALID_AUTH_TYPE,
    /** VRRPv2 auth type differs from the configured one. */
    AUTH_TYPE_MISMATCH,
    /** VRRPv2 password differs. */
    AUTH_FAILURE,
    /** VRRPv2 adver int differs from ours: dropped to avoid two masters with different timers. */
    INTERVAL_MISMATCH,
    /** The type is not 1 (ADVERTISEMENT). */
    BAD_TYPE,
    /** The checksum does not verify. */
    BAD_CHECKSUM,
    /** Multicast mode, but the packet was sent to a unicast address. */
    NOT_MULTICAST_DEST,
    /** Unicast mode, but the packet was sent to a multicast address. */
    NOT_UNICAST_DEST,
    /** This router is the address owner with {@code owner_ignore_adverts}: every advert is ignored. */
    OWNER_IGNORES_ADVERTS,
    /** The virtual addresses differ from ours (count or content); keepalived up to 2.3.2 drops the packet. */
    ADDRESS_LIST_MISMATCH,
    /** {@code check_unicast_src}: the source is not one of our unicast peers. */
    UNICAST_SRC_NOT_PEER;

    private final Optional<RejectReason> asOptional = Optional.of(this);
    private final Verdict.Rejected verdict = new Verdict.Rejected(this);

    /** This reason as a cached Optional, so reporting it allocates nothing. */
    public Optional<RejectReason> asOptional() {
        return asOptional;
    }

    /** This reason as a cached verdict. */
    public Verdict.Rejected verdict() {
        return verdict;
    }
}
