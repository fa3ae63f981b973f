package io.jkeepalived.config.model;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code vrrp_track_process NAME { }}. */
public record TrackProcess(
        String name,
        String process,
        List<String> args,
        Optional<String> paramMatch,
        int weight,
        boolean weightReverse,
        int quorum,
        Optional<Integer> quorumMax,
        Optional<Duration> forkDelay,
        Optional<Duration> terminateDelay,
        boolean fullCommand) {
    public TrackProcess {
        args = List.copyOf(args);
    }
}
