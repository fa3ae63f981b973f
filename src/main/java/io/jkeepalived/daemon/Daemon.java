package io.jkeepalived.daemon;

import io.jkeepalived.daemon.admin.ControlSocket;
import io.jkeepalived.daemon.admin.Housekeeping;
import io.jkeepalived.daemon.admin.MetricsServer;
import io.jkeepalived.daemon.admin.SignalDumps;
import io.jkeepalived.daemon.admin.StatusTaker;
import io.jkeepalived.daemon.admin.SystemdNotify;
import io.jkeepalived.daemon.kernel.InstanceSockets;
import io.jkeepalived.daemon.kernel.LinuxKernel;
import io.jkeepalived.daemon.kernel.Vmacs;
import io.jkeepalived.daemon.kernel.VrrpSockets;
import io.jkeepalived.daemon.log.LogSetup;
import io.jkeepalived.daemon.log.VrrpLog;
import io.jkeepalived.daemon.loop.ActionExecutor;
import io.jkeepalived.daemon.loop.EventLoop;
import io.jkeepalived.daemon.loop.LifecycleScripts;
import io.jkeepalived.daemon.loop.SplitBrainMonitor;
import io.jkeepalived.daemon.loop.LinkWatcher;
import io.jkeepalived.daemon.loop.MailAlerts;
import io.jkeepalived.daemon.loop.LvsSyncDaemon;
import io.jkeepalived.daemon.loop.NotifyRunner;
import io.jkeepalived.daemon.loop.TrackerHub;
import io.jkeepalived.daemon.plan.ConfigAdapter;
import io.jkeepalived.daemon.plan.DaemonPlan;
import io.jkeepalived.daemon.plan.InstancePlan;
import io.jkeepalived.daemon.plan.KernelFacts;
import io.jkeepalived.daemon.plan.Leftovers;
import io.jkeepalived.daemon.plan.PlanTable;
import io.jkeepalived.daemon.reload.ReloadApplier;
import io.jkeepalived.daemon.stats.InstanceCounters;

import io.jkeepalived.config.ConfigLoader;
import io.jkeepalived.config.Diagnostic;
import io.jkeepalived.config.LoadResult;
import io.jkeepalived.config.Severity;
import io.jkeepalived.config.model.Keepalived;
import io.jkeepalived.config.model.Script;
import io.jkeepalived.daemon.checker.CheckerSubsystem;
import io.jkeepalived.netlink.LinkMonitor;
import io.jkeepalived.netlink.RtNetlink;
import io.jkeepalived.notify.NotifyFifo;
import io.jkeepalived.os.OsException;
import io.jkeepalived.os.SignalFd;
import io.jkeepalived.os.WakeUpFd;
import io.jkeepalived.script.RunAs;
import io.jkeepalived.script.ScriptLauncher;
import io.jkeepalived.script.ScriptPolicy;
import io.jkeepalived.script.ScriptSecurity;
import io.jkeepalived.script.UserDb;
import io.jkeepalived.vrrp.engine.Action;
import io.jkeepalived.vrrp.engine.VrrpEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's lifecycle: logging, pid files, config, the VRRP subsystem on the calling thread
 * (which becomes the event loop), graceful stop on SIGTERM/SIGINT, cleanup. Returns the exit code.
 */
public final class Daemon {
    static final int EXIT_MISSING_CONFIG = 6;
    static final int SIGHUP = SignalRoutes.SIGHUP;
    static final int SIGINT = SignalRoutes.SIGINT;
    static final int SIGQUIT = SignalRoutes.SIGQUIT;
    static final int SIGUSR1 = SignalRoutes.SIGUSR1;
    static final int SIGUSR2 = SignalRoutes.SIGUSR2;
    static final int SIGTERM = SignalRoutes.SIGTERM;
    static final int SIGJSON = SignalRoutes.SIGJSON;
    static final int SIGSTATS_CLEAR = SignalRoutes.SIGSTATS_CLEAR;

