package io.jkeepalived.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

/**
 * Assertions about jkeepalived's split-brain watch (on by default, split_brain_interval 2 s) for
 * scenarios that must not raise it: a legitimate failover, preemption, reload or VMAC change. A C
 * keepalived node has no watch and passes trivially.
 */
public final class SplitBrainChecks {
    public static final String DETECTED = "SPLIT BRAIN:";
    /** 2 × the default interval + 1 s: a real split would have been confirmed by then. */
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(5);

    private SplitBrainChecks() {
    }

    /** No split brain reported so far, nor within {@code window} from now. */
    public static void assertNoSplitBrain(Node n, Duration window) {
        if (n.impl() != Impl.J) {
            return;
        }
        var late = n.log().awaitLine(0, l -> l.contains(DETECTED), window);
        assertThat(late).as("%s reported a split brain in a legitimate scenario:%n%s", n, n.log().tail(30)).isEmpty();
    }

    /** As {@link #assertNoSplitBrain(Node, Duration)} for every given node, sharing one window. */
    public static void assertNoSplitBrain(Duration window, Node... nodes) {
        long end = System.nanoTime() + window.toNanos();
        for (Node n : nodes) {
            assertNoSplitBrain(n, Duration.ofNanos(Math.max(0, end - System.nanoTime())));
        }
    }
}
