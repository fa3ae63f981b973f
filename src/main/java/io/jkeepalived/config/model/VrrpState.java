package io.jkeepalived.config.model;

/** Configured initial state of an instance. */
public enum VrrpState {
    MASTER,
    BACKUP
}