    private static final Logger LOG = LoggerFactory.getLogger("Keepalived");

    private Daemon() {}

    public static int run(DaemonSettings s, String version) {
        LogSetup.configure(s);
        VrrpLog.setDetail(s.logDetail());
        try {
            return runLogged(s, version);
        } finally {
            LogSetup.stop();
        }
    }

    private static int runLogged(DaemonSettings s, String version) {
        LOG.info("Starting {}", version);
        if (!s.commandLine().isEmpty()) {
            LOG.info("Command line: {}", String.join(" ", s.commandLine().stream().map(a -> "'" + a + "'").toList()));
        }
        for (Path p : List.of(s.pidFile(), s.vrrpPidFile())) {
            Optional<Long> other = PidFiles.running(p);
            if (other.isPresent()) {
                LOG.error("daemon is already running (pid {} in {})", other.get(), p);
                return 1;
            }
        }
        try (PidFiles pids = new PidFiles()) {
            try {
                pids.write(s.pidFile());
                pids.write(s.vrrpPidFile());
            } catch (IOException e) {
                LOG.error("cannot write pid file: {}", e.toString());
                return 1;
            }
            if (!Files.exists(s.configFile())) {
                // keepalived 2.2.7 logs this and stops with exit code 6 (observed with -n -l -f /nonexistent)
                LOG.error("Config files missing '{}'.", s.configFile());
                LOG.info("Stopped {}", version);
                return EXIT_MISSING_CONFIG;
            }
            if (s.namespace().isPresent()) {
                // This thread becomes the loop; every thread it starts from here on inherits the namespace.
                try {
                    io.jkeepalived.os.NetNamespace.enter(s.namespace().get());
                    LOG.info("Running in network namespace {}", s.namespace().get());
                } catch (OsException e) {
                    LOG.error("cannot enter network namespace {}: {}", s.namespace().get(), e.getMessage());
                    return 1;
                }
            }
            Optional<Keepalived> config = load(s);
            if (!s.runVrrp()) {
                LOG.info("VRRP subsystem not requested (-C): only the health checker runs, until SIGTERM");
                try (ScriptLauncher launcher = ScriptLauncher.system()) {
                    CheckerSubsystem checker = CheckerSubsystem.start(s.runChecker(),
                            config.orElseGet(Daemon::emptyConfig), launcher, Daemon::policy, Optional.empty(),
                            lvsSettings(s));
                    try {
                        idleUntilStopped();
                    } finally {
                        checker.close();
                    }
                }
            } else {
                int rc = runVrrp(s, config.orElseGet(Daemon::emptyConfig), version);
                if (rc != 0) {
                    return rc;
                }
            }
            LOG.info("Stopped {}", version);
            return 0;
        }
    }

    /** The load-balancer ownership file lives beside the control socket: one per daemon, as namespaces are. */
    private static io.jkeepalived.daemon.checker.LvsSettings lvsSettings(DaemonSettings s) {
        Path dir = s.controlSocket().toAbsolutePath().getParent();
        return io.jkeepalived.daemon.checker.LvsSettings.system(dir, s.releaseLvsOnStop());
    }

    private static Keepalived emptyConfig() {
        LoadResult r = ConfigLoader.loadString("", "(none)", Path.of("."),
                io.jkeepalived.config.lex.ReaderOptions.defaults());
        return r.config().orElseThrow();
    }

    private static Optional<Keepalived> load(DaemonSettings s) {
        VrrpLog.detail("Opening file '{}'.", s.configFile());
        LoadResult r = ConfigLoader.load(s.configFile(), s.readerOptions());
        for (Diagnostic d : r.diagnostics()) {
            if (d.severity() == Severity.ERROR) {
                LOG.error(d.render());
            } else {
                LOG.warn(d.render());
            }
        }
        return r.config();
    }

