package io.jkeepalived.daemon.checker;

import io.jkeepalived.check.engine.CheckAction;
import io.jkeepalived.check.engine.CheckEngine;
import io.jkeepalived.check.engine.CheckEvent;
import io.jkeepalived.check.plan.CheckPlan;
import io.jkeepalived.check.probe.PingService;
import io.jkeepalived.check.probe.Probes;
import io.jkeepalived.check.probe.TlsContexts;
import io.jkeepalived.check.run.ProbeReport;
import io.jkeepalived.check.run.TimerProbeScheduler;
import io.jkeepalived.config.model.Keepalived;
import io.jkeepalived.config.model.TrackFile;
import io.jkeepalived.lvs.LbOp;
import io.jkeepalived.lvs.LbOpText;
import io.jkeepalived.lvs.LbResult;
import io.jkeepalived.lvs.OwnedServices;
import io.jkeepalived.lvs.RecordingLoadBalancer;
import io.jkeepalived.os.OsException;
import io.jkeepalived.script.ScriptLauncher;
import io.jkeepalived.script.ScriptPolicy;
import io.jkeepalived.status.LvsStatus;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;

/**
 * The checker half running: one platform thread ("jk-check") owns the {@link CheckEngine} and
 * feeds it from its own queue: probe reports (from the probes' virtual threads), address changes
 * (ha_suspend), reloads, a tick about once a second (stall detection), and the stop. It performs
 * the engine's actions: probes to the {@link TimerProbeScheduler}, table changes to the desired
 * table here and to the kernel through a {@link KernelWorker} (its own thread, which also reads
 * the kernel back and repairs it; no kernel call ever blocks this thread), the rest through
 * {@link CheckerOutputs}. Nothing here is shared with VRRP: the loop reads only the last
 * published {@link LvsStatus} and the health flag, so a checker problem degrades alone.
 */
final class CheckerService {
    private static final long TICK = Duration.ofSeconds(1).toNanos();
    /** Counters change with every probe: republished at most this often unless a state changed. */
    private static final long PUBLISH_EVERY = Duration.ofMillis(500).toNanos();
    /**
     * A state or table change is published within this, not at once: a snapshot copies the whole
     * table (10,000 real servers: about 5 MB), and when thousands of checkers change at once (a
     * switch failing) publishing after each one cost most of this thread's time and its garbage
     * most of the heap.
     */
    private static final long PUBLISH_GAP = Duration.ofMillis(100).toNanos();
    /** The thread counts as frozen when it has not turned over for this long (its poll waits 1 s at most). */
    private static final long FROZEN_AFTER = Duration.ofSeconds(10).toNanos();

    /** What the thread works on, in arrival order. */
    private sealed interface Msg {
        record Report(ProbeReport report) implements Msg {}

        record Presence(InetAddress address, boolean present) implements Msg {}

        record Reload(Keepalived config) implements Msg {}

        record Stop(CompletableFuture<Void> done) implements Msg {}
    }

    private final LinkedBlockingQueue<Msg> queue = new LinkedBlockingQueue<>();
    private final CheckEngine engine = new CheckEngine(new SplittableRandom());
    private final PreparedProbes probes = new PreparedProbes();
    private final LatencyBook latencies = new LatencyBook();
    private final ScriptLauncher launcher;
    private final Function<Keepalived, ScriptPolicy> policies;
    private final CheckerOutputs outputs;
    private final TimerProbeScheduler scheduler;
    private final List<CheckAction> actions = new ArrayList<>();
    private final LvsSnapshots.Clock clock = LvsSnapshots.Clock.now();
    private final Thread thread;
    private Optional<AddressWatcher> addresses = Optional.empty();
    private CheckPlan plan = new CheckPlan(List.of(), List.of());
    private long tableOps;
    private long tableFailures;
    private int stalledCheckers;
    private long lastPublish;
    private boolean stateChanged;
    private volatile Optional<LvsStatus> published = Optional.empty();
    private volatile long turnedOverAt = System.nanoTime();
    private volatile boolean failed;

    private final LvsSettings lvs;
    /** The desired table, exactly as the engine's operations leave it. */
    private final RecordingLoadBalancer desired = RecordingLoadBalancer.tableOnly();
    /** Replaced once, when the backend is opened on the checker thread; read by {@link #healthy} too. */
    private volatile KernelWorker kernel = KernelWorker.none("not started");

