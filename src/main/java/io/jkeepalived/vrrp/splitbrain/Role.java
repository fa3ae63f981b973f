package io.jkeepalived.vrrp.splitbrain;

/** What the instance is doing, as far as the watch cares. */
public enum Role {
    /** INIT, FAULT for another reason, STOP: nothing is evidence, nothing is probed. */
    OFF,
    /** MASTER: we hold the VIPs, so anyone else claiming them is evidence; probes are sent. */
    HOLDING,
    /**
     * BACKUP: we hold nothing, so one claimant is just the master; two different MACs claiming in
     * turn, or a rejected advert beside a master we accept, are evidence. No probes.
     */
    STANDBY,
    /**
     * FAULT because {@code split_brain_action fault} fenced us: probes and claims go on, so the fence
     * lasts while the evidence does; a valid advert (the heartbeat is back) ends the episode at once.
     */
    FENCED
}