    /**
     * The health checker alone (-C): waits for INT or TERM, from the signalfd where the launcher blocked
     * them, else from the JDK's handlers, whose handler wakes the same poll through an eventfd.
     */
    private static void idleUntilStopped() {
        SignalRoutes routes = SignalRoutes.stopOnly(io.jkeepalived.os.SignalMask.blockedHere());
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        try (SignalFd fd = SignalFd.open(routes.fdSignals()); WakeUpFd wake = WakeUpFd.open();
             io.jkeepalived.os.PollSet poll = new io.jkeepalived.os.PollSet()) {
            SignalBridge.install(routes.viaJdk(), n -> {
                if (n == SIGTERM || n == SIGINT) {
                    stop.set(true);
                    wake.signal();
                }
            });
            int signals = poll.add(fd.fd());
            poll.add(wake.fd());
            while (!stop.get()) {
                poll.poll(-1);
                if (!poll.isReady(signals)) continue;
                java.util.OptionalInt n;
                while ((n = fd.read()).isPresent()) {
                    if (n.getAsInt() == SIGTERM || n.getAsInt() == SIGINT) stop.set(true);
                }
            }
        } catch (OsException e) {
            // with INT and TERM blocked for a signalfd that cannot open, nothing could stop the checker
            LOG.error("signalfd: {}; the health checker stops, since it could not wait for TERM", e.getMessage());
        }
    }

