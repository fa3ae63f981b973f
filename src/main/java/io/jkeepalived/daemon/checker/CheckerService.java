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
    /**
     * A refresh asked of a thread that has not turned over for this long is answered with the last
     * snapshot at once: a stuck checker must still show in {@code status} (as stalled), not hold it.
     */
    private static final long STUCK_AFTER = Duration.ofSeconds(2).toNanos();
    /** The thread counts as frozen when it has not turned over for this long (its poll waits 1 s at most). */
    private static final long FROZEN_AFTER = Duration.ofSeconds(10).toNanos();

    /** What the thread works on, in arrival order. */
    private sealed interface Msg {
        record Report(ProbeReport report) implements Msg {}

        record Presence(InetAddress address, boolean present) implements Msg {}

        record Reload(Keepalived config) implements Msg {}

        record Refresh(CompletableFuture<Void> done) implements Msg {}

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
    /** Written by this thread only; read by {@link #healthy} on the watchdog's. */
    private volatile int stalledCheckers;
    private final List<CompletableFuture<Void>> refreshes = new ArrayList<>();
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

    /**
     * Any thread: the last snapshot (never waits for the checker thread). It is as old as the last
     * {@link #refresh}: snapshots are taken when asked for, not on a timer, because one copies the
     * whole table (10,000 real servers: about 5 MB), and publishing that every half second kept
     * the heap full of copies that lived just long enough to be promoted (RSS 364 MB).
     */
    Optional<LvsStatus> snapshot() {
        return published;
    }

    /**
     * Any thread: completes once {@link #snapshot} holds a snapshot taken after this call (within
     * milliseconds), or at once when the checker thread is stopped or stuck.
     */
    CompletableFuture<Void> refresh() {
        if (failed || !thread.isAlive() || System.nanoTime() - turnedOverAt > STUCK_AFTER) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        queue.add(new Msg.Refresh(done));
        return done;
    }

    /** Any thread: no checker stalled and the thread turning over; else the systemd watchdog must stop. */
    boolean healthy() {
        long now = System.nanoTime();
        return !failed && stalledCheckers == 0
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
        openKernel(config);
        apply(config, true);
        long nextTick = System.nanoTime() + TICK;
        try {
            while (true) {
                long now = System.nanoTime();
                turnedOverAt = now;
                Msg m = queue.poll(Math.max(0, nextTick - now), TimeUnit.NANOSECONDS);
                while (m != null) {
                    if (m instanceof Msg.Stop s) {
                        answerRefreshes(System.nanoTime());
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
                }
                answerRefreshes(now);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // A bug of ours: the checker stops and says so (status shows it stalled); VRRP goes on.
            CheckerOutputs.LOG.error("health checker stopped by an internal error: {}", e.toString(), e);
            failed = true;
        } finally {
            refreshes.forEach(f -> f.complete(null));
            refreshes.clear();
        }
    }

    /**
     * The address monitor (thread {@code jk-check-addr}) runs only once a virtual server uses
     * {@code ha_suspend}: nothing else needs it. Its dump of the addresses present arrives before
     * the plan that needs it is applied, so ha_suspend knows what is here from the start.
     */
    private void watchAddressesIfNeeded() {
        if (addresses.isPresent() || plan.virtualServers().stream().noneMatch(v -> v.haSuspendOn().isPresent())) return;
        try {
            addresses = Optional.of(AddressWatcher.start((a, p) -> queue.add(new Msg.Presence(a, p))));
        } catch (OsException | RuntimeException e) {
            CheckerOutputs.LOG.warn("no address monitor ({}): ha_suspend virtual servers stay suspended",
                    e.getMessage());
            return;
        }
        drainPresence();
    }

    /** Presence messages queued now are handled before anything else queued (see above). */
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
            case Msg.Refresh r -> refreshes.add(r.done());
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
        watchAddressesIfNeeded();
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
        publish();
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
                        outputs.perform(a, now);
                    }
                    default -> outputs.perform(a, now);
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
    }

    /** Every refresh that arrived with this batch of messages is answered by one snapshot. */
    private void answerRefreshes(long now) {
        if (refreshes.isEmpty()) return;
        publish();
        refreshes.forEach(f -> f.complete(null));
        refreshes.clear();
    }

    private void publish() {
        published = Optional.of(LvsSnapshots.build(plan, engine.view(), engine.counters(), desired.table(),
                latencies, stalledCheckers > 0, new LvsSnapshots.TableTotals(tableOps, tableFailures), kernel.status(),
                clock));
    }

    private void shutdown(CompletableFuture<Void> done) {
        try {
            long now = System.nanoTime();
            engine.handle(new CheckEvent.Shutdown(), now, actions::add);
            perform(now);
            publish();
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
