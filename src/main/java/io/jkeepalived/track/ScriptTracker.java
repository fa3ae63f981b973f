package io.jkeepalived.track;

import io.jkeepalived.script.PosixIdentity;
import io.jkeepalived.script.RunningScript;
import io.jkeepalived.script.ScriptLauncher;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@code vrrp_script} every {@code interval} and reports UP/DOWN changes.
 *
 * <p>Runs start at a fixed rate from {@link #start()} (the first immediately, as keepalived does).
 * A run still going at the next tick makes that tick a skip (counted), so runs never overlap. A
 * run exceeding {@code timeout} counts as a failure at once and its process tree gets SIGTERM,
 * then SIGKILL {@link #KILL_GRACE_NANOS} later if still alive; the next run starts only after the
 * old process has exited. All state lives on the scheduler thread; process exits hop onto it.
 */
public final class ScriptTracker implements AutoCloseable {

    /** Time between SIGTERM and SIGKILL for a script that overran its timeout. */
    public static final long KILL_GRACE_NANOS = 500_000_000L;

    private static final Logger LOG = LoggerFactory.getLogger(ScriptTracker.class);

    private final ScriptSpec spec;
    private final Optional<PosixIdentity> identity;
    private final ScriptLauncher launcher;
    private final TaskScheduler scheduler;
    private final TrackerSink sink;
    private final RiseFall riseFall;

    // Owned by the scheduler thread.
    private Optional<RunningScript> running = Optional.empty();
    private boolean runTimedOut;
    private long nextTickNanos;
    private boolean stopped;
    private Optional<TaskScheduler.Cancellable> tick = Optional.empty();
    private long runs;
    private long successes;
    private long failures;
    private long timeouts;
    private long skipped;
    private long launchFailures;
    private Optional<Integer> lastExit = Optional.empty();
    /** The last line a failing run printed; empty after a success, a timeout or silence. */
    private String lastOutput = "";
    private final AtomicReference<ScriptStats> published = new AtomicReference<>();

    public ScriptTracker(ScriptSpec spec, Optional<PosixIdentity> identity, ScriptLauncher launcher,
                         TaskScheduler scheduler, TrackerSink sink) {
        this.spec = spec;
        this.identity = identity;
        this.launcher = launcher;
        this.scheduler = scheduler;
        this.sink = sink;
        this.riseFall = new RiseFall(spec.rise(), spec.fall(), spec.initFail());
        publish();
    }

    public ScriptSpec spec() {
        return spec;
    }

    /** Starts the interval; with {@code init_fail} reports DOWN at once. */
    public void start() {
        scheduler.execute(() -> {
            if (stopped) {
                return;
            }
            riseFall.state().ifPresent(s -> sink.onResult(new TrackerEvent.ScriptChanged(spec.name(), s, scheduler.nanoTime())));
            nextTickNanos = scheduler.nanoTime();
            onTick();
        });
    }

    /** A consistent snapshot, readable from any thread. */
    public ScriptStats stats() {
        return published.get();
    }

    private void onTick() {
        if (stopped) {
            return;
        }
        nextTickNanos += spec.interval().toNanos();
        tick = Optional.of(scheduler.schedule(this::onTick, nextTickNanos - scheduler.nanoTime()));
        if (running.isPresent()) {
            skipped++;
            LOG.debug("vrrp_script {}: previous run (pid {}) still going, skipping", spec.name(), running.get().pid());
            publish();
            return;
        }
        runs++;
        switch (launcher.start(spec.argv(), identity)) {
            case ScriptLauncher.Started(RunningScript rs) -> {
                running = Optional.of(rs);
                runTimedOut = false;
                TaskScheduler.Cancellable timer = scheduler.schedule(() -> onTimeout(rs), spec.timeout().toNanos());
                // exit() completes with the output final (read up to the exit, pipe closed), so a
                // failed run's last line is there to log; a background child cannot hold it back
                rs.exit().whenComplete((code, err) -> scheduler.execute(() -> {
                    timer.cancel();
                    onExit(rs, code == null ? -1 : code);
                }));
            }
            case ScriptLauncher.LaunchFailed(String reason) -> {
                launchFailures++;
                LOG.warn("vrrp_script {}: {}", spec.name(), reason);
                result(false);
            }
        }
        publish();
    }

    private void onTimeout(RunningScript rs) {
        if (running.orElse(null) != rs || runTimedOut) {
            return;
        }
        runTimedOut = true;
        timeouts++;
        lastOutput = "";
        LOG.warn("vrrp_script {} timed out (pid {})", spec.name(), rs.pid());
        rs.terminateTree();
        scheduler.schedule(() -> {
            if (rs.isAlive()) {
                rs.killTree();
            }
        }, KILL_GRACE_NANOS);
        result(false);
        publish();
    }

    private void onExit(RunningScript rs, int code) {
        if (running.orElse(null) != rs) {
            return;
        }
        running = Optional.empty();
        lastExit = Optional.of(code);
        if (!runTimedOut && !stopped) {
            lastOutput = code == 0 ? "" : rs.output().lastLine(200);
            result(code == 0);
        }
        publish();
    }

    private void result(boolean ok) {
        if (ok) {
            successes++;
        } else {
            failures++;
        }
        Optional<TrackState> changed = riseFall.record(ok);
        publish(); // stats first, so a reader woken by the event sees the counts behind it
        changed.ifPresent(s -> {
            LOG.info("VRRP_Script({}) {}", spec.name(), s == TrackState.UP ? "succeeded" : "failed");
            // beyond keepalived, which discards script output: why it failed, when the script said
            if (s == TrackState.DOWN && !lastOutput.isEmpty()) {
                LOG.info("VRRP_Script({}) last output: {}", spec.name(), lastOutput);
            }
            sink.onResult(new TrackerEvent.ScriptChanged(spec.name(), s, scheduler.nanoTime()));
        });
    }

    private void publish() {
        published.set(new ScriptStats(runs, successes, failures, timeouts, skipped, launchFailures,
                riseFall.state(), lastExit, lastOutput));
    }

    /** Stops the interval and terminates a run in progress. */
    @Override
    public void close() {
        scheduler.execute(() -> {
            stopped = true;
            tick.ifPresent(TaskScheduler.Cancellable::cancel);
            running.ifPresent(rs -> {
                rs.terminateTree();
                scheduler.schedule(() -> {
                    if (rs.isAlive()) {
                        rs.killTree();
                    }
                }, KILL_GRACE_NANOS);
            });
        });
    }
}
