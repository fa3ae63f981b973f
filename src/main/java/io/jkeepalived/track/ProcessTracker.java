package io.jkeepalived.track;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts processes matching each {@code vrrp_track_process} and reports quorum changes.
 *
 * <p>A spec is UP while its count lies in {@code [quorum, quorum_max]}. The verdict after the
 * initial scan is reported at once; later, gaining quorum is reported after {@code fork_delay} and
 * losing it after {@code terminate_delay}, and a change that reverts within its delay is never
 * reported (that is what the delays are for: a service restart does not bounce the instance).
 * All work runs on the scheduler thread.
 */
public final class ProcessTracker implements ProcessEventListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessTracker.class);

    private final List<ProcessSpec> specs;
    private final ProcFs proc;
    private final ProcessEventSource source;
    private final TaskScheduler scheduler;
    private final TrackerSink sink;
    private final boolean needCmdline;
    private final Map<String, Set<Long>> matching = new HashMap<>();
    private final Map<String, TrackState> reported = new HashMap<>();
    private final Map<String, Pending> pending = new HashMap<>();
    private boolean initialDone;

    private record Pending(TrackState target, TaskScheduler.Cancellable timer) {}

    public ProcessTracker(List<ProcessSpec> specs, ProcFs proc, ProcessEventSource source,
                          TaskScheduler scheduler, TrackerSink sink) {
        this.specs = List.copyOf(specs);
        this.proc = proc;
        this.source = source;
        this.scheduler = scheduler;
        this.sink = sink;
        this.needCmdline = specs.stream().anyMatch(ProcessSpec::usesCmdline);
        specs.forEach(s -> matching.put(s.name(), new HashSet<>()));
    }

    public void start() {
        source.start(this);
    }

    /** Current count of matching processes, for status output; call on the scheduler thread. */
    public int count(String name) {
        return matching.getOrDefault(name, Set.of()).size();
    }

    @Override
    public void onChange(long pid) {
        onScheduler(() -> {
            Optional<ProcInfo> info = proc.read(pid, needCmdline);
            for (ProcessSpec s : specs) {
                boolean m = info.map(i -> ProcessMatcher.matches(s, i)).orElse(false);
                Set<Long> set = matching.get(s.name());
                if (m ? set.add(pid) : set.remove(pid)) {
                    evaluate(s);
                }
            }
        });
    }

    @Override
    public void onExit(long pid) {
        onScheduler(() -> {
            for (ProcessSpec s : specs) {
                if (matching.get(s.name()).remove(pid)) {
                    evaluate(s);
                }
            }
        });
    }

    @Override
    public void onInitialScanDone() {
        onScheduler(() -> {
            initialDone = true;
            specs.forEach(this::evaluate);
        });
    }

    private void onScheduler(Runnable r) {
        scheduler.execute(r);
    }

    private void evaluate(ProcessSpec s) {
        if (!initialDone) {
            return;
        }
        int n = matching.get(s.name()).size();
        TrackState want = n >= s.quorum() && n <= s.quorumMax() ? TrackState.UP : TrackState.DOWN;
        TrackState have = reported.get(s.name());
        Pending p = pending.get(s.name());
        if (have == null) {
            report(s, want, n);
            return;
        }
        if (want == have) {
            if (p != null) {
                p.timer().cancel();
                pending.remove(s.name());
            }
            return;
        }
        if (p != null && p.target() == want) {
            return;
        }
        long delay = (want == TrackState.UP ? s.forkDelay() : s.terminateDelay()).toNanos();
        if (delay <= 0) {
            report(s, want, n);
            return;
        }
        pending.put(s.name(), new Pending(want, scheduler.schedule(() -> {
            pending.remove(s.name());
            report(s, want, matching.get(s.name()).size());
        }, delay)));
    }

    private void report(ProcessSpec s, TrackState state, int count) {
        reported.put(s.name(), state);
        LOG.info("Quorum {} for tracked process {}", state == TrackState.UP ? "gained" : "lost", s.name());
        sink.onResult(new TrackerEvent.ProcessQuorum(s.name(), state, count, scheduler.nanoTime()));
    }

    /** Names of the specs, in config order. */
    public List<String> names() {
        List<String> out = new ArrayList<>();
        specs.forEach(s -> out.add(s.name()));
        return out;
    }

    @Override
    public void close() {
        source.close();
        scheduler.execute(() -> {
            pending.values().forEach(p -> p.timer().cancel());
            pending.clear();
        });
    }
}
