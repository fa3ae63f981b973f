package io.jkeepalived.track;

import java.util.concurrent.RejectedExecutionException;
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

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ThreadScheduler.class);

    private final ScheduledThreadPoolExecutor executor;

    public ThreadScheduler(String threadName) {
        executor = new ScheduledThreadPoolExecutor(1, r -> Thread.ofPlatform().name(threadName).daemon(true).unstarted(r));
        executor.setRemoveOnCancelPolicy(true);
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Cancellable schedule(Runnable task, long delayNanos) {
        try {
            ScheduledFuture<?> f = executor.schedule(() -> guarded(task), Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
            return () -> f.cancel(false);
        } catch (RejectedExecutionException e) {
            return () -> { }; // closed: work arriving after close is dropped, not an error
        }
    }

    /**
     * A failing task is logged and the thread carries on. (The executor would keep its thread
     * anyway, since scheduled tasks capture exceptions, but silently; and the thread must never
     * be replaced, or every script it forked would get its parent-death SIGTERM.)
     */
    private static void guarded(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.error("task failed on {}", Thread.currentThread().getName(), e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