    private static int runVrrp(DaemonSettings s, Keepalived config, String version) {
        long startedMillis = System.currentTimeMillis();
        try (RtNetlink rtnl = RtNetlink.open();
             VrrpSockets sockets = new VrrpSockets();
             WakeUpFd wake = WakeUpFd.open();
             Vmacs vmacs = new Vmacs(rtnl);
             ScriptLauncher launcher = ScriptLauncher.system();
             SystemdNotify systemd = SystemdNotify.fromEnvironment(System.getenv(), ProcessHandle.current().pid())) {
            KernelFacts facts = KernelFacts.dump(rtnl);
            DaemonPlan plan = ConfigAdapter.plan(config, facts);
            plan.warnings().forEach(LOG::warn);
            VrrpEngine engine = VrrpEngine.empty();
            // At start every router is new: the engine only clears leftover VIPs (performed below,
            // once the executor exists).
            List<Action> firstActions = new ArrayList<>();
            if (engine.apply(plan.routers(), plan.groups(), java.util.Set.of(), System.nanoTime(),
                    firstActions::add) instanceof VrrpEngine.Reload.Rejected r) {
                r.problems().forEach(p -> LOG.error("configuration rejected: {}", p));
                return 1;
            }
            PlanTable plans = new PlanTable();
            Map<String, InstanceCounters> counters = new HashMap<>();
            for (InstancePlan p : plan.instances()) {
                plans.put(p.name(), p);
                counters.put(p.name(), new InstanceCounters());
                vmacs.create(p);
            }
            InstanceSockets.openSockets(plan, sockets, counters);

            ScriptPolicy policy = policy(config);
            policy.startupWarnings(anyScripts(config)).forEach(LOG::warn);
            var g = config.globalDefs();
            LifecycleScripts.run("startup_script", g.startupScript(), g.startupScriptTimeout(), launcher, policy);
            List<NotifyFifo> fifos = openFifos(config, launcher);
            Optional<LinkMonitor> monitor = optional("netlink monitor", LinkMonitor::open);
            SignalRoutes signalRoutes = SignalRoutes.daemon(io.jkeepalived.os.SignalMask.blockedHere());
            LOG.debug("Signals: {}", signalRoutes);
            // with TERM and HUP blocked for it, a daemon without its signalfd could be neither stopped nor
            // reloaded: not starting (exit 1) is the safer failure
            Optional<SignalFd> sigfd = signalRoutes.stopsOrReloadsViaFd()
                    ? Optional.of(SignalFd.open(signalRoutes.fdSignals()))
                    : optional("signalfd", () -> SignalFd.open(signalRoutes.fdSignals()));
            try (NotifyRunner notifier = new NotifyRunner(launcher, policy, fifos, MailAlerts.from(config));
                 LinuxKernel kernel = new LinuxKernel(sockets, rtnl);
                 LvsSyncDaemon lvsSync = new LvsSyncDaemon()) {
                ActionExecutor executor = new ActionExecutor(plans, counters, kernel, notifier, s.releaseOnStop());
                AtomicReference<EventLoop> loopRef = new AtomicReference<>();
                AtomicReference<SignalDumps> dumpsRef = new AtomicReference<>();
                LinkWatcher links = new LinkWatcher(plans, (name, event) -> loopRef.get().handle(name, event));
                TrackerHub trackers = new TrackerHub(plan, (name, event) -> loopRef.get().post(name, event));
                ReloadApplier reload = new ReloadApplier(s, config, plans, counters, sockets, vmacs, links);
                AtomicReference<io.jkeepalived.config.model.GlobalDefs> applied = new AtomicReference<>(g);
                // The health checker (not with -P): its own threads; LVS lines share VRRP's notify_fifo.
                CheckerSubsystem checker = CheckerSubsystem.start(s.runChecker(), config, launcher, Daemon::policy,
                        Optional.of(line -> applied.get().notifyFifo().ifPresent(
                                f -> notifier.fifoAt(Path.of(f.argv().getFirst()), line))), lvsSettings(s));
                reload.onGlobals((next, running, linksNow, now) -> {
                    var ng = next.globalDefs();
                    var og = applied.getAndSet(ng);
                    ScriptPolicy np = policy(next);
                    boolean policyChanged = !ng.scriptUser().equals(og.scriptUser())
                            || ng.enableScriptSecurity() != og.enableScriptSecurity();
                    trackers.reload(next, running, linksNow, launcher, np, policyChanged, now);
                    checker.reload(next);
                    lvsSync.configure(next, name -> engine.router(name).map(
                            io.jkeepalived.vrrp.engine.VirtualRouter::state));
                    boolean fifosChanged = !ng.notifyFifo().equals(og.notifyFifo())
                            || !ng.notifyFifoScript().equals(og.notifyFifoScript())
                            || !ng.vrrpNotifyFifo().equals(og.vrrpNotifyFifo())
                            || !ng.vrrpNotifyFifoScript().equals(og.vrrpNotifyFifoScript());
                    notifier.reconfigure(np, fifosChanged ? Optional.of(() -> openFifos(next, launcher)) : Optional.empty(),
                            MailAlerts.from(next));
                    if (!ng.metricsListen().equals(og.metricsListen()) && s.metricsListen().isEmpty()) {
                        LOG.warn("Reload: metrics_listen changed; the /metrics endpoint moves on the next restart");
                    }
                });
                EventLoop loop = new EventLoop(engine, sockets, executor, monitor, links, trackers, wake, sigfd,
                        n -> onSignal(n, loopRef.get(), reload, dumpsRef.get(), checker),
                        e -> InstanceSockets.interfaceEvent(e, plans, counters, sockets, kernel));
                loopRef.set(loop);
                SplitBrainMonitor splitBrain = new SplitBrainMonitor(plans, kernel, notifier,
                        name -> engine.router(name).map(io.jkeepalived.vrrp.engine.VirtualRouter::state),
                        loop::handle, SplitBrainMonitor.Opener.PACKET);
                loop.splitBrain(splitBrain);
                splitBrain.reconcile();
                reload.attach(loop);
                reload.listen(new ReloadApplier.Listener() {
                    @Override
                    public void reloadStarted() {
                        systemd.reloading();
                    }

                    @Override
                    public void reloadFinished(String outcome) {
                        loop.post(splitBrain::reconcile);
                        systemd.ready("Reload " + outcome + "; " + plans.size() + " VRRP instance(s) running");
                    }
                });
                StatusTaker taker = new StatusTaker(version, startedMillis, engine, plans, counters, reload::current,
                        s.namespace());
                taker.scriptStats(trackers::scriptStats);
                taker.splitBrain(splitBrain::view);
                taker.sockets(sockets);
                taker.lvs(checker::snapshot);
                dumpsRef.set(new SignalDumps(taker, () -> reload.current().globalDefs(), System.getenv()));
                java.util.function.Supplier<java.util.concurrent.CompletableFuture<io.jkeepalived.status.DaemonStatus>>
                        snapshot = () -> checker.refresh().thenCompose(fresh -> loop.call(taker::take));
                // malloc_trim every 5 s on the control socket's thread (which idles), in place of the
                // JVM's trimmer thread; on /metrics' only if the control socket could not open
                Optional<ControlSocket> control = ControlSocket.open(s.controlSocket(), snapshot,
                        Optional.of(Housekeeping.trimNativeHeap()));
                Optional<Housekeeping> metricsChores = control.isPresent() ? Optional.empty()
                        : Optional.of(Housekeeping.trimNativeHeap());
                Optional<MetricsServer> metrics = s.metricsListen().or(() -> config.globalDefs().metricsListen())
                        .flatMap(l -> MetricsServer.start(l, snapshot, metricsChores));
                taker.endpoints(() -> java.util.stream.Stream.concat(control.stream().map(ControlSocket::view),
                        metrics.stream().map(MetricsServer::view)).toList());
                lvsSync.configure(config, name -> engine.router(name).map(
                        io.jkeepalived.vrrp.engine.VirtualRouter::state));
                notifier.onStateChange(lvsSync::stateChanged);
                Leftovers.present(firstActions, plans, facts.heldAddresses()).forEach(executor::execute);
                links.initial(rtnl.links());
                SignalBridge.install(signalRoutes.viaJdk(), n -> loop.post(() -> onSignal(n, loop, reload, dumpsRef.get(), checker)));
                trackers.start(config, launcher, policy);
                trackers.initialLinks(rtnl.links(), System.nanoTime());
                LOG.info("Startup complete");
                systemd.ready(plans.size() + " VRRP instance(s) running");
                Optional<Thread> watchdog = systemd.watchdog().map(every -> Thread.ofPlatform().daemon(true)
                        .name("jk-watchdog").start(() -> pingThroughTheLoop(loop, systemd, every, checker::healthy)));
                try {
                    loop.run();
                } finally {
                    systemd.stopping();
                    watchdog.ifPresent(Thread::interrupt);
                    control.ifPresent(ControlSocket::close);
                    metrics.ifPresent(MetricsServer::close);
                    trackers.close();
                    checker.close();
                    splitBrain.close();
                    if (!notifier.awaitStop(Duration.ofSeconds(1))) {
                        LOG.warn("notify STOP scripts still running after 1 s");
                    }
                    var last = reload.current();
                    LifecycleScripts.run("shutdown_script", last.globalDefs().shutdownScript(),
                            last.globalDefs().shutdownScriptTimeout(), launcher, policy(last));
                }
            } finally {
                monitor.ifPresent(LinkMonitor::close);
                sigfd.ifPresent(SignalFd::close);
            }
            VrrpLog.LOG.info("Stopped");
            return 0;
        } catch (OsException e) {
            LOG.error("VRRP subsystem cannot start: {}", e.getMessage());
            return 1;
        }
    }

