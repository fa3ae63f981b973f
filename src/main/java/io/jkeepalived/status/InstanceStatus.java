package io.jkeepalived.status;

import java.util.List;
import java.util.Optional;

/**
 * One instance as status, metrics and dumps show it, copied on the loop thread (so it is
 * consistent) and then safe to read anywhere.
 *
 * @param state             {@code INIT}, {@code BACKUP}, {@code MASTER}, {@code FAULT}, {@code STOP}
 * @param masterAddress     the current master's address (ours when MASTER); empty if none seen
 * @param masterPriority    the priority the master advertises (ours when MASTER), 0 if none seen
 * @param virtualIpaddress  the VIPs as configured ({@code 198.18.0.10/24})
 * @param recentTransitions oldest first, at most a few
 * @param transitions       every transition since start
 */
public record InstanceStatus(String name, String state, int basePriority, int effectivePriority,
                             Optional<String> masterAddress, int masterPriority, List<String> virtualIpaddress,
                             WireSetup wire, InstanceSettings settings, List<TrackerView> trackers, List<TransitionRecord> recentTransitions,
                             long transitions, CounterSnapshot counters) {
    public InstanceStatus {
        virtualIpaddress = List.copyOf(virtualIpaddress);
        trackers = List.copyOf(trackers);
        recentTransitions = List.copyOf(recentTransitions);
    }

    public Optional<TransitionRecord> lastTransition() {
        return recentTransitions.isEmpty() ? Optional.empty() : Optional.of(recentTransitions.getLast());
    }
}
