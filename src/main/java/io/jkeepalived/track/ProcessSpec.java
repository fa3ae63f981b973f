package io.jkeepalived.track;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A {@code vrrp_track_process} block, independent of the config records.
 *
 * @param process    the first word of {@code process NAME [args...]}
 * @param params     the remaining words
 * @param quorumMax  {@link Integer#MAX_VALUE} when unlimited (keepalived's default)
 * @param forkDelay  wait this long after quorum is gained before reporting UP
 * @param terminateDelay wait this long after quorum is lost before reporting DOWN
 */
public record ProcessSpec(String name, String process, List<String> params, Optional<ParamMatch> paramMatch,
                          boolean fullCommand, int quorum, int quorumMax, Duration forkDelay,
                          Duration terminateDelay) {

    /** {@code param_match}: how configured parameters compare with the process's. */
    public enum ParamMatch {
        /** The configured parameters are the first ones, whole; more may follow. */
        PARTIAL,
        /** Like PARTIAL, but the last configured parameter need only be a prefix. */
        INITIAL
    }

    public ProcessSpec {
        params = List.copyOf(params);
    }

    /** keepalived's defaults: quorum 1, unlimited max, no delays, match on {@code comm}. */
    public static ProcessSpec of(String name, String process) {
        return new ProcessSpec(name, process, List.of(), Optional.empty(), false, 1, Integer.MAX_VALUE,
                Duration.ZERO, Duration.ZERO);
    }

    public ProcessSpec withQuorum(int min, int max) {
        return new ProcessSpec(name, process, params, paramMatch, fullCommand, min, max, forkDelay, terminateDelay);
    }

    public ProcessSpec withParams(List<String> p, Optional<ParamMatch> m) {
        return new ProcessSpec(name, process, p, m, fullCommand, quorum, quorumMax, forkDelay, terminateDelay);
    }

    public ProcessSpec withFullCommand(boolean b) {
        return new ProcessSpec(name, process, params, paramMatch, b, quorum, quorumMax, forkDelay, terminateDelay);
    }

    /** {@code delay T} sets both. */
    public ProcessSpec withDelays(Duration fork, Duration terminate) {
        return new ProcessSpec(name, process, params, paramMatch, fullCommand, quorum, quorumMax, fork, terminate);
    }

    /** Whether matching needs {@code /proc/PID/cmdline} rather than {@code comm}. */
    public boolean usesCmdline() {
        return fullCommand || !params.isEmpty() || paramMatch.isPresent();
    }
}
