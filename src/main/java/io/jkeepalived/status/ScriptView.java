package io.jkeepalived.status;

import java.util.List;
import java.util.Optional;

/**
 * One vrrp_script: its settings and its current verdict ({@code GOOD}, {@code BAD} or
 * {@code INIT} before the first), which instances track it with which weight, and how its runs
 * went ({@code runs} is empty for a script that is not running, e.g. refused by script security).
 */
public record ScriptView(String name, String command, long intervalSeconds, long timeoutSeconds, int weight,
                         int rise, int fall, String status, List<Tracking> trackedBy, Optional<Runs> runs) {
    public ScriptView {
        trackedBy = List.copyOf(trackedBy);
    }

    /**
     * Counts since the script started; {@code lastFailureOutput}: the last line its last run
     * printed when that run exited non-zero, else empty.
     */
    public record Runs(long runs, long failures, long timeouts, long skipped, Optional<Integer> lastExitCode,
                       String lastFailureOutput) {
    }

    public record Tracking(String instance, int weight) {
    }
}
