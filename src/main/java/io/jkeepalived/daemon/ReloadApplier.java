package io.jkeepalived.daemon;

import io.jkeepalived.config.model.Keepalived;
import io.jkeepalived.netlink.Link;
import io.jkeepalived.netlink.RtNetlink;
import io.jkeepalived.os.OsException;
import io.jkeepalived.vrrp.engine.Action;
import io.jkeepalived.vrrp.engine.Event;
import io.jkeepalived.vrrp.engine.RouterSpec;
import io.jkeepalived.vrrp.engine.SyncGroupSpec;
import io.jkeepalived.vrrp.engine.VrrpEngine;
import io.jkeepalived.vrrp.engine.VrrpState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGHUP (spec §3.13): the config is re-read and planned on the "jk-reload" worker, so the loop
 * keeps advertising meanwhile (overlapping SIGHUPs are serialized and coalesced, see
 * {@link #requested()}); then the difference is applied on the loop by instance name
 * ({@link ReloadDiff}). Unchanged instances are not touched. Changed ones keep their state and
 * take the new settings in place: a MASTER stays MASTER, swaps its VIPs, routes and rules, and
 * advertises a new priority at once. Only an instance that became another router on the wire
 * (VRID, version, family, interface, VMAC, unicast, source) restarts. Removed ones leave as on
 * SIGTERM, reporting FAULT (DELETED with notify_deleted). Trackers, notify settings and the script
 * policy follow ({@link GlobalsReload}). A config with errors is refused and the running one stays.
 */
final class ReloadApplier {
    private static final Logger LOG = LoggerFactory.getLogger("Keepalived");

    private final DaemonSettings settings;
    private final AtomicReference<Keepalived> running;
    private final Map<String, InstancePlan> plans;
    private final Map<String, InstanceCounters> counters;
    private final VrrpSockets sockets;
    private final Vmacs vmacs;
    private final Engines engines;
    private final LinkWatcher links;
    private final ActionExecutor executor;
    /** Loop thread only: the sync groups the running engines were built with. */
    private List<SyncGroupSpec> groups;
    private EventLoop loop;
    private Listener listener = new Listener() { };
    private GlobalsReload globals = (next, plans, links, now) -> { };
    /** Guarded by {@code this}: a reload was asked for and not yet started; the worker serving them. */
    private boolean pending;
    private Thread worker;

    /** Told when a reload starts and how it ended (systemd's RELOADING / READY). */
    interface Listener {
        default void reloadStarted() {
        }

        /** {@code outcome}: one short phrase, e.g. "applied" or "refused: 2 config errors". */
        default void reloadFinished(String outcome) {
        }
    }

    /** What follows the instances on the loop: trackers, notify FIFOs, mail and the script policy. */
    interface GlobalsReload {
        void apply(Keepalived next, java.util.Collection<InstancePlan> plans, List<Link> links, long nowNanos);
    }

    void listen(Listener l) {
        this.listener = l;
    }

    void onGlobals(GlobalsReload g) {
        this.globals = g;
    }

    ReloadApplier(DaemonSettings settings, Keepalived running, DaemonPlan started, Map<String, InstancePlan> plans,
                  Map<String, InstanceCounters> counters, VrrpSockets sockets, Vmacs vmacs, Engines engines,
                  LinkWatcher links, ActionExecutor executor) {
        this.executor = executor;
        this.settings = settings;
        this.running = new AtomicReference<>(running);
        this.groups = started.groups();
        this.plans = plans;
        this.counters = counters;
        this.sockets = sockets;
        this.vmacs = vmacs;
        this.engines = engines;
        this.links = links;
    }

    /** The configuration running now (the last one applied). */
    Keepalived current() {
        return running.get();
    }

    void attach(EventLoop loop) {
        this.loop = loop;
    }

    /**
     * On the loop: asks the reload worker for a reload. Reloads are serialized and coalesced: one
     * long-lived worker re-reads the config from disk after every request it has not yet served, and
     * compares it with the config that is running at that moment (not when the signal came), so
     * whatever SIGHUPs overlap, the config on disk after the last one is what runs.
     */
    void requested() {
        LOG.info("Reloading");
        listener.reloadStarted();
        synchronized (this) {
            pending = true;
            notifyAll();
            if (worker == null) {
                worker = Thread.ofPlatform().name("jk-reload").daemon(true).start(this::serve);
            }
        }
    }

    /** The reload worker: one reload at a time, each one after the previous one has been applied. */
    private void serve() {
        while (true) {
            synchronized (this) {
                while (!pending) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                pending = false;
            }
            reloadOnce();
        }
    }

    private void reloadOnce() {
        var loaded = ReloadCheck.load(settings);
        switch (ReloadCheck.check(loaded, running.get())) {
            case ReloadCheck.Verdict.Refused r -> {
                r.errors().forEach(d -> LOG.error(d.render()));
                LOG.error("Reload refused: the configuration has {} error(s); the running configuration stays",
                        r.errors().size());
                listener.reloadFinished("refused: " + r.errors().size() + " config error(s)");
            }
            case ReloadCheck.Verdict.Unchanged u -> {
                LOG.info("Reload: configuration unchanged");
                listener.reloadFinished("unchanged");
            }
            case ReloadCheck.Verdict.Changed c -> prepare(c.next());
        }
    }

    /** On the reload thread: plan the new config against a fresh view of the interfaces. */
    private void prepare(Keepalived next) {
        DaemonPlan plan;
        List<Link> linksNow;
        try (RtNetlink rtnl = RtNetlink.open()) {
            plan = ConfigAdapter.plan(next, KernelFacts.dump(rtnl));
            linksNow = rtnl.links();
        } catch (OsException e) {
            LOG.error("Reload failed: {}; the running configuration stays", e.getMessage());
            listener.reloadFinished("failed");
            return;
        }
        plan.warnings().forEach(LOG::warn);
        // Wait until the loop has applied it: the next reload must compare against this config.
        try {
            loop.call(() -> {
                apply(next, plan, linksNow);
                return true;
            }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.error("Reload failed on the event loop: {}", e.getCause().toString());
            listener.reloadFinished("failed");
        }
    }

    /** On the loop thread. */
    private void apply(Keepalived next, DaemonPlan plan, List<Link> linksNow) {
        ReloadDiff d = ReloadDiff.of(plans, groups, plan);
        List<InstancePlan> starting = d.starting();
        VrrpEngine engine = switch (VrrpEngine.create(starting.stream().map(InstancePlan::router).toList(),
                d.startingGroups())) {
            case VrrpEngine.Build.Ok ok -> ok.engine();
            case VrrpEngine.Build.Rejected r -> {
                r.problems().forEach(p -> LOG.error("Reload refused: {}", p));
                yield null;
            }
        };
        if (engine == null) {
            listener.reloadFinished("refused");
            return;
        }
        d.removed().forEach(name -> stop(name, new Event.Removed()));
        d.restarted().forEach(p -> stop(p.name(), new Event.Shutdown()));
        if (!starting.isEmpty()) {
            engines.add(engine);
        }
        d.reconfigured().forEach(this::reconfigure);
        for (InstancePlan p : starting) {
            executor.engineStarted(p);
            plans.put(p.name(), p);
            counters.put(p.name(), new InstanceCounters());
            vmacs.create(p);
            InstanceSockets.openSocket(p, sockets, counters.get(p.name()));
            links.added(p);
            loop.handle(p.name(), new Event.Startup());
        }
        groups = plan.groups();
        running.set(next);
        globals.apply(next, plans.values(), linksNow, System.nanoTime());
        LOG.info("Reload: applied (added {}, removed {}, restarted {}, changed in place {}); other instances"
                + " untouched", names(d.added()), d.removed(), names(d.restarted()), names(d.reconfigured()));
        listener.reloadFinished("applied");
    }

    private void stop(String name, Event how) {
        InstancePlan old = plans.get(name);
        loop.handle(name, how);
        engines.forget(name);
        if (old != null) {
            sockets.channel(old.socketIface(), old.ipv6()).ifPresent(ch -> ch.dispatcher.unregister(old.vrid()));
            plans.remove(name);
            counters.remove(name);
        }
    }

    private static List<String> names(List<InstancePlan> ps) {
        return ps.stream().map(InstancePlan::name).toList();
    }

    /** Same router, new settings: kernel resources are swapped here, then the engine takes the spec. */
    private void reconfigure(InstancePlan neu) {
        InstancePlan old = plans.get(neu.name());
        if (old == null) {
            return;
        }
        swapResources(old, neu);
        executor.engineStarted(neu);
        loop.handle(neu.name(), new Event.Reconfigured(neu.router()));
        List<String> what = changedSettings(old.router(), neu.router());
        if (!what.isEmpty()) {
            LOG.info("({}) reconfigured in place, state kept: {}", neu.name(), String.join(", ", what));
        }
    }

    /** The RouterSpec settings that differ, by name, e.g. {@code basePriority 150 -> 160}. */
    static List<String> changedSettings(RouterSpec a, RouterSpec b) {
        List<String> out = new ArrayList<>();
        for (var c : RouterSpec.class.getRecordComponents()) {
            try {
                Object x = c.getAccessor().invoke(a);
                Object y = c.getAccessor().invoke(b);
                if (!Objects.equals(x, y)) {
                    boolean scalar = x instanceof Number || x instanceof Boolean;
                    out.add(c.getName() + (scalar ? " " + x + " -> " + y : ""));
                }
            } catch (ReflectiveOperationException e) {
                out.add(c.getName());
            }
        }
        return out;
    }

    /**
     * Only the VIP, route or rule lists changed: the instance keeps its state; a MASTER releases
     * what went away, adds what is new and announces new addresses; adverts carry the new list.
     */
    private void swapResources(InstancePlan old, InstancePlan neu) {
        String name = neu.name();
        boolean master = engines.router(name).map(r -> r.state() == VrrpState.MASTER).orElse(false);
        // An address whose details (label, scope, dev, ...) changed under the same id goes and comes back.
        List<String> goneV = minus(old.router().vips(), neu.router().vips(), old, neu);
        List<String> goneE = minus(old.router().evips(), neu.router().evips(), old, neu);
        List<String> newV = minus(neu.router().vips(), old.router().vips(), neu, old);
        List<String> newE = minus(neu.router().evips(), old.router().evips(), neu, old);
        if (master && (!goneV.isEmpty() || !goneE.isEmpty())) {
            executor.execute(new Action.RemoveAddresses(name, goneV, goneE));
        }
        // Route and rule ids are positions: when they changed, the old ones go and the new ones come.
        boolean routesChanged = !old.routes().equals(neu.routes());
        boolean rulesChanged = !old.rules().equals(neu.rules());
        if (master && routesChanged && !old.router().routes().isEmpty()) {
            executor.execute(new Action.RemoveRoutes(name, old.router().routes()));
        }
        if (master && rulesChanged && !old.router().rules().isEmpty()) {
            executor.execute(new Action.RemoveRules(name, old.router().rules()));
        }
        plans.put(name, neu);
        if (master && routesChanged && !neu.router().routes().isEmpty()) {
            executor.execute(new Action.AddRoutes(name, neu.router().routes()));
        }
        if (master && rulesChanged && !neu.router().rules().isEmpty()) {
            executor.execute(new Action.AddRules(name, neu.router().rules()));
        }
        sockets.channel(neu.socketIface(), neu.ipv6()).ifPresent(ch -> {
            ch.dispatcher.unregister(neu.vrid());
            ch.dispatcher.register(neu.vrid(), name, neu.profile(), counters.get(name));
        });
        if (master && (!newV.isEmpty() || !newE.isEmpty())) {
            executor.execute(new Action.AddAddresses(name, newV, newE));
            List<String> all = new ArrayList<>(newV);
            all.addAll(newE);
            executor.execute(new Action.SendGratuitous(name, all,
                    Math.max(1, neu.router().garp().masterRepeat()),
                    Action.GarpKind.MASTER_BURST));
        }
        if (!newV.isEmpty() || !newE.isEmpty() || !goneV.isEmpty() || !goneE.isEmpty() || routesChanged
                || rulesChanged) {
            LOG.info("({}) changed in place: addresses added {}, removed {}{}{}", name, concat(newV, newE),
                    concat(goneV, goneE), routesChanged ? "; virtual_routes replaced" : "",
                    rulesChanged ? "; virtual_rules replaced" : "");
        }
    }

    /** Ids of {@code a} not in {@code b}, or whose address plan differs between the two instance plans. */
    private static List<String> minus(List<String> a, List<String> b, InstancePlan pa, InstancePlan pb) {
        return a.stream().filter(x -> !b.contains(x) || !Objects.equals(pa.addresses().get(x), pb.addresses().get(x)))
                .toList();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
