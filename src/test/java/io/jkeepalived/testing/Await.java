package io.jkeepalived.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waiting for a condition that no event announces (a queue emptied on another thread): polled every
 * 5 ms, failing the test if it does not hold within 5 s. Prefer an event (a log line, a future) when
 * there is one.
 */
public final class Await {

    private static final Duration LIMIT = Duration.ofSeconds(5);

    private Await() {
    }

    public static void until(BooleanSupplier done) throws InterruptedException {
        until("condition", done);
    }

    public static void until(String what, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as(what + " within 5 s").isNegative();
            Thread.sleep(5);
        }
    }
}
