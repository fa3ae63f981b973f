package io.jkeepalived.track;

import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link ProcessEventSource} that diffs the PID list of {@code /proc} every {@code period}.
 *
 * <p>Honest description: this is polling, not events. Its cost per period is one
 * {@code readdir(/proc)} plus one small read per <em>new</em> process (and a second read of it on
 * the next period, which catches a fork followed by exec). It does not read every process each
 * time, the cost keepalived's docs hold against pgrep. Its limits, which the netlink proc
 * connector does not have: a change is seen up to one period late, a process that lives less
 * than a period may be missed, and a long-lived process that exec's or renames itself is not
 * re-read. Replace with the proc connector source when {@code io.jkeepalived.os} provides it.
 */
public final class ProcScanSource implements ProcessEventSource {

    private final ProcFs proc;
    private final TaskScheduler scheduler;
    private final long periodNanos;
    private Set<Long> known = new HashSet<>();
    private Set<Long> recent = new HashSet<>();
    private Optional<TaskScheduler.Cancellable> next = Optional.empty();
    private boolean closed;

    public ProcScanSource(ProcFs proc, TaskScheduler scheduler, Duration period) {
        this.proc = proc;
        this.scheduler = scheduler;
        this.periodNanos = Math.max(1_000_000L, period.toNanos());
    }

    @Override
    public void start(ProcessEventListener listener) {
        scheduler.execute(() -> {
            known = proc.pids();
            known.forEach(listener::onChange);
            listener.onInitialScanDone();
            next = Optional.of(scheduler.schedule(() -> scan(listener), periodNanos));
        });
    }

    private void scan(ProcessEventListener listener) {
        if (closed) {
            return;
        }
        Set<Long> now = proc.pids();
        Set<Long> fresh = new HashSet<>();
        for (long pid : known) {
            if (!now.contains(pid)) {
                listener.onExit(pid);
            }
        }
        for (long pid : now) {
            if (!known.contains(pid)) {
                fresh.add(pid);
                listener.onChange(pid);
            } else if (recent.contains(pid)) {
                listener.onChange(pid); // seen new last time: it may have exec'd since
            }
        }
        known = now;
        recent = fresh;
        next = Optional.of(scheduler.schedule(() -> scan(listener), periodNanos));
    }

    @Override
    public void close() {
        scheduler.execute(() -> {
            closed = true;
            next.ifPresent(TaskScheduler.Cancellable::cancel);
        });
    }
}
