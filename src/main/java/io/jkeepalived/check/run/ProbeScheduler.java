package io.jkeepalived.check.run;

import io.jkeepalived.check.engine.CheckAction;

/**
 * The one scheduler abstraction between policy and I/O: the engine says "probe X due at T"
 * ({@link CheckAction.ProbeDue}); the scheduler runs it then and reports back. Tests implement
 * it on a virtual clock; {@link TimerProbeScheduler} on real time.
 */
public interface ProbeScheduler {

    void schedule(CheckAction.ProbeDue due);

    void cancel(long ticket);

    /** Routes the engine's probe actions here; other actions are the caller's. */
    default boolean offer(CheckAction action) {
        switch (action) {
            case CheckAction.ProbeDue d -> schedule(d);
            case CheckAction.CancelProbe c -> cancel(c.ticket());
            default -> {
                return false;
            }
        }
        return true;
    }
}