    private CheckerService(Keepalived config, ScriptLauncher launcher, Function<Keepalived, ScriptPolicy> policies,
                           Optional<Consumer<String>> sharedNotifyFifo, LvsSettings lvs) {
        this.launcher = launcher;
        this.lvs = lvs;
        this.policies = policies;
        this.outputs = new CheckerOutputs(launcher, policies.apply(config), sharedNotifyFifo);
        this.scheduler = new TimerProbeScheduler(probes, r -> queue.add(new Msg.Report(r)), System::nanoTime);
        this.thread = Thread.ofPlatform().name("jk-check").daemon(true).unstarted(() -> run(config));
    }

    /** Starts the checker thread on {@code config}; the first plan is applied there. */
    static CheckerService start(Keepalived config, ScriptLauncher launcher, Function<Keepalived, ScriptPolicy> policies,
                                Optional<Consumer<String>> sharedNotifyFifo, LvsSettings lvs) {
        CheckerService s = new CheckerService(config, launcher, policies, sharedNotifyFifo, lvs);
        s.thread.start();
        return s;
    }

    /** Any thread: a reload's new configuration. */
    void reload(Keepalived config) {
        queue.add(new Msg.Reload(config));
    }

    /** Any thread: the last snapshot (never waits for the checker thread). */
    Optional<LvsStatus> snapshot() {
        return published;
    }

    /** Any thread: no checker stalled and the thread turning over; else the systemd watchdog must stop. */
    boolean healthy() {
        long now = System.nanoTime();
        return !failed && published.map(s -> !s.stalled()).orElse(true)
                && now - turnedOverAt < FROZEN_AFTER && kernel.turningOver(now, FROZEN_AFTER);
    }

    /**
     * Any thread: omega notifiers run and every service leaves the table, probing stops; waits
     * up to {@code limit} for that and for the notifies to start.
     */
    void stop(Duration limit) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        queue.add(new Msg.Stop(done));
        try {
            done.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (Exception e) {
            CheckerOutputs.LOG.warn("checker did not stop within {} ms", limit.toMillis());
        }
    }

