package io.jkeepalived.vrrp.engine;

/** Why a state changed; every transition carries one. */
public enum TransitionReason {
    STARTUP,
    STARTUP_OWNER,
    MASTER_DOWN_TIMER,
    PRIORITY_ZERO_RECEIVED,
    HIGHER_PRIORITY_ADVERT,
    EQUAL_PRIORITY_HIGHER_ADDRESS,
    FAULT_RAISED,
    FAULT_CLEARED,
    SYNC_GROUP,
    SCHEDULED_LATE,
    SHUTDOWN,
    REMOVED
}
