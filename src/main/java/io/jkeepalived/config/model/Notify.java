package io.jkeepalived.config.model;

import java.util.Optional;

/** The notify scripts shared by instances and sync groups. */
public record Notify(
        Optional<Script> master,
        Optional<Script> backup,
        Optional<Script> fault,
        Optional<Script> stop,
        Optional<Script> any,
        Optional<Script> deleted,
        Optional<Script> masterRxLowerPri,
        boolean priorityChanges) {
    public static Notify none() {
        return new Notify(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), false);
    }
}
