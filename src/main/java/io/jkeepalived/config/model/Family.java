package io.jkeepalived.config.model;

/** IP address family of a configured address. */
public enum Family {
    INET,
    INET6
}