    private void run(Keepalived config) {
        try {
            addresses = Optional.of(AddressWatcher.start((a, p) -> queue.add(new Msg.Presence(a, p))));
        } catch (OsException | RuntimeException e) {
            CheckerOutputs.LOG.warn("no address monitor ({}): ha_suspend virtual servers stay suspended",
                    e.getMessage());
        }
        drainPresence();
        openKernel(config);
        apply(config, true);
        long nextTick = System.nanoTime() + TICK;
        try {
            while (true) {
                long now = System.nanoTime();
                turnedOverAt = now;
                long wake = stateChanged ? Math.min(nextTick, lastPublish + PUBLISH_GAP) : nextTick;
                Msg m = queue.poll(Math.max(0, wake - now), TimeUnit.NANOSECONDS);
                while (m != null) {
                    if (m instanceof Msg.Stop s) {
                        shutdown(s.done());
                        return;
                    }
                    handle(m);
                    m = queue.poll();
                }
                now = System.nanoTime();
                if (now - nextTick >= 0) {
                    engine.tick(now, actions::add);
                    perform(now);
                    outputs.tick(now);
                    nextTick = now + TICK;
                    stateChanged = true; // stall bounds and counters: at least once a second
                }
                publishIfDue(now);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // A bug of ours: the checker stops and says so (status shows it stalled); VRRP goes on.
            CheckerOutputs.LOG.error("health checker stopped by an internal error: {}", e.toString(), e);
            failed = true;
        }
    }

    /** The address dump at start arrives before the first plan, so ha_suspend knows what is here. */
    private void drainPresence() {
        List<Msg> other = new ArrayList<>();
        Msg m;
        while ((m = queue.poll()) != null) {
            if (m instanceof Msg.Presence p) handle(p);
            else other.add(m);
        }
        queue.addAll(other);
    }

    private void handle(Msg m) {
        long now = System.nanoTime();
        switch (m) {
            case Msg.Report r -> {
                latencies.reported(r.report());
                engine.handle(r.report().event(), now, actions::add);
            }
            case Msg.Presence p -> engine.handle(new CheckEvent.AddressPresence(p.address(), p.present()), now,
                    actions::add);
            case Msg.Reload r -> apply(r.config(), false);
            case Msg.Stop s -> { }
        }
        perform(now);
    }

    private boolean appliedFlushOnStop;

    /** The backend is chosen once, at start; {@code lvs_flush} empties it before the first table. */
    private void openKernel(Keepalived config) {
        KernelBackends.Choice c = lvs.open().apply(config.globalDefs());
        c.backend().ifPresentOrElse(b -> CheckerOutputs.LOG.info("Load balancer: {} in the kernel", b.name()),
                () -> CheckerOutputs.LOG.warn("Load balancer: no kernel backend ({}); virtual servers are checked"
                        + " but not programmed", c.why()));
        kernel = KernelWorker.start(new KernelSync(c.backend(), c.why(),
                lvs.ownedFile().map(OwnedServices::at).orElseGet(OwnedServices::inMemory)), config.globalDefs());
    }

    private void apply(Keepalived config, boolean first) {
        appliedFlushOnStop = config.globalDefs().lvsFlushOnStop();
        ScriptPolicy policy = policies.apply(config);
        outputs.configure(config, policy);
        CheckPlan raw = CheckPlan.of(config);
        raw.problems().forEach(p -> CheckerOutputs.LOG.warn("health checker: {}", p));
        Probes made = new Probes(new Probes.Environment(launcher, policy, tls(config), trackFiles(config),
                PingService.shared()));
        plan = probes.prepare(raw, made, CheckerOutputs.LOG::warn);
        if (kernel.status().backend().equals("nftables") && config.globalDefs().netNamespaceIpvs().isEmpty()) {
            ConntrackSizing.check(plan, ConntrackSizing.NETFILTER, w -> CheckerOutputs.LOG.warn("{}", w));
        }
        long now = System.nanoTime();
        long before = tableOps;
        engine.apply(plan, now, actions::add);
        perform(now);
        CheckerOutputs.LOG.info("{}: {} virtual server(s), {} checker(s){}", first ? "Health checker started"
                : "Health checker reloaded", plan.virtualServers().size(), engine.counters().checkers(),
                first ? "" : ", " + (tableOps - before) + " table operation(s)");
        publish(now);
    }

    private void perform(long now) {
        for (int i = 0; i < actions.size(); i++) {
            CheckAction a = actions.get(i);
            try {
                switch (a) {
                    case CheckAction.ProbeDue d -> {
                        latencies.due(d);
                        scheduler.schedule(d);
                    }
                    case CheckAction.CancelProbe c -> {
                        latencies.cancelled(c.ticket());
                        scheduler.cancel(c.ticket());
                    }
                    case CheckAction.TableChange t -> applyTable(t.ops());
                    case CheckAction.StallChanged s -> {
                        stalledCheckers += s.stalled() ? 1 : -1;
                        stateChanged = true;
                        outputs.perform(a, now);
                    }
                    default -> {
                        stateChanged |= a instanceof CheckAction.LogTransition;
                        outputs.perform(a, now);
                    }
                }
            } catch (RuntimeException e) {
                CheckerOutputs.LOG.error("internal error performing {}: {}", a, e.toString(), e);
            }
        }
        actions.clear();
    }

    private void applyTable(List<LbOp> ops) {
        List<LbResult> results = desired.applyAll(ops);
        kernel.apply(ops);
        for (int i = 0; i < ops.size(); i++) {
            tableOps++;
            if (results.get(i) instanceof LbResult.Failed f) {
                tableFailures++;
                CheckerOutputs.LOG.warn("load balancer refused to {}: {}", LbOpText.of(ops.get(i)), f.reason());
            } else {
                CheckerOutputs.LOG.debug("load balancer: {}", LbOpText.of(ops.get(i)));
            }
        }
        stateChanged = true;
    }

    private void publishIfDue(long now) {
        long since = now - lastPublish;
        if (since < PUBLISH_GAP || (!stateChanged && since < PUBLISH_EVERY)) return;
        publish(now);
    }

    private void publish(long now) {
        published = Optional.of(LvsSnapshots.build(plan, engine.view(), engine.counters(), desired.table(),
                latencies, stalledCheckers > 0, new LvsSnapshots.TableTotals(tableOps, tableFailures), kernel.status(),
                clock));
        lastPublish = now;
        stateChanged = false;
    }

    private void shutdown(CompletableFuture<Void> done) {
        try {
            long now = System.nanoTime();
            engine.handle(new CheckEvent.Shutdown(), now, actions::add);
            perform(now);
            publish(now);
            scheduler.close();
            kernel.stop(lvs.releaseOnStop(), appliedFlushOnStop, Duration.ofSeconds(5));
            addresses.ifPresent(AddressWatcher::close);
            outputs.drain(Duration.ofSeconds(1));
            outputs.close();
            CheckerOutputs.LOG.info("Health checker stopped");
        } finally {
            done.complete(null);
        }
    }

    private static SSLContext tls(Keepalived config) {
        if (config.ssl().isEmpty()) return TlsContexts.defaults();
        try {
            return TlsContexts.of(config.ssl().get());
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            CheckerOutputs.LOG.error("SSL block: {}; SSL_GET checks use no client certificate", e.getMessage());
            return TlsContexts.defaults();
        }
    }

    private static Map<String, TrackFile> trackFiles(Keepalived config) {
        return config.trackFiles().stream().collect(Collectors.toMap(TrackFile::name, Function.identity(), (a, b) -> a));
    }
}
