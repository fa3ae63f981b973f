package io.jkeepalived.check.probe;

import java.time.Duration;

/**
 * One health check of one target: a single attempt, no retry and no scheduling (those are the
 * checker policy's). Implementations do only I/O; they block, so the scheduler runs them on virtual
 * threads, and must not pin their carrier (JDK sockets and {@code HttpClient} are fine; a blocking
 * FFM call is not).
 *
 * <p>A probe never throws: every failure, including garbage from the server, is a
 * {@link ProbeResult.Down} with its {@link FailureReason}.
 */
public interface Probe {

    /** Runs one attempt; {@code timeout} bounds the whole attempt (connect, request and reply). */
    ProbeResult run(Duration timeout);

    /**
     * What makes two probes identical (target, type and every parameter): probes with equal keys are
     * run once per delay_loop and their result shared across virtual servers.
     */
    String dedupKey();
}
