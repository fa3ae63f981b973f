package io.jkeepalived.track;

/** A tracker's binary verdict, as the VRRP engine consumes it. */
public enum TrackState {
    UP,
    DOWN
}