    /**
     * systemd's watchdog is fed by a task run on the event loop, so a stalled loop stops the pings
     * and systemd restarts the daemon; this thread only schedules. A stalled health checker stops
     * the pings too (keepalived #2523: a checker frozen for hours went unnoticed).
     */
    private static void pingThroughTheLoop(EventLoop loop, SystemdNotify systemd, Duration every,
                                           java.util.function.BooleanSupplier checkerHealthy) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                loop.post(() -> {
                    if (checkerHealthy.getAsBoolean()) {
                        systemd.watchdogPing();
                    }
                });
                Thread.sleep(every);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean anyScripts(Keepalived k) {
        java.util.function.Predicate<io.jkeepalived.config.model.Notify> any = n -> n.master().isPresent()
                || n.backup().isPresent() || n.fault().isPresent() || n.stop().isPresent() || n.any().isPresent()
                || n.deleted().isPresent() || n.masterRxLowerPri().isPresent();
        return !k.vrrpScripts().isEmpty() || k.vrrpInstances().stream()
                .anyMatch(i -> any.test(i.notifyScripts()) || i.splitBrain().script().isPresent())
                || k.syncGroups().stream().anyMatch(g -> any.test(g.notifyScripts()));
    }

    private static ScriptPolicy policy(Keepalived config) {
        return new ScriptPolicy(UserDb.system(), ScriptSecurity.system(),
                config.globalDefs().scriptUser().map(Daemon::runAs), config.globalDefs().enableScriptSecurity(),
                ScriptLauncher.currentUid());
    }

