package io.jkeepalived.notify;

import io.jkeepalived.script.RunningScript;
import io.jkeepalived.script.ScriptLauncher;
import io.jkeepalived.track.TaskScheduler;
import io.jkeepalived.track.ThreadScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends VRRP state notifications the way keepalived does, without ever blocking the caller.
 *
 * <p>For one state change, in this order: the state's own script ({@code notify_master} ...),
 * the generic {@code notify} with {@code INSTANCE|GROUP name STATE priority} appended, the FIFO
 * line to every FIFO, then the alert mail. Scripts are started in that order and then run
 * concurrently; nobody waits for them, except that STOP scripts can be awaited briefly with
 * {@link #awaitStopNotifies} at shutdown. All launching happens on one long-lived platform thread
 * (see {@link ScriptLauncher} on parent-death signals), so calls return at once and their effects
 * keep the call order.
 *
 * <p>Keep one Notifier for the daemon's whole life, across reloads ({@link #replaceFifos} swaps
 * the FIFOs): closing it ends its thread, and Linux then sends the parent-death SIGTERM to every
 * script it started. The same holds for the trackers' {@code ThreadScheduler}.
 */
public final class Notifier implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
    private static final long KILL_GRACE_NANOS = 500_000_000L;

    private final ScriptLauncher launcher;
    private volatile List<NotifyFifo> fifos;
    private final Optional<SmtpClient> smtp;
    private final String routerId;
    private final ThreadScheduler thread = new ThreadScheduler("jk-notify");
    private final List<CompletableFuture<Integer>> stopRuns = new ArrayList<>();

    /**
     * @param fifos    the open VRRP FIFOs ({@code notify_fifo}, {@code vrrp_notify_fifo}); the caller
     *                 owns them (opens them at start and reload, closes them)
     * @param smtp     the mail client when {@code smtp_server} is set
     * @param routerId {@code router_id}, for mail subjects
     */
    public Notifier(ScriptLauncher launcher, List<NotifyFifo> fifos, Optional<SmtpClient> smtp, String routerId) {
        this.launcher = launcher;
        this.fifos = List.copyOf(fifos);
        this.smtp = smtp;
        this.routerId = routerId;
    }

    /** An instance entered {@code state} (MASTER, BACKUP, FAULT, STOP or DELETED). */
    public void instanceState(String name, NotifyState state, int priority, NotifyScripts scripts, boolean smtpAlert) {
        thread.execute(() -> {
            scripts.forState(state).ifPresent(s -> run(s, s.argv(), state == NotifyState.STOP));
            scripts.generic().ifPresent(g -> run(g,
                    NotifyArgv.generic(g.argv(), NotifyKind.INSTANCE, name, state, priority),
                    state == NotifyState.STOP));
            fifoLine(FifoLines.vrrp(NotifyKind.INSTANCE, name, state, priority));
            if (smtpAlert && AlertMail.mailed(state)) {
                smtp.ifPresent(c -> c.send(AlertMail.instance(routerId, name, state)));
            }
        });
    }

    /** A sync group entered {@code state}; groups report priority 0. */
    public void groupState(String name, NotifyState state, NotifyScripts scripts, boolean smtpAlert) {
        thread.execute(() -> {
            scripts.forState(state).ifPresent(s -> run(s, s.argv(), state == NotifyState.STOP));
            scripts.generic().ifPresent(g -> run(g, NotifyArgv.generic(g.argv(), NotifyKind.GROUP, name, state, 0),
                    state == NotifyState.STOP));
            fifoLine(FifoLines.vrrp(NotifyKind.GROUP, name, state, 0));
            if (smtpAlert && AlertMail.mailed(state)) {
                smtp.ifPresent(c -> c.send(AlertMail.group(routerId, name, state)));
            }
        });
    }

    /** A master received a lower-priority advert: {@code notify_master_rx_lower_pri}, then the FIFO. */
    public void masterRxLowerPri(String name, int priority, NotifyScripts scripts) {
        thread.execute(() -> {
            scripts.masterRxLowerPri().ifPresent(s -> run(s, s.argv(), false));
            fifoLine(FifoLines.vrrp(NotifyKind.INSTANCE, name, NotifyState.MASTER_RX_LOWER_PRI, priority));
        });
    }

    /** Effective priority changed ({@code notify_priority_changes}): FIFO only. */
    public void priorityChanged(String name, boolean master, int priority) {
        NotifyState s = master ? NotifyState.MASTER_PRIORITY : NotifyState.BACKUP_PRIORITY;
        thread.execute(() -> fifoLine(FifoLines.vrrp(NotifyKind.INSTANCE, name, s, priority)));
    }

    /**
     * A virtual server's quorum changed: {@code quorum_up}/{@code quorum_down} (no extra
     * arguments), then the FIFO line. For the checker, whose Notifier holds the LVS FIFOs
     * ({@code notify_fifo} and {@code lvs_notify_fifo}).
     */
    public void virtualServerQuorum(LvsService vs, boolean up, Optional<NotifyScript> script) {
        thread.execute(() -> {
            script.ifPresent(s -> run(s, s.argv(), false));
            fifoLine(FifoLines.virtualServer(vs, up));
        });
    }

    /** A real server went up or down: {@code notify_up}/{@code notify_down}, then the FIFO line. */
    public void realServerState(LvsService.Endpoint rs, LvsService vs, boolean up, Optional<NotifyScript> script) {
        thread.execute(() -> {
            script.ifPresent(s -> run(s, s.argv(), false));
            fifoLine(FifoLines.realServer(rs, vs, up));
        });
    }

    /** After a reload: later lines go to {@code newFifos} (the caller closes the old ones). */
    public void replaceFifos(List<NotifyFifo> newFifos) {
        List<NotifyFifo> copy = List.copyOf(newFifos);
        thread.execute(() -> fifos = copy);
    }

    private void fifoLine(String line) {
        fifos.forEach(f -> f.write(line));
    }

    private void run(NotifyScript script, List<String> argv, boolean stop) {
        switch (launcher.start(argv, script.identity())) {
            case ScriptLauncher.Started(RunningScript rs) -> {
                if (stop) {
                    stopRuns.add(rs.exit());
                }
                script.timeout().ifPresent(t -> {
                    TaskScheduler.Cancellable timer = thread.schedule(() -> {
                        LOG.warn("notify script {} (pid {}) timed out", argv.getFirst(), rs.pid());
                        rs.terminateTree();
                        thread.schedule(() -> {
                            if (rs.isAlive()) {
                                rs.killTree();
                            }
                        }, KILL_GRACE_NANOS);
                    }, t.toNanos());
                    rs.exit().thenRun(timer::cancel);
                });
            }
            case ScriptLauncher.LaunchFailed(String reason) -> LOG.warn("notify script: {}", reason);
        }
    }

    /**
     * Waits, up to {@code limit}, for every notification queued so far to be dispatched and for
     * every STOP script to exit (keepalived waits 1 s). Returns whether all did.
     */
    public boolean awaitStopNotifies(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        CompletableFuture<List<CompletableFuture<Integer>>> snapshot = new CompletableFuture<>();
        thread.execute(() -> snapshot.complete(List.copyOf(stopRuns)));
        try {
            List<CompletableFuture<Integer>> runs = snapshot.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new))
                    .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            for (NotifyFifo f : List.copyOf(fifos)) {
                if (!f.flush(Math.max(0, deadline - System.nanoTime()))) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    /** Stops dispatching. Running scripts are left to {@link ScriptLauncher#close()}. */
    @Override
    public void close() {
        thread.close();
    }
}
