package io.jkeepalived.track;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Turns netlink link reports into {@code track_interface} verdicts: an interface is UP when it
 * is administratively up and running ({@code IFF_UP} and {@code IFF_RUNNING}). Reports only
 * changes, and only for tracked names. Not thread-safe: call it from the event loop that reads
 * netlink.
 */
public final class InterfaceTracker {

    private final Set<String> tracked;
    private final TrackerSink sink;
    private final Map<String, TrackState> last = new HashMap<>();

    public InterfaceTracker(Set<String> tracked, TrackerSink sink) {
        this.tracked = Set.copyOf(tracked);
        this.sink = sink;
    }

    /** A link report (RTM_NEWLINK) for {@code ifname}. */
    public void onLink(String ifname, boolean adminUp, boolean running, long nowNanos) {
        report(ifname, adminUp && running ? TrackState.UP : TrackState.DOWN, nowNanos);
    }

    /** The interface was deleted (RTM_DELLINK): treated as down. */
    public void onDeleted(String ifname, long nowNanos) {
        report(ifname, TrackState.DOWN, nowNanos);
    }

    private void report(String ifname, TrackState state, long nowNanos) {
        if (tracked.contains(ifname) && last.put(ifname, state) != state) {
            sink.onResult(new TrackerEvent.InterfaceLink(ifname, state, nowNanos));
        }
    }
}
