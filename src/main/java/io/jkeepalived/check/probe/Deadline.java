package io.jkeepalived.check.probe;

import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * The one deadline of a probe attempt. Every blocking step asks it for what is left, so a server
 * that answers one byte a second still ends the attempt at the deadline, not one socket timeout
 * per byte later.
 */
final class Deadline {

    private final long start;
    private final long end;

    private Deadline(long start, long end) {
        this.start = start;
        this.end = end;
    }

    static Deadline after(Duration timeout) {
        long now = System.nanoTime();
        return new Deadline(now, now + Math.max(1, timeout.toNanos()));
    }

    long remainingNanos() {
        return end - System.nanoTime();
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** The time left as a socket timeout (at least 1 ms: 0 would mean "forever"). */
    int socketTimeoutMillis() throws SocketTimeoutException {
        long left = remainingNanos();
        if (left <= 0) {
            throw new SocketTimeoutException("deadline passed");
        }
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (left + 999_999) / 1_000_000));
    }
}
