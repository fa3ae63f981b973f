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
 * @param splitBrain        jkeepalived's split-brain watch ({@link SplitBrainView#OFF} when off)
 */
public record InstanceStatus(String name, String state, int basePriority, int effectivePriority,
                             Optional<String> masterAddress, int masterPriority, List<String> virtualIpaddress,
                             WireSetup wire, InstanceSettings settings, List<TrackerView> trackers, List<TransitionRecord> recentTransitions,
                             long transitions, CounterSnapshot counters, SplitBrainView splitBrain) {
    public InstanceStatus(String name, String state, int basePriority, int effectivePriority,
                          Optional<String> masterAddress, int masterPriority, List<String> virtualIpaddress,
                          WireSetup wire, InstanceSettings settings, List<TrackerView> trackers,
                          List<TransitionRecord> recentTransitions, long transitions, CounterSnapshot counters) {
        this(name, state, basePriority, effectivePriority, masterAddress, masterPriority, virtualIpaddress, wire,
                settings, trackers, recentTransitions, transitions, counters, SplitBrainView.OFF);
    }

    public InstanceStatus {
        virtualIpaddress = List.copyOf(virtualIpaddress);
        trackers = List.copyOf(trackers);
        recentTransitions = List.copyOf(recentTransitions);
    }

    public Optional<TransitionRecord> lastTransition() {
        return recentTransitions.isEmpty() ? Optional.empty() : Optional.of(recentTransitions.getLast());
    }
}
