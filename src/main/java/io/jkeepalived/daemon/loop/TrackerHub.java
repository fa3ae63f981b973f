package io.jkeepalived.daemon.loop;

import io.jkeepalived.daemon.plan.ConfigAdapter;
import io.jkeepalived.daemon.plan.DaemonPlan;
import io.jkeepalived.daemon.plan.InstancePlan;

import io.jkeepalived.config.model.Keepalived;
import io.jkeepalived.config.model.TrackFile;
import io.jkeepalived.config.model.TrackProcess;
import io.jkeepalived.config.model.VrrpScript;
import io.jkeepalived.script.RunAs;
import io.jkeepalived.script.ScriptLauncher;
import io.jkeepalived.script.ScriptPolicy;
import io.jkeepalived.track.FileSpec;
import io.jkeepalived.track.FileTracker;
import io.jkeepalived.track.InterfaceTracker;
import io.jkeepalived.track.ProcFs;
import io.jkeepalived.track.NetlinkProcConnectorChannel;
import io.jkeepalived.track.ProcConnectorSource;
import io.jkeepalived.track.ProcScanSource;
import io.jkeepalived.track.ProcessEventSource;
import io.jkeepalived.track.ProcessSpec;
import io.jkeepalived.track.ProcessTracker;
import io.jkeepalived.track.ScriptSpec;
import io.jkeepalived.track.ScriptTracker;
import io.jkeepalived.track.ThreadScheduler;
import io.jkeepalived.track.TrackState;
import io.jkeepalived.track.TrackerEvent;
import io.jkeepalived.vrrp.engine.Event;
import io.jkeepalived.vrrp.engine.TrackerSpec;
import io.jkeepalived.vrrp.engine.TrackerStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the trackers the running instances reference (vrrp_script, track_file,
 * vrrp_track_process, track_interface) and turns their results into engine events for every
 * instance that tracks them, posted to the loop. Tracker threads never touch engine state.
 *
 * <p>A reload reconciles by name (behaviour §3.13): a script whose definition is unchanged keeps
 * running with its rise/fall history, a changed one is restarted, a removed one stopped. The last
 * result of every tracker is kept and replayed to each instance that tracks it after a reload, so
 * an instance that starts tracking an already-running script learns its state at once.
 */
