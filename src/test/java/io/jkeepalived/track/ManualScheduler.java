package io.jkeepalived.track;

import java.util.PriorityQueue;

/** A virtual-time {@link TaskScheduler}: tasks run only when the test advances the clock. */
final class ManualScheduler implements TaskScheduler {

    private record Task(long due, long seq, Runnable r, boolean[] cancelled) {}

    private final PriorityQueue<Task> queue = new PriorityQueue<>((a, b) ->
            a.due != b.due ? Long.compare(a.due, b.due) : Long.compare(a.seq, b.seq));
    private long now = 1_000_000_000L;
    private long seq;

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public synchronized Cancellable schedule(Runnable task, long delayNanos) {
        boolean[] cancelled = {false};
        queue.add(new Task(now + Math.max(0, delayNanos), seq++, task, cancelled));
        return () -> cancelled[0] = true;
    }

    /** Runs everything due up to now + {@code nanos}, advancing the clock task by task. */
    void advance(long nanos) {
        long target = now + nanos;
        while (true) {
            Task t;
            synchronized (this) {
                t = queue.peek();
                if (t == null || t.due > target) {
                    break;
                }
                queue.poll();
                now = Math.max(now, t.due);
            }
            if (!t.cancelled[0]) {
                t.r.run();
            }
        }
        now = target;
    }

    void runDue() {
        advance(0);
    }
}
