package io.jkeepalived.check.probe;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Closes a socket at the attempt's deadline. Socket timeouts bound each read, but a TLS handshake
 * makes many reads; closing the socket ends any of them at once, so the deadline holds for the
 * whole request. One daemon platform thread serves every probe; it only closes sockets.
 */
final class Watchdog {

    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private Watchdog() {
    }

    private static ScheduledThreadPoolExecutor timer() {
        var t = new ScheduledThreadPoolExecutor(1, r -> Thread.ofPlatform().daemon().name("jk-probe-watchdog").unstarted(r));
        t.setRemoveOnCancelPolicy(true);
        return t;
    }

    /** Closes {@code c} when the deadline passes unless the returned guard is closed first. */
    static Guard closeAt(Deadline deadline, Closeable c) {
        ScheduledFuture<?> f = TIMER.schedule(() -> {
            try {
                c.close();
            } catch (IOException e) {
                // closing is all we wanted; the blocked reader sees the failure
            }
        }, Math.max(0, deadline.remainingNanos()), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    /** Cancels the scheduled close. */
    interface Guard extends AutoCloseable {
        @Override
        void close();
    }
}
