package io.jkeepalived.notify;

import io.jkeepalived.script.PosixIdentity;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One configured notify command, already admitted by {@link io.jkeepalived.script.ScriptPolicy}.
 *
 * @param argv     the configured command and its configured arguments only
 * @param identity who it runs as; empty = the daemon's own user
 * @param timeout  kill it (SIGTERM, then SIGKILL) if it runs longer; empty = never, which is
 *                 keepalived's behaviour for notify scripts
 */
public record NotifyScript(List<String> argv, Optional<PosixIdentity> identity, Optional<Duration> timeout) {

    public NotifyScript {
        argv = List.copyOf(argv);
    }

    public static NotifyScript of(List<String> argv) {
        return new NotifyScript(argv, Optional.empty(), Optional.empty());
    }

    public NotifyScript withTimeout(Duration d) {
        return new NotifyScript(argv, identity, Optional.of(d));
    }
}
