package io.jkeepalived.vrrp.wire;

/** Something worth logging and counting about a packet that is nevertheless accepted. */
public enum AdvertWarning {
    /** VRRPv3 adver int differs from ours: logged only (the backup adopts the master's interval). */
    INTERVAL_MISMATCH,
    /**
     * The virtual addresses differ from ours, and the profile asks for keepalived ≥ 2.3.3 behaviour (log and count
     * instead of drop).
     */
    ADDRESS_LIST_MISMATCH,
    /**
     * A unicast VRRPv3 packet verified only with the multicast group in the pseudo-header: the peer runs keepalived
     * ≤ 1.3.6 or has {@code old_unicast_checksum}. keepalived then switches its own sending to that checksum.
     */
    OLD_UNICAST_CHECKSUM;

    int bit() {
        return 1 << ordinal();
    }
}
