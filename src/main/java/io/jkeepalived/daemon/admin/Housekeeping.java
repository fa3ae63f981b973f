package io.jkeepalived.daemon.admin;

import io.jkeepalived.os.NativeHeap;
import java.time.Duration;

/**
 * Work an endpoint's thread does every {@code every}, between clients: a periodic chore that then
 * needs no thread of its own (each platform thread costs its stack and a place in every safepoint).
 * The task runs on the endpoint's thread, so it must be short and must not block.
 */
public record Housekeeping(Duration every, Runnable task) {
    /** How often the native heap is trimmed: what {@code -XX:TrimNativeHeapInterval=5000} did. */
    public static final Duration TRIM_EVERY = Duration.ofSeconds(5);

    public Housekeeping {
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("housekeeping every " + every);
        }
    }

    /** {@code malloc_trim(0)} every 5 s (a few milliseconds at most on an idle daemon). */
    public static Housekeeping trimNativeHeap() {
        return new Housekeeping(TRIM_EVERY, NativeHeap::trim);
    }
}
