package io.jkeepalived.script;

import java.util.Optional;

/**
 * The identity a script runs as: keepalived's {@code user USER [GROUP]} / {@code script_user}.
 * An empty group means the user's primary group.
 */
public record RunAs(String user, Optional<String> group) {

    public static RunAs user(String user) {
        return new RunAs(user, Optional.empty());
    }

    public static RunAs of(String user, String group) {
        return new RunAs(user, Optional.of(group));
    }

    /** The spelling keepalived uses in logs and we use in diagnostics. */
    public String describe() {
        return group.map(g -> user + ":" + g).orElse(user);
    }
}
