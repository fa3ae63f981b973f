package io.jkeepalived.config.model;

import java.util.List;
import java.util.Optional;

/**
 * A command configured as a script string: the quoted command line split into argv (single quotes
 * group an argument with spaces), and the optional user and group to run it as.
 */
public record Script(String command, List<String> argv, Optional<String> user, Optional<String> group) {
    public Script {
        argv = List.copyOf(argv);
    }
}
