package io.jkeepalived.track;

/**
 * The time and thread a tracker runs on: one thread, so a tracker's state needs no locks, and an
 * injected clock, so tests can drive time. {@link #execute} and {@link #schedule} tasks all run on
 * that one thread, in order.
 */
public interface TaskScheduler {

    /** Monotonic nanoseconds. */
    long nanoTime();

    /** Runs {@code task} on the scheduler thread after {@code delayNanos}. */
    Cancellable schedule(Runnable task, long delayNanos);

    /** Runs {@code task} on the scheduler thread as soon as possible. */
    default void execute(Runnable task) {
        schedule(task, 0);
    }

    /** A scheduled task that can be called off. */
    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }
}
