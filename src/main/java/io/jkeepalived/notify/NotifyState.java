package io.jkeepalived.notify;

/**
 * The state words keepalived writes to notify scripts and FIFOs (always upper case). The first
 * five reach scripts; the last three are FIFO-only events.
 */
public enum NotifyState {
    MASTER,
    BACKUP,
    FAULT,
    STOP,
    /** Only with {@code notify_deleted}; otherwise a deleted instance reports FAULT. */
    DELETED,
    /** A master received an advert with a lower priority ({@code notify_master_rx_lower_pri}). */
    MASTER_RX_LOWER_PRI,
    /** Effective priority changed while master ({@code notify_priority_changes}). */
    MASTER_PRIORITY,
    /** Effective priority changed while backup ({@code notify_priority_changes}). */
    BACKUP_PRIORITY
}
