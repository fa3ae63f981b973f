package io.jkeepalived.track;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The production {@link TaskScheduler}: one long-lived platform thread.
 *
 * <p>A platform thread, not a virtual one, because scripts are forked from it and Linux's
 * parent-death signal fires when the forking <em>thread</em> ends: a virtual thread's carrier may
 * retire at any time. All the work done here is short (bookkeeping and fork/exec); waiting for
 * scripts happens through {@code Process.onExit()}, never by blocking this thread.
 */
public final class ThreadScheduler implements TaskScheduler, AutoCloseable {

    private final ScheduledThreadPoolExecutor executor;

    public ThreadScheduler(String threadName) {
        executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = Thread.ofPlatform().name(threadName).daemon(true).unstarted(r);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Cancellable schedule(Runnable task, long delayNanos) {
        ScheduledFuture<?> f = executor.schedule(task, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
