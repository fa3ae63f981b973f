package io.jkeepalived.script;

import java.util.Optional;

/**
 * The default identity for scripts: {@code script_user} when configured, else
 * {@code keepalived_script} if that user exists, else the daemon's own user (root).
 */
public final class ScriptUser {

    public static final String DEFAULT_USER = "keepalived_script";

    /**
     * keepalived 2.2.7's startup line when the default user is missing (it logs it even when
     * {@code script_user} is set; we only when it is not, since only then does it matter).
     */
    public static final String MISSING_DEFAULT_WARNING = "Script user '" + DEFAULT_USER + "' does not exist";

    private ScriptUser() {}

    /** Empty means: run as the daemon's own user. */
    public static Optional<RunAs> defaultRunAs(Optional<RunAs> configured, UserDb users) {
        if (configured.isPresent()) {
            return configured;
        }
        return users.userExists(DEFAULT_USER) ? Optional.of(RunAs.user(DEFAULT_USER)) : Optional.empty();
    }
}
