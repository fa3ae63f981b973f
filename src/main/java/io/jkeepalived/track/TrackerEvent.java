package io.jkeepalived.track;

/**
 * What trackers report to the daemon. Every event carries the monotonic time (nanos) at which the
 * tracker decided it, so the engine can order it with packets and timers.
 */
public sealed interface TrackerEvent {

    /** The tracker's config name ({@code vrrp_script}, {@code track_file}, ... block name). */
    String name();

    long atNanos();

    /** A {@code vrrp_script} changed state (also its first verdict after start). */
    record ScriptChanged(String name, TrackState state, long atNanos) implements TrackerEvent {}

    /** A {@code track_file} holds a new value (also its value at start). */
    record FileValue(String name, int value, long atNanos) implements TrackerEvent {}

    /** A {@code vrrp_track_process} gained or lost its quorum (also its verdict at start). */
    record ProcessQuorum(String name, TrackState state, int count, long atNanos) implements TrackerEvent {}

    /** A tracked interface went up or down (fed from netlink link events). */
    record InterfaceLink(String name, TrackState state, long atNanos) implements TrackerEvent {}
}
