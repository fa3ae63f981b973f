package io.jkeepalived.daemon;

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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the trackers the running instances reference (vrrp_script, track_file,
 * vrrp_track_process, track_interface) and turns their results into engine events for every
 * instance that tracks them, posted to the loop. Tracker threads never touch engine state.
 */
final class TrackerHub implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("Keepalived_vrrp");

    /** Posts an engine event for one instance to the loop; thread-safe. */
    interface Poster {
        void post(String instance, Event event);
    }

    private final Map<String, List<String>> instancesByTracker = new HashMap<>();
    private final Poster poster;
    private final ThreadScheduler scheduler = new ThreadScheduler("jk-track");
    private final List<AutoCloseable> running = new ArrayList<>();
    private InterfaceTracker interfaces;

    TrackerHub(DaemonPlan plan, Poster poster) {
        this.poster = poster;
        for (InstancePlan p : plan.instances()) {
            for (TrackerSpec t : p.router().trackers()) {
                instancesByTracker.computeIfAbsent(t.id(), k -> new ArrayList<>()).add(p.name());
            }
        }
    }

    void start(Keepalived config, ScriptLauncher launcher, ScriptPolicy policy) {
        for (VrrpScript s : config.vrrpScripts()) {
            if (!instancesByTracker.containsKey(ConfigAdapter.scriptId(s.name()))) {
                continue;
            }
            Optional<RunAs> runAs = s.script().user().map(u -> new RunAs(u, s.script().group()));
            switch (policy.admit("track script", s.name(), s.script().argv(), runAs)) {
                case ScriptPolicy.Admitted a -> {
                    ScriptSpec spec = new ScriptSpec(s.name(), a.argv(), s.interval(), s.timeout(), s.rise(), s.fall(),
                            s.initFail(), runAs);
                    ScriptTracker t = new ScriptTracker(spec, a.identity(), launcher, scheduler, this::onResult);
                    running.add(t);
                    t.start();
                }
                case ScriptPolicy.Refused r -> LOG.warn(r.reason());
            }
        }
        List<FileSpec> files = new ArrayList<>();
        for (TrackFile f : config.trackFiles()) {
            if (instancesByTracker.containsKey(ConfigAdapter.fileId(f.name()))) {
                Optional<FileSpec.InitFile> init = f.initFile()
                        ? Optional.of(new FileSpec.InitFile(f.initValue().orElse(0L), f.initOverwrite()))
                        : Optional.empty();
                files.add(new FileSpec(f.name(), Path.of(f.file()), init));
            }
        }
        if (!files.isEmpty()) {
            FileTracker t = new FileTracker(files, scheduler, this::onResult);
            running.add(t);
            t.start();
        }
        List<ProcessSpec> procs = new ArrayList<>();
        for (TrackProcess p : config.trackProcesses()) {
            if (instancesByTracker.containsKey(ConfigAdapter.processId(p.name()))) {
                procs.add(process(p));
            }
        }
        if (!procs.isEmpty()) {
            ProcessTracker t = new ProcessTracker(procs, ProcFs.system(), processEvents(), scheduler,
                    this::onResult);
            running.add(t);
            t.start();
        }
        Set<String> ifs = new HashSet<>();
        instancesByTracker.keySet().stream().filter(id -> id.startsWith("if:")).forEach(id -> ifs.add(id.substring(3)));
        interfaces = new InterfaceTracker(ifs, this::onResult);
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

    /** The links at start: every tracked interface gets its first state (missing ones are down). */
    void initialLinks(List<io.jkeepalived.netlink.Link> links, long nowNanos) {
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
        if (interfaces != null) {
            interfaces.onLink(ifname, up, running, nowNanos);
        }
    }

    void onLinkRemoved(String ifname, long nowNanos) {
        if (interfaces != null) {
            interfaces.onDeleted(ifname, nowNanos);
        }
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
        for (String instance : instancesByTracker.getOrDefault(id, List.of())) {
            poster.post(instance, event);
        }
    }

    private static TrackerStatus status(TrackState s) {
        return s == TrackState.UP ? TrackerStatus.UP : TrackerStatus.DOWN;
    }

    @Override
    public void close() {
        for (AutoCloseable c : running) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.debug("closing tracker: {}", e.toString());
            }
        }
        scheduler.close();
    }
}
