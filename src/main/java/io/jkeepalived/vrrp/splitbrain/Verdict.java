package io.jkeepalived.vrrp.splitbrain;

/** What one input changed: usually nothing; at most one report per episode start and end. */
public sealed interface Verdict {

    /** Nothing to report (evidence counted, or none). */
    record Quiet() implements Verdict {
    }

    /** Two consecutive pieces of evidence: a split brain. Reported once per episode. */
    record Detected(Episode episode) implements Verdict {
    }

    /** No evidence for {@link SplitBrainWatch#CLEAR_INTERVALS} intervals, or the heartbeat came back while fenced. */
    record Cleared(Episode episode, long atNanos) implements Verdict {
    }

    Quiet QUIET = new Quiet();
}
