package io.jkeepalived.daemon.loop;

import io.jkeepalived.notify.NotifyFifo;
import io.jkeepalived.script.PosixIdentity;
import io.jkeepalived.script.RunningScript;
import io.jkeepalived.script.ScriptLauncher;
import io.jkeepalived.script.ScriptPolicy;
import io.jkeepalived.vrrp.engine.Action;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the engine's notify actions off the loop: scripts are admitted by the script policy
 * (script_user, enable_script_security) and started in order on one platform thread ("jk-notify"),
 * then run concurrently; FIFO lines go to every notify FIFO's own writer. STOP scripts are
 * remembered so shutdown can wait for them (up to 1 s, as keepalived).
 */
public final class NotifyRunner implements NotifyPort, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("Keepalived_vrrp");

    private final ScriptLauncher launcher;
    private volatile ScriptPolicy policy;
    private volatile List<NotifyFifo> fifos;
    /**
     * One thread starts the notifies in order and also runs their hang checks: a check is removed
     * from its queue when the script exits, so a finished notify is not kept reachable for
     * {@link #HANG_WARNING}, and the JDK's delay scheduler and common-pool threads are never started.
     */
    private final ScheduledThreadPoolExecutor thread;
    private final Map<List<String>, Optional<ScriptPolicy.Admitted>> admitted = new HashMap<>();
    private final List<RunningScript> stopScripts = new ArrayList<>();

    private volatile MailAlerts mail;
    static final Duration HANG_WARNING = Duration.ofSeconds(30);
    private final Duration hangWarning;

    public NotifyRunner(ScriptLauncher launcher, ScriptPolicy policy, List<NotifyFifo> fifos, MailAlerts mail) {
        this(launcher, policy, fifos, mail, HANG_WARNING);
    }

    NotifyRunner(ScriptLauncher launcher, ScriptPolicy policy, List<NotifyFifo> fifos, MailAlerts mail,
                 Duration hangWarning) {
        this.hangWarning = hangWarning;
        this.thread = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().name("jk-notify").daemon(true).factory());
        thread.setRemoveOnCancelPolicy(true);
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.mail = mail;
        this.launcher = launcher;
        this.policy = policy;
        this.fifos = List.copyOf(fifos);
    }

    /**
     * A reload's script policy, mail settings and, when they changed, FIFOs. Queued on the notify
     * thread, so notifies queued before the reload still run under the old policy. Replaced FIFOs
     * are closed (after the lines already queued) before the new ones open, as both may use one path.
     */
    public void reconfigure(ScriptPolicy newPolicy, Optional<java.util.function.Supplier<List<NotifyFifo>>> newFifos,
                     MailAlerts newMail) {
        thread.execute(() -> {
            policy = newPolicy;
            admitted.clear();
            mail = newMail;
            newFifos.ifPresent(open -> {
                List<NotifyFifo> old = fifos;
                fifos = List.of();
                old.forEach(NotifyFifo::close);
                fifos = List.copyOf(open.get());
            });
        });
    }

    @Override
    public void run(Action.RunNotify notify) {
        thread.execute(() -> start(notify.instance(), notify.forStop(), notify.argv()));
    }

    private void start(String name, boolean forStop, List<String> argv) {
        Optional<ScriptPolicy.Admitted> ok = admitted.computeIfAbsent(argv, a ->
                switch (policy.admit("notify script", name, a, Optional.empty())) {
                    case ScriptPolicy.Admitted ad -> Optional.of(ad);
                    case ScriptPolicy.Refused r -> {
                        LOG.warn(r.reason());
                        yield Optional.empty();
                    }
                });
        if (ok.isEmpty()) {
            return;
        }
        Optional<PosixIdentity> as = ok.get().identity();
        switch (launcher.start(ok.get().argv(), as)) {
            case ScriptLauncher.Started s -> {
                if (forStop) {
                    stopScripts.add(s.script());
                }
                watchForHang(name, s.script());
            }
            case ScriptLauncher.LaunchFailed f -> LOG.warn("({}) notify script failed to start: {}", name, f.reason());
        }
    }

    /**
     * keepalived never kills a notify script (a notify_master may legitimately start a service
     * and take its time), and neither do we; one still running after {@link #HANG_WARNING} is
     * logged once, so a hung hook is visible instead of silent.
     */
    private void watchForHang(String name, RunningScript script) {
        ScheduledFuture<?> check = thread.schedule(() -> {
            if (script.isAlive()) {
                LOG.warn("({}) notify script {} (pid {}) still running after {} s", name, script.argv(), script.pid(),
                        hangWarning.toSeconds());
            }
        }, hangWarning.toNanos(), TimeUnit.NANOSECONDS);
        script.exit().whenComplete((status, error) -> check.cancel(false));
    }

    /** Tasks queued on the notify thread: once every notify has started, one hang check per script still running. */
    int pendingHangChecks() {
        return thread.getQueue().size();
    }

    private volatile java.util.function.BiConsumer<String, io.jkeepalived.vrrp.engine.VrrpState> stateListener =
            (instance, state) -> { };

    /** Also tells {@code listener} of every state change (on the caller's thread: the loop's). */
    public void onStateChange(java.util.function.BiConsumer<String, io.jkeepalived.vrrp.engine.VrrpState> listener) {
        stateListener = listener;
    }

    @Override
    public void stateChanged(String instance, io.jkeepalived.vrrp.engine.VrrpState state) {
        mail.stateChanged(instance, state);
        stateListener.accept(instance, state);
    }

    @Override
    public void splitBrain(String instance, boolean detected, String text) {
        mail.splitBrain(instance, detected, text);
    }

    @Override
    public void groupStateChanged(String group, io.jkeepalived.vrrp.engine.VrrpState state) {
        mail.groupStateChanged(group, state);
    }

    @Override
    public void fifo(String line) {
        for (NotifyFifo f : fifos) {
            f.write(line + "\n");
        }
    }

    /**
     * Any thread: a line of the checker half (VS/RS UP/DOWN, already ending in a newline) for the
     * FIFO at {@code path} only: notify_fifo carries them, vrrp_notify_fifo must not.
     */
    public void fifoAt(java.nio.file.Path path, String line) {
        for (NotifyFifo f : fifos) {
            if (f.path().equals(path)) {
                f.write(line);
            }
        }
    }

    /** Waits until every queued notify has started, the STOP scripts have exited and the FIFOs drained. */
    public boolean awaitStop(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        try {
            CompletableFuture.runAsync(() -> { }, thread).get(limit.toNanos(), TimeUnit.NANOSECONDS);
            List<RunningScript> stops = CompletableFuture.supplyAsync(() -> List.copyOf(stopScripts), thread)
                    .get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            for (RunningScript s : stops) {
                s.exit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            for (NotifyFifo f : fifos) {
                f.flush(Math.max(1, deadline - System.nanoTime()));
            }
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        thread.shutdown();
        fifos.forEach(NotifyFifo::close);
    }
}
