package io.jkeepalived.vrrp.engine;

/**
 * Fault flags an instance can carry besides its trackers (behaviour §3.6). The instance is in FAULT
 * while any flag is set or any weight-0 tracker says so.
 */
public enum FaultCause {
    /** Its own interface is down (the daemon skips this with dont_track_primary). */
    INTERFACE_DOWN,
    /** The base interface of its VMAC is down. */
    VMAC_BASE_DOWN,
    /** No usable source address, or track_src_ip and the configured address is gone. */
    SOURCE_ADDRESS_MISSING,
    /** A duplicate VRID was seen on a VMAC. */
    DUPLICATE_VRID,
    /** A configuration fault: no multicast and no peers, unicast_fault_no_peer, VMAC on non-Ethernet, ... */
    CONFIGURATION,
    /** A static track_group item was lost. */
    TRACK_GROUP_LOST,
    /** jkeepalived's {@code split_brain_action fault}: another node holds our VIPs (docs/split-brain.md). */
    SPLIT_BRAIN
}
