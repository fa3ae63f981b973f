package io.jkeepalived.daemon.reload;

import io.jkeepalived.config.model.Keepalived;

/** The reload benchmark's door to {@link ReloadCheck#compare} (package-private). */
public final class ReloadPathCheck {
    private ReloadPathCheck() {}

    /** The daemon's verdict on a reload to {@code next} while {@code running} runs: unchanged or not. */
    public static boolean unchanged(Keepalived running, Keepalived next) {
        return ReloadCheck.compare(running, next) instanceof ReloadCheck.Verdict.Unchanged;
    }
}
