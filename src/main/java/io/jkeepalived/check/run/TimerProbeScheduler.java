package io.jkeepalived.check.run;

import io.jkeepalived.check.engine.CheckAction;
import io.jkeepalived.check.probe.FailureReason;
import io.jkeepalived.check.probe.Probe;
import io.jkeepalived.check.probe.ProbeResult;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The real {@link ProbeScheduler}: one platform thread keeps the timer queue; each due probe runs
 * on its own virtual thread (probes block on I/O, which parks a virtual thread without holding a
 * carrier), and its result goes to {@code sink}. 10,000 checkers thus cost one platform thread
 * plus the JDK's carrier pool (sized by the CPU count; cap it with
 * {@code -Djdk.virtualThreadScheduler.maxPoolSize}).
 *
 * <p>{@code sink} is called on the probe's virtual thread: it must only hand the report over
 * to the engine's thread (a queue), never drive the engine itself.
 */
public final class TimerProbeScheduler implements ProbeScheduler, AutoCloseable {

    private final ProbeSource source;
    private final Consumer<ProbeReport> sink;
    private final LongSupplier clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final PriorityQueue<CheckAction.ProbeDue> queue = new PriorityQueue<>(
            Comparator.comparingLong(CheckAction.ProbeDue::atNanos).thenComparingLong(CheckAction.ProbeDue::ticket));
    private final Map<Long, CheckAction.ProbeDue> pending = new HashMap<>();
    private final ExecutorService probes = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("jk-probe-", 0).factory());
    private final Thread timer;
    private volatile boolean running = true;

    /** {@code clock} must be the engine's clock (the daemon's {@code System::nanoTime}). */
    public TimerProbeScheduler(ProbeSource source, Consumer<ProbeReport> sink, LongSupplier clock) {
        this.source = source;
        this.sink = sink;
        this.clock = clock;
        this.timer = Thread.ofPlatform().name("jk-check-timer").daemon(true).start(this::loop);
    }

    @Override
    public void schedule(CheckAction.ProbeDue due) {
        lock.lock();
        try {
            pending.put(due.ticket(), due);
            queue.add(due);
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Drops a probe not yet started; a running one finishes and its report is ignored by the engine. */
    @Override
    public void cancel(long ticket) {
        lock.lock();
        try {
            pending.remove(ticket);
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        while (running) {
            CheckAction.ProbeDue due;
            lock.lock();
            try {
                CheckAction.ProbeDue head = queue.peek();
                long wait = head == null ? Long.MAX_VALUE : head.atNanos() - clock.getAsLong();
                if (wait > 0) {
                    changed.awaitNanos(Math.min(wait, Duration.ofSeconds(1).toNanos()));
                    continue;
                }
                due = queue.poll();
                if (pending.remove(due.ticket()) == null) continue; // cancelled
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            try {
                probes.execute(() -> sink.accept(new ProbeReport(due.ticket(), run(due))));
            } catch (RejectedExecutionException e) {
                return; // closed
            }
        }
    }

    /** The probe contract forbids throwing; a probe that throws anyway is a failure, never a dead checker. */
    private ProbeResult run(CheckAction.ProbeDue due) {
        Optional<Probe> probe;
        try {
            probe = source.probe(due.spec(), due.urlIndex());
        } catch (RuntimeException e) {
            probe = Optional.empty();
        }
        if (probe.isEmpty()) {
            return new ProbeResult.Down(FailureReason.IO_ERROR, "no probe for " + due.spec().checker().type(), Duration.ZERO);
        }
        long start = clock.getAsLong();
        try {
            return probe.get().run(Duration.ofNanos(due.timeoutNanos()));
        } catch (RuntimeException e) {
            return new ProbeResult.Down(FailureReason.IO_ERROR, "probe failed: " + e,
                    Duration.ofNanos(clock.getAsLong() - start));
        }
    }

    /** Probes waiting for their due time. */
    public int pending() {
        lock.lock();
        try {
            return pending.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        running = false;
        timer.interrupt();
        probes.shutdownNow();
    }
}
