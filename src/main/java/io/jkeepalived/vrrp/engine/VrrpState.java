package io.jkeepalived.vrrp.engine;

/**
 * Instance states. STOP and DELETED are never held by a running router; they exist so notifies
 * can name them, as keepalived's do.
 */
public enum VrrpState {
    INIT, BACKUP, MASTER, FAULT, STOP, DELETED
}