    private static RunAs runAs(Script s) {
        return s.argv().size() > 1 ? RunAs.of(s.argv().get(0), s.argv().get(1)) : RunAs.user(s.argv().getFirst());
    }

    private static List<NotifyFifo> openFifos(Keepalived config, ScriptLauncher launcher) {
        List<NotifyFifo> out = new ArrayList<>();
        var g = config.globalDefs();
        open(g.notifyFifo(), g.notifyFifoScript(), launcher, out);
        open(g.vrrpNotifyFifo(), g.vrrpNotifyFifoScript(), launcher, out);
        return out;
    }

    private static void open(Optional<Script> fifo, Optional<Script> script, ScriptLauncher launcher,
                             List<NotifyFifo> out) {
        if (fifo.isEmpty()) {
            return;
        }
        switch (NotifyFifo.open(Path.of(fifo.get().argv().getFirst()), script.map(Script::argv), Optional.empty(),
                launcher)) {
            case NotifyFifo.Ready r -> out.add(r.fifo());
            case NotifyFifo.Failed f -> LOG.error("notify fifo {}: {}", fifo.get().command(), f.reason());
        }
    }

    private interface Opener<T> {
        T open() throws OsException;
    }

    private static <T> Optional<T> optional(String what, Opener<T> opener) {
        try {
            return Optional.of(opener.open());
        } catch (OsException | RuntimeException | UnsatisfiedLinkError e) {
            LOG.warn("{} unavailable: {}", what, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * On the loop thread: what each signal means (behaviour §2.2). A dump waits for the health
     * checker's fresh snapshot (it takes them only when asked), then is taken on the loop.
     */
    static void onSignal(int signo, EventLoop loop, ReloadApplier reload, SignalDumps dumps, CheckerSubsystem checker) {
        switch (signo) {
            case SIGTERM, SIGINT -> {
                LOG.info("Stopping");
                loop.stop();
            }
            case SIGHUP -> reload.requested();
            case SIGUSR1 -> checker.refresh().thenRun(() -> loop.post(() -> dumps.dump(SignalDumps.Kind.DATA)));
            case SIGUSR2 -> checker.refresh().thenRun(() -> loop.post(() -> dumps.dump(SignalDumps.Kind.STATS)));
            case SIGJSON -> checker.refresh().thenRun(() -> loop.post(() -> dumps.dump(SignalDumps.Kind.JSON)));
            case SIGSTATS_CLEAR -> dumps.clearStats();
            case SIGQUIT -> LOG.info("SIGQUIT: the daemon's threads (jcmd and jstack do not attach: docs/daemon.md)\n{}",
                    io.jkeepalived.daemon.admin.ThreadDump.render(Thread.getAllStackTraces()));
            default -> LOG.debug("signal {} ignored", signo);
        }
    }
}
