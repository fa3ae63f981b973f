package io.jkeepalived.daemon.admin;

import io.jkeepalived.daemon.kernel.VrrpSockets;
import io.jkeepalived.daemon.plan.InstancePlan;
import io.jkeepalived.daemon.plan.VipPlan;
import io.jkeepalived.daemon.plan.VmacPlan;
import io.jkeepalived.daemon.stats.InstanceCounters;

import io.jkeepalived.config.model.Keepalived;
import io.jkeepalived.config.model.VrrpScript;
import io.jkeepalived.status.DaemonStatus;
import io.jkeepalived.status.GlobalView;
import io.jkeepalived.status.InstanceSettings;
import io.jkeepalived.status.InstanceStatus;
import io.jkeepalived.status.ScriptView;
import io.jkeepalived.status.TrackerView;
import io.jkeepalived.status.WireSetup;
import io.jkeepalived.vrrp.engine.GarpSpec;
import io.jkeepalived.vrrp.engine.RouterSpec;
import io.jkeepalived.vrrp.engine.TrackerReading;
import io.jkeepalived.vrrp.engine.TrackerSpec;
import io.jkeepalived.vrrp.engine.TrackerStatus;
import io.jkeepalived.vrrp.engine.VirtualRouter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Copies the daemon's live state into a {@link DaemonStatus}. Loop thread only: the engine,
 * plans and counters are the loop's, so a snapshot taken here is consistent without locks.
 */
public final class StatusTaker {
    private final String version;
    private final long startedEpochMillis;
    private final io.jkeepalived.vrrp.engine.VrrpEngine engines;
    private final Map<String, InstancePlan> plans;
    private final Map<String, InstanceCounters> counters;
    private final Supplier<Keepalived> config;
    private final Optional<String> namespace;
    /** The running scripts' counters by name (loop thread); none until the trackers are wired in. */
    private java.util.function.Function<String, Optional<io.jkeepalived.track.ScriptStats>> scriptStats =
            name -> Optional.empty();
    /** The VRRP sockets' drops before dispatch (loop thread); none until attached. */
    private Optional<VrrpSockets> sockets = Optional.empty();
    /** The client endpoints, set once they are open (by the main thread, hence volatile). */
    private volatile Supplier<List<io.jkeepalived.status.EndpointView>> endpoints = List::of;
    private volatile java.util.function.Function<String, io.jkeepalived.status.SplitBrainView> splitBrain =
            name -> io.jkeepalived.status.SplitBrainView.OFF;
    /** The checker half's snapshot; none unless the checker runs. */
    private volatile Supplier<Optional<io.jkeepalived.status.LvsStatus>> lvs = Optional::empty;

    public StatusTaker(String version, long startedEpochMillis, io.jkeepalived.vrrp.engine.VrrpEngine engines, Map<String, InstancePlan> plans,
                Map<String, InstanceCounters> counters, Supplier<Keepalived> config, Optional<String> namespace) {
        this.namespace = namespace;
        this.version = version;
        this.startedEpochMillis = startedEpochMillis;
        this.engines = engines;
        this.plans = plans;
        this.counters = counters;
        this.config = config;
    }

    public DaemonStatus take() {
        Keepalived k = config.get();
        List<InstanceStatus> instances = new ArrayList<>();
        for (InstancePlan p : plans.values()) {
            engines.router(p.name()).ifPresent(r -> instances.add(instance(p, r)));
        }
        String routerId = k.globalDefs().routerId().orElseGet(StatusTaker::hostName);
        return new DaemonStatus(version, ProcessHandle.current().pid(), routerId, startedEpochMillis,
                System.currentTimeMillis(), globals(k), instances, scripts(k, instances),
                sockets.map(VrrpSockets::drops).orElse(List.of()), endpoints.get(), lvs.get());
    }

    /** Any thread: the checker half's last published snapshot (never waits for the checker thread). */
    public void lvs(Supplier<Optional<io.jkeepalived.status.LvsStatus>> source) {
        this.lvs = source;
    }

    private GlobalView globals(Keepalived k) {
        var g = k.globalDefs();
        return new GlobalView(namespace, g.vrrpMcastGroup4(), g.vrrpMcastGroup6(), g.vrrpVersion(), g.vrrpStrict(),
                g.enableScriptSecurity());
    }

    /** keepalived's STATS_CLEAR. */
    void clearCounters() {
        counters.values().forEach(InstanceCounters::clear);
        sockets.ifPresent(VrrpSockets::clearDrops);
    }

    /** Loop thread, before the first snapshot: the sockets whose drops before dispatch are shown. */
    public void sockets(VrrpSockets all) {
        this.sockets = Optional.of(all);
    }

    /** Any thread: where the control socket's and /metrics' connection figures come from. */
    public void endpoints(Supplier<List<io.jkeepalived.status.EndpointView>> source) {
        this.endpoints = source;
    }

