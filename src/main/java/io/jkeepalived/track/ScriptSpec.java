package io.jkeepalived.track;

import io.jkeepalived.script.RunAs;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a {@code vrrp_script} runner needs, independent of the config records.
 *
 * @param argv    the command, already split by {@link io.jkeepalived.script.ScriptArgv}
 * @param timeout how long one run may take; keepalived's default is the interval
 * @param runAs   {@code user U [G]}; empty means the global script user
 */
public record ScriptSpec(String name, List<String> argv, Duration interval, Duration timeout,
                         int rise, int fall, boolean initFail, Optional<RunAs> runAs) {

    public ScriptSpec {
        argv = List.copyOf(argv);
        if (interval.isNegative() || interval.isZero()) {
            interval = Duration.ofSeconds(1);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            timeout = interval;
        }
        rise = Math.max(1, rise);
        fall = Math.max(1, fall);
    }

    /** keepalived's defaults: interval 1 s, timeout = interval, rise 1, fall 1. */
    public static ScriptSpec of(String name, List<String> argv) {
        return new ScriptSpec(name, argv, Duration.ofSeconds(1), Duration.ZERO, 1, 1, false, Optional.empty());
    }

    public ScriptSpec withInterval(Duration d) {
        return new ScriptSpec(name, argv, d, timeout.equals(interval) ? d : timeout, rise, fall, initFail, runAs);
    }

    public ScriptSpec withTimeout(Duration d) {
        return new ScriptSpec(name, argv, interval, d, rise, fall, initFail, runAs);
    }

    public ScriptSpec withRiseFall(int r, int f) {
        return new ScriptSpec(name, argv, interval, timeout, r, f, initFail, runAs);
    }

    public ScriptSpec withInitFail(boolean b) {
        return new ScriptSpec(name, argv, interval, timeout, rise, fall, b, runAs);
    }
}
