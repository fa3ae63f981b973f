package io.jkeepalived.check.run;

import io.jkeepalived.check.engine.CheckAction;
import io.jkeepalived.check.probe.FailureReason;
import io.jkeepalived.check.probe.Probe;
import io.jkeepalived.check.probe.ProbeResult;
import io.jkeepalived.check.probe.TcpConnects;
import io.jkeepalived.check.probe.TcpProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.LoggerFactory;

/**
 * The real {@link ProbeScheduler}: one platform thread ("jk-check-timer") keeps the timer queue
 * and runs every TCP_CHECK attempt as a non-blocking connect on its epoll instance
 * ({@link TcpConnects}); every other due probe runs on its own virtual thread (probes block on
 * I/O, which parks a virtual thread without holding a carrier). Results go to {@code sink}.
 * 10,000 TCP checkers a second thus cost this one thread, about 60 % of a core on a loopback
 * (where the kernel runs the whole handshake inside the connect call) and less on a real link;
 * a second connect thread was dropped once the connects no longer went through JDK channels.
 * Other probe types add the JDK's carrier pool (sized by the CPU count; cap it with
 * {@code -Djdk.virtualThreadScheduler.maxPoolSize}).
 *
 * <p>{@code sink} is called on the probe's virtual thread or on this thread: it must only hand
 * the report over to the engine's thread (a queue), never drive the engine itself.
 */
public final class TimerProbeScheduler implements ProbeScheduler, AutoCloseable {
    private static final long MAX_WAIT = Duration.ofSeconds(1).toNanos();

    private final ProbeSource source;
    private final Consumer<ProbeReport> sink;
    private final LongSupplier clock;
    private final ReentrantLock lock = new ReentrantLock();
    /** Due time, then ticket; written out because the composed comparator's lambdas showed in profiles. */
    private static final Comparator<CheckAction.ProbeDue> BY_DUE_TIME = (a, b) -> {
        int c = Long.compare(a.atNanos(), b.atNanos());
        return c != 0 ? c : Long.compare(a.ticket(), b.ticket());
    };

    private final PriorityQueue<CheckAction.ProbeDue> queue = new PriorityQueue<>(BY_DUE_TIME);
    private final Map<Long, CheckAction.ProbeDue> pending = new HashMap<>();
    private final ExecutorService probes = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("jk-probe-", 0).factory());
    private final TcpConnects tcp;
    private final List<CheckAction.ProbeDue> dueNow = new ArrayList<>();
    private volatile boolean running = true;

    /** {@code clock} must be the engine's clock (the daemon's {@code System::nanoTime}). */
    public TimerProbeScheduler(ProbeSource source, Consumer<ProbeReport> sink, LongSupplier clock) {
        this.source = source;
        this.sink = sink;
        this.clock = clock;
        try {
            this.tcp = new TcpConnects();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the TCP checks' epoll instance", e);
        }
        Thread.ofPlatform().name("jk-check-timer").daemon(true).start(this::loop);
    }

    @Override
    public void schedule(CheckAction.ProbeDue due) {
        boolean earlier;
        lock.lock();
        try {
            CheckAction.ProbeDue head = queue.peek();
            earlier = head == null || due.atNanos() - head.atNanos() < 0;
            pending.put(due.ticket(), due);
            queue.add(due);
        } finally {
            lock.unlock();
        }
        if (earlier) tcp.wakeup(); // else the thread already wakes up no later than this is due
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
        try {
            while (running) {
                long wait;
                lock.lock();
                try {
                    long now = clock.getAsLong();
                    CheckAction.ProbeDue head;
                    while ((head = queue.peek()) != null && head.atNanos() - now <= 0) {
                        queue.poll();
                        if (pending.remove(head.ticket()) != null) dueNow.add(head); // else cancelled
                    }
                    wait = head == null ? MAX_WAIT : Math.min(MAX_WAIT, head.atNanos() - now);
                } finally {
                    lock.unlock();
                }
                for (CheckAction.ProbeDue due : dueNow) launch(due);
                dueNow.clear();
                if (tcp.open() > 0) wait = Math.min(wait, Math.max(0, tcp.nextDeadline() - System.nanoTime()));
                tcp.poll(wait);
            }
        } catch (IOException | RuntimeException e) {
            if (running) LoggerFactory.getLogger(TimerProbeScheduler.class).error("probe timer stopped: {}", e.toString(), e);
        } finally {
            tcp.close();
        }
    }

    private void launch(CheckAction.ProbeDue due) {
        Optional<Probe> probe = lookup(due);
        if (probe.isPresent() && probe.get() instanceof TcpProbe t) {
            tcp.start(t.endpoint(), due.timeoutNanos(), clock.getAsLong(),
                    r -> sink.accept(new ProbeReport(due.ticket(), r)));
            return;
        }
        try {
            probes.execute(() -> sink.accept(new ProbeReport(due.ticket(), run(probe, due))));
        } catch (RejectedExecutionException e) {
            running = false; // closed
        }
    }

    private Optional<Probe> lookup(CheckAction.ProbeDue due) {
        try {
            return source.probe(due.spec(), due.urlIndex());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The probe contract forbids throwing; a probe that throws anyway is a failure, never a dead checker. */
    private ProbeResult run(Optional<Probe> probe, CheckAction.ProbeDue due) {
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
        tcp.wakeup();
        probes.shutdownNow();
    }
}
