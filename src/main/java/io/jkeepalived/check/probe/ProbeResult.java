package io.jkeepalived.check.probe;

import java.time.Duration;
import java.util.OptionalInt;

/** The outcome of one {@link Probe#run} attempt. */
public sealed interface ProbeResult {

    Duration latency();

    /**
     * The check passed. {@code weight} is set only by MISC_CHECK with {@code misc_dynamic} (exit
     * status 2..255 gives weight status - 2).
     */
    record Up(Duration latency, OptionalInt weight) implements ProbeResult {
        public static Up of(Duration latency) {
            return new Up(latency, OptionalInt.empty());
        }
    }

    /** The check failed; {@code detail} is one short human line for logs and {@code status}. */
    record Down(FailureReason reason, String detail, Duration latency) implements ProbeResult {}
}
