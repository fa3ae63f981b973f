package io.jkeepalived.vrrp.splitbrain;

import io.jkeepalived.vrrp.wire.RejectReason;
import java.util.Optional;

/** What a piece of evidence is, named as the log, status and metrics print it. */
public enum EvidenceKind {
    /** Another MAC answered our ARP request for a VIP. */
    ARP_REPLY("arp_reply"),
    /** Another MAC sent a gratuitous ARP (or an ARP request with the VIP as sender) for a VIP. */
    GRATUITOUS_ARP("gratuitous_arp"),
    /** Another MAC sent a Neighbour Advertisement (solicited or not) for an IPv6 VIP. */
    NEIGHBOUR_ADVERT("neighbour_advert"),
    /** An advert for our VRID whose authentication differs: a second master we cannot hear. */
    ADVERT_AUTH("advert_auth_mismatch"),
    /** An advert for our VRID of another VRRP version. */
    ADVERT_VERSION("advert_version_mismatch"),
    /** A VRRPv2 advert for our VRID with another advert_int. */
    ADVERT_INTERVAL("advert_interval_mismatch"),
    /** An advert for our VRID with another address list. */
    ADVERT_ADDRESSES("advert_address_mismatch"),
    /** An advert for our VRID with a TTL / hop limit we refuse. */
    ADVERT_TTL("advert_ttl_mismatch");

    private final String label;

    EvidenceKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /**
     * The kind a rejected advert is evidence of, for the reasons that mean "a router with our VRID
     * that we cannot agree with": each a classic cause of a hidden second master. Other reasons
     * (a bad checksum, a truncated packet) are noise, not a master.
     */
    public static Optional<EvidenceKind> of(RejectReason reason) {
        return switch (reason) {
            case AUTH_FAILURE, AUTH_TYPE_MISMATCH, INVALID_AUTH_TYPE -> Optional.of(ADVERT_AUTH);
            case BAD_VERSION -> Optional.of(ADVERT_VERSION);
            case INTERVAL_MISMATCH -> Optional.of(ADVERT_INTERVAL);
            case ADDRESS_LIST_MISMATCH -> Optional.of(ADVERT_ADDRESSES);
            case BAD_TTL -> Optional.of(ADVERT_TTL);
            case TOO_SHORT, BAD_IP_HEADER, NOT_VRRP, AH_UNSUPPORTED, UNKNOWN_VRID, BAD_LENGTH, BAD_TYPE, BAD_CHECKSUM,
                 NOT_MULTICAST_DEST, NOT_UNICAST_DEST, OWNER_IGNORES_ADVERTS, UNICAST_SRC_NOT_PEER -> Optional.empty();
        };
    }
}