public final class TrackerHub implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("Keepalived_vrrp");

    /** Posts an engine event for one instance to the loop; thread-safe. */
    public interface Poster {
        void post(String instance, Event event);
    }

    /** A tracker with the definition it was started from; results from it count while it is live. */
    private record Running<D, T extends AutoCloseable>(D definition, T tracker, AtomicBoolean live) {
        void stop() {
            live.set(false);
            try {
                tracker.close();
            } catch (Exception e) {
                LOG.debug("closing tracker: {}", e.toString());
            }
        }
    }

    /** Replaced whole on reload; read by tracker threads. */
    private volatile Map<String, List<String>> instancesByTracker = Map.of();
    private final Map<String, Event> lastResult = new ConcurrentHashMap<>();
    private final Poster poster;
    private final ThreadScheduler scheduler = new ThreadScheduler("jk-track");
    private final Map<String, Running<VrrpScript, ScriptTracker>> scripts = new HashMap<>();
    private Optional<Running<List<FileSpec>, FileTracker>> files = Optional.empty();
    private Optional<Running<List<ProcessSpec>, ProcessTracker>> processes = Optional.empty();
    private InterfaceTracker interfaces = new InterfaceTracker(Set.of(), e -> { });

    public TrackerHub(DaemonPlan plan, Poster poster) {
        this.poster = poster;
        this.instancesByTracker = subscriptions(plan.instances());
    }

    private static Map<String, List<String>> subscriptions(java.util.Collection<InstancePlan> plans) {
        Map<String, List<String>> out = new HashMap<>();
        for (InstancePlan p : plans) {
            for (TrackerSpec t : p.router().trackers()) {
                out.computeIfAbsent(t.id(), k -> new ArrayList<>()).add(p.name());
            }
        }
        out.replaceAll((k, v) -> List.copyOf(v));
        return Map.copyOf(out);
    }

    public void start(Keepalived config, ScriptLauncher launcher, ScriptPolicy policy) {
        reconcileTrackers(config, launcher, policy);
    }

    /**
     * On the loop after a reload applied {@code plans}: start, restart and stop trackers to match,
     * then replay every known result to the instances tracking it (the engine has already taken the
     * new specs, so the reports land on known tracker ids). A changed script policy (script_user,
     * enable_script_security) restarts every script, as each may now run as someone else.
     */
    public void reload(Keepalived config, java.util.Collection<InstancePlan> plans, List<io.jkeepalived.netlink.Link> links,
                ScriptLauncher launcher, ScriptPolicy policy, boolean policyChanged, long nowNanos) {
        if (policyChanged) {
            scripts.values().forEach(Running::stop);
            scripts.clear();
        }
        instancesByTracker = subscriptions(plans);
        lastResult.keySet().retainAll(instancesByTracker.keySet());
        reconcileTrackers(config, launcher, policy);
        initialLinks(links, nowNanos);
        instancesByTracker.forEach((id, instances) -> {
            Event last = lastResult.get(id);
            if (last != null) {
                instances.forEach(i -> poster.post(i, last));
            }
        });
    }

    private void reconcileTrackers(Keepalived config, ScriptLauncher launcher, ScriptPolicy policy) {
        Map<String, List<String>> subs = instancesByTracker;
        Map<String, VrrpScript> wanted = new HashMap<>();
        config.vrrpScripts().stream().filter(s -> subs.containsKey(ConfigAdapter.scriptId(s.name())))
                .forEach(s -> wanted.put(s.name(), s));
        scripts.entrySet().removeIf(e -> {
            boolean keep = e.getValue().definition().equals(wanted.get(e.getKey()));
            if (!keep) {
                e.getValue().stop();
            }
            return !keep;
        });
        for (VrrpScript s : config.vrrpScripts()) {
            if (wanted.containsKey(s.name()) && !scripts.containsKey(s.name())) {
                startScript(s, launcher, policy);
            }
        }
        List<FileSpec> fileSpecs = new ArrayList<>();
        for (TrackFile f : config.trackFiles()) {
            if (subs.containsKey(ConfigAdapter.fileId(f.name()))) {
                Optional<FileSpec.InitFile> init = f.initFile()
                        ? Optional.of(new FileSpec.InitFile(f.initValue().orElse(0L), f.initOverwrite()))
                        : Optional.empty();
                fileSpecs.add(new FileSpec(f.name(), Path.of(f.file()), init));
            }
        }
        files = replace(files, fileSpecs, live -> {
            FileTracker t = new FileTracker(fileSpecs, scheduler, gated(live));
            t.start();
            return t;
        });
        List<ProcessSpec> procSpecs = new ArrayList<>();
        for (TrackProcess p : config.trackProcesses()) {
            if (subs.containsKey(ConfigAdapter.processId(p.name()))) {
                procSpecs.add(process(p));
            }
        }
        processes = replace(processes, procSpecs, live -> {
            ProcessTracker t = new ProcessTracker(procSpecs, ProcFs.system(), processEvents(), scheduler, gated(live));
            t.start();
            return t;
        });
        Set<String> ifs = new HashSet<>();
        subs.keySet().stream().filter(id -> id.startsWith("if:")).forEach(id -> ifs.add(id.substring(3)));
        interfaces = new InterfaceTracker(ifs, this::onResult);
    }

    private void startScript(VrrpScript s, ScriptLauncher launcher, ScriptPolicy policy) {
        Optional<RunAs> runAs = s.script().user().map(u -> new RunAs(u, s.script().group()));
        switch (policy.admit("track script", s.name(), s.script().argv(), runAs)) {
            case ScriptPolicy.Admitted a -> {
                ScriptSpec spec = new ScriptSpec(s.name(), a.argv(), s.interval(), s.timeout(), s.rise(), s.fall(),
                        s.initFail(), runAs);
                AtomicBoolean live = new AtomicBoolean(true);
                ScriptTracker t = new ScriptTracker(spec, a.identity(), launcher, scheduler, gated(live));
                scripts.put(s.name(), new Running<>(s, t, live));
                t.start();
            }
            case ScriptPolicy.Refused r -> LOG.warn(r.reason());
        }
    }

    /**
     * Keeps {@code current} when it was started from {@code wanted}; otherwise stops it and, unless
     * nothing is wanted, starts one with {@code start} (given the flag that gates its results).
     */
    private static <S, T extends AutoCloseable> Optional<Running<List<S>, T>> replace(
            Optional<Running<List<S>, T>> current, List<S> wanted,
            java.util.function.Function<AtomicBoolean, T> start) {
        if (current.isPresent() && current.get().definition().equals(wanted)) {
            return current;
        }
        current.ifPresent(Running::stop);
        if (wanted.isEmpty()) {
            return Optional.empty();
        }
        AtomicBoolean live = new AtomicBoolean(true);
        return Optional.of(new Running<>(List.copyOf(wanted), start.apply(live), live));
    }

    /** Results of a tracker that a reload stopped are dropped, however late they arrive. */
    private io.jkeepalived.track.TrackerSink gated(AtomicBoolean live) {
        return e -> {
            if (live.get()) {
                onResult(e);
            }
        };
    }

    /** The kernel's proc connector (process events, as keepalived); /proc polling where it cannot be opened. */
    private ProcessEventSource processEvents() {
        if (!inInitialNetNamespace()) {
            // The kernel delivers proc connector events only in the initial network namespace
            // (the subscription fails with ECONNREFUSED elsewhere).
            LOG.info("track_process: not in the initial network namespace, polling /proc every second");
            return new ProcScanSource(ProcFs.system(), scheduler, Duration.ofSeconds(1));
        }
        try {
            return new ProcConnectorSource(NetlinkProcConnectorChannel.open(), ProcFs.system());
        } catch (java.io.IOException | RuntimeException e) {
            LOG.warn("process events unavailable ({}): track_process polls /proc every second", e.getMessage());
            return new ProcScanSource(ProcFs.system(), scheduler, Duration.ofSeconds(1));
        }
    }

    private static boolean inInitialNetNamespace() {
        try {
            return java.nio.file.Files.readSymbolicLink(Path.of("/proc/self/ns/net"))
                    .equals(java.nio.file.Files.readSymbolicLink(Path.of("/proc/1/ns/net")));
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }

    private static ProcessSpec process(TrackProcess p) {
        Optional<ProcessSpec.ParamMatch> match = p.paramMatch().flatMap(m -> {
            try {
                return Optional.of(ProcessSpec.ParamMatch.valueOf(m.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        });
        return ProcessSpec.of(p.name(), p.process())
                .withParams(p.args(), match)
                .withFullCommand(p.fullCommand())
                .withQuorum(p.quorum(), p.quorumMax().orElse(Integer.MAX_VALUE))
                .withDelays(p.forkDelay().orElse(Duration.ZERO), p.terminateDelay().orElse(Duration.ZERO));
    }

    /** The counters of the running script {@code name}; loop thread. */
    public Optional<io.jkeepalived.track.ScriptStats> scriptStats(String name) {
        return Optional.ofNullable(scripts.get(name)).map(r -> r.tracker().stats());
    }

    /** The links at start: every tracked interface gets its first state (missing ones are down). */
    public void initialLinks(List<io.jkeepalived.netlink.Link> links, long nowNanos) {
        Set<String> seen = new HashSet<>();
        for (var l : links) {
            seen.add(l.name());
            onLink(l.name(), l.isUp(), l.isRunning(), nowNanos);
        }
        instancesByTracker.keySet().stream().filter(id -> id.startsWith("if:")).map(id -> id.substring(3))
                .filter(n -> !seen.contains(n)).forEach(n -> onLinkRemoved(n, nowNanos));
    }

    /** Link changes from the netlink monitor, on the loop thread. */
    void onLink(String ifname, boolean up, boolean running, long nowNanos) {
        interfaces.onLink(ifname, up, running, nowNanos);
    }

    void onLinkRemoved(String ifname, long nowNanos) {
        interfaces.onDeleted(ifname, nowNanos);
    }

    /** Called on tracker threads (and the loop, for interfaces): map to engine events and post. */
    void onResult(TrackerEvent e) {
        switch (e) {
            case TrackerEvent.ScriptChanged s -> fan(ConfigAdapter.scriptId(s.name()),
                    new Event.TrackerChanged(ConfigAdapter.scriptId(s.name()), status(s.state())));
            case TrackerEvent.FileValue f -> fan(ConfigAdapter.fileId(f.name()),
                    new Event.TrackerValue(ConfigAdapter.fileId(f.name()), f.value()));
            case TrackerEvent.ProcessQuorum p -> fan(ConfigAdapter.processId(p.name()),
                    new Event.TrackerChanged(ConfigAdapter.processId(p.name()), status(p.state())));
            case TrackerEvent.InterfaceLink l -> fan(ConfigAdapter.interfaceId(l.name()),
                    new Event.TrackerChanged(ConfigAdapter.interfaceId(l.name()), status(l.state())));
        }
    }

    private void fan(String id, Event event) {
        lastResult.put(id, event);
        for (String instance : instancesByTracker.getOrDefault(id, List.of())) {
            poster.post(instance, event);
        }
    }

    private static TrackerStatus status(TrackState s) {
        return s == TrackState.UP ? TrackerStatus.UP : TrackerStatus.DOWN;
    }

    @Override
    public void close() {
        scripts.values().forEach(Running::stop);
        files.ifPresent(Running::stop);
        processes.ifPresent(Running::stop);
        scheduler.close();
    }
}
