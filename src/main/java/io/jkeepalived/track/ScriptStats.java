package io.jkeepalived.track;

import java.util.Optional;

/**
 * Counters of one {@code vrrp_script}, for status output.
 *
 * @param skipped runs not started because the previous one was still going
 * @param timeouts runs killed for exceeding the timeout (also counted in {@code failures})
 * @param launchFailures runs that could not start (also counted in {@code failures})
 * @param lastFailureOutput the last line the last run printed if it exited non-zero; else empty
 */
public record ScriptStats(long runs, long successes, long failures, long timeouts, long skipped,
                          long launchFailures, Optional<TrackState> state, Optional<Integer> lastExitCode,
                          String lastFailureOutput) {}
