package io.jkeepalived.vrrp.engine;

/** A tracker's last report; UNKNOWN until the first one (keepalived's script "init" state). */
public enum TrackerStatus { UNKNOWN, UP, DOWN }