    private InstanceStatus instance(InstancePlan p, VirtualRouter r) {
        InstanceCounters c = counters.computeIfAbsent(p.name(), n -> new InstanceCounters());
        List<String> vips = p.router().vips().stream().map(id -> p.addresses().get(id).text()).toList();
        WireSetup wire = new WireSetup(p.iface(), p.vrid(), p.router().version(), p.ipv6(), p.unicast(),
                p.source().map(a -> a.getHostAddress()), p.router().advertIntervalCentis(), r.groupName());
        List<TrackerView> trackers = r.trackerReadings().stream().map(StatusTaker::tracker).toList();
        int masterPriority = r.masterAddress().isPresent() ? r.masterPriority() : 0;
        return new InstanceStatus(p.name(), r.state().name(), r.basePriority(), r.effectivePriority(),
                r.masterAddress().map(Object::toString), masterPriority, vips, wire, settings(p, r), trackers,
                c.history(), r.transitionCount(), c.snapshot(), splitBrain.apply(p.name()));
    }

    private InstanceSettings settings(InstancePlan p, VirtualRouter r) {
        RouterSpec s = p.router();
        GarpSpec g = s.garp();
        long sec = GarpSpec.SECOND;
        boolean smtp = config.get().vrrpInstances().stream().filter(i -> i.name().equals(p.name())).findFirst()
                .flatMap(i -> i.smtpAlert()).orElse(false);
        return new InstanceSettings(s.accept(), s.nopreempt(), s.preemptDelayNanos() / sec, s.strict(),
                p.trackPrimary(), p.vmac().map(VmacPlan::name), p.advert().authType().wire(),
                g.masterDelayNanos() / sec, g.masterRepeat(), g.masterRefreshNanos() / sec, g.refreshRepeat(),
                g.lowerPrioDelayNanos() / sec, g.lowerPrioRepeat(), s.lowerPrioNoAdvert(), s.higherPrioSendAdvert(),
                s.downTimerAdverts(), smtp, s.notifications().notifyDeleted(), s.notifications().priorityChanges(),
                r.downTimerMicros(), r.masterAdverIntervalCentis(), r.wantsMaster(),
                s.vips().stream().map(id -> vipDetail(p.addresses().get(id))).toList());
    }

    private static String vipDetail(VipPlan v) {
        return v.text() + "/" + v.spec().prefixLength() + " dev " + v.ifname() + " scope "
                + v.spec().scope().orElse(io.jkeepalived.netlink.Scope.GLOBAL).name().toLowerCase(java.util.Locale.ROOT);
    }

    private static TrackerView tracker(TrackerReading t) {
        TrackerSpec s = t.spec();
        String id = s.id();
        String name = id.indexOf(':') >= 0 ? id.substring(id.indexOf(':') + 1) : id;
        String kind = switch (s.kind()) {
            case INTERFACE -> "interface";
            case SCRIPT -> "script";
            case FILE -> "file";
            case PROCESS -> "process";
            case BFD -> "bfd";
            case GROUP -> "group";
        };
        return new TrackerView(name, kind, s.weight(), s.reverse(), t.status().name(), t.value(), t.adjustment(),
                t.faulting());
    }

    private List<ScriptView> scripts(Keepalived k, List<InstanceStatus> instances) {
        List<ScriptView> out = new ArrayList<>();
        for (VrrpScript s : k.vrrpScripts()) {
            List<ScriptView.Tracking> by = new ArrayList<>();
            Optional<String> result = Optional.empty();
            for (InstanceStatus i : instances) {
                for (TrackerView t : i.trackers()) {
                    if (t.kind().equals("script") && t.name().equals(s.name())) {
                        by.add(new ScriptView.Tracking(i.name(), t.weight()));
                        result = Optional.of(t.result());
                    }
                }
            }
            String status = switch (result.map(TrackerStatus::valueOf).orElse(TrackerStatus.UNKNOWN)) {
                case UP -> "GOOD";
                case DOWN -> "BAD";
                case UNKNOWN -> "INIT";
            };
            // keepalived shows an unset timeout (which means "the interval") as 0
            long timeout = s.timeout().equals(s.interval()) ? 0 : s.timeout().toSeconds();
            Optional<ScriptView.Runs> runs = scriptStats.apply(s.name()).map(st -> new ScriptView.Runs(st.runs(),
                    st.failures(), st.timeouts(), st.skipped(), st.lastExitCode(), st.lastFailureOutput()));
            out.add(new ScriptView(s.name(), command(s.script().argv()), s.interval().toSeconds(), timeout,
                    s.weight(), s.rise(), s.fall(), status, by, runs));
        }
        return out;
    }

    /** Loop thread only (status is taken there): the split-brain watch of an instance. */
    public void splitBrain(java.util.function.Function<String, io.jkeepalived.status.SplitBrainView> source) {
        this.splitBrain = source;
    }

    public void scriptStats(java.util.function.Function<String, Optional<io.jkeepalived.track.ScriptStats>> source) {
        this.scriptStats = source;
    }

    /** As keepalived shows it: each word quoted, the program's symlinks resolved. */
    private static String command(List<String> argv) {
        List<String> words = new ArrayList<>(argv);
        if (!words.isEmpty()) {
            try {
                words.set(0, java.nio.file.Path.of(words.getFirst()).toRealPath().toString());
            } catch (java.io.IOException | RuntimeException e) {
                // not resolvable (yet): shown as configured
            }
        }
        return String.join(" ", words.stream().map(w -> "'" + w + "'").toList());
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }
}
