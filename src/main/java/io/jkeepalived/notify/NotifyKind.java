package io.jkeepalived.notify;

/** Whether a notification is about a {@code vrrp_instance} or a {@code vrrp_sync_group}. */
public enum NotifyKind {
    INSTANCE,
    GROUP
}
