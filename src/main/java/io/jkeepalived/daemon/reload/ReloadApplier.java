package io.jkeepalived.daemon.reload;

import io.jkeepalived.daemon.DaemonSettings;
import io.jkeepalived.daemon.kernel.InstanceSockets;
import io.jkeepalived.daemon.kernel.Vmacs;
import io.jkeepalived.daemon.kernel.VrrpSockets;
import io.jkeepalived.daemon.loop.EventLoop;
import io.jkeepalived.daemon.loop.LinkWatcher;
import io.jkeepalived.daemon.plan.ConfigAdapter;
import io.jkeepalived.daemon.plan.DaemonPlan;
import io.jkeepalived.daemon.plan.InstancePlan;
import io.jkeepalived.daemon.plan.KernelFacts;
import io.jkeepalived.daemon.stats.InstanceCounters;

import io.jkeepalived.config.model.Keepalived;
import io.jkeepalived.netlink.Link;
import io.jkeepalived.netlink.RtNetlink;
import io.jkeepalived.os.OsException;
import io.jkeepalived.vrrp.engine.RouterSpec;
import io.jkeepalived.vrrp.engine.VrrpEngine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGHUP (behaviour §3.13): the config is re-read and planned on the "jk-reload" worker, so the loop
 * keeps advertising meanwhile (overlapping SIGHUPs are serialized and coalesced, see
 * {@link #requested()}); then the difference is applied on the loop by instance name
 * ({@link VrrpEngine#apply}). Unchanged instances are not touched. Changed ones keep their state and
 * take the new settings in place: a MASTER stays MASTER, swaps its VIPs, routes and rules, and
 * advertises a new priority at once. Only an instance that became another router on the wire
 * (VRID, version, family, interface, VMAC, unicast, source) restarts. Removed ones leave as on
 * SIGTERM, reporting FAULT (DELETED with notify_deleted). Trackers, notify settings and the script
 * policy follow ({@link GlobalsReload}). A config with errors is refused and the running one stays.
 */
public final class ReloadApplier {
    private static final Logger LOG = LoggerFactory.getLogger("Keepalived");

    private final DaemonSettings settings;
    private final AtomicReference<Keepalived> running;
    private final Map<String, InstancePlan> plans;
    private final Map<String, InstanceCounters> counters;
    private final VrrpSockets sockets;
    private final Vmacs vmacs;
    private final LinkWatcher links;
    private EventLoop loop;
    private Listener listener = new Listener() { };
    private GlobalsReload globals = (next, plans, links, now) -> { };
    /** Guarded by {@code this}: a reload was asked for and not yet started; the worker serving them. */
    private boolean pending;
    /**
     * The worker's own rtnetlink socket, kept for the daemon's life: opening one per reload
     * allocated and freed its native buffers each time, which glibc's arenas kept as RSS.
     */
    private RtNetlink rtnl;
    private Thread worker;

    /** Told when a reload starts and how it ended (systemd's RELOADING / READY). */
    public interface Listener {
        default void reloadStarted() {
        }

        /** {@code outcome}: one short phrase, e.g. "applied" or "refused: 2 config errors". */
        default void reloadFinished(String outcome) {
        }
    }

    /** What follows the instances on the loop: trackers, notify FIFOs, mail and the script policy. */
    public interface GlobalsReload {
        void apply(Keepalived next, java.util.Collection<InstancePlan> plans, List<Link> links, long nowNanos);
    }

    public void listen(Listener l) {
        this.listener = l;
    }

    public void onGlobals(GlobalsReload g) {
        this.globals = g;
    }

    public ReloadApplier(DaemonSettings settings, Keepalived running, Map<String, InstancePlan> plans,
                  Map<String, InstanceCounters> counters, VrrpSockets sockets, Vmacs vmacs,
                  LinkWatcher links) {
        this.settings = settings;
        this.running = new AtomicReference<>(running);
        this.plans = plans;
        this.counters = counters;
        this.sockets = sockets;
        this.vmacs = vmacs;
        this.links = links;
    }

    /** The configuration running now (the last one applied). */
    public Keepalived current() {
        return running.get();
    }

    public void attach(EventLoop loop) {
        this.loop = loop;
    }

    /**
     * On the loop: asks the reload worker for a reload. Reloads are serialized and coalesced: one
     * long-lived worker re-reads the config from disk after every request it has not yet served, and
     * compares it with the config that is running at that moment (not when the signal came), so
     * whatever SIGHUPs overlap, the config on disk after the last one is what runs.
     */
    public void requested() {
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
        try {
            if (rtnl == null) {
                rtnl = RtNetlink.open();
            }
            plan = ConfigAdapter.plan(next, KernelFacts.dump(rtnl));
            linksNow = rtnl.links();
        } catch (OsException e) {
            if (rtnl != null) {
                rtnl.close();
                rtnl = null;
            }
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

    /**
     * On the loop thread: the engine diffs by name and emits every action ({@link VrrpEngine#apply});
     * this side only keeps the kernel-facing plans in step. While the engine's actions run, a kept
     * instance's plan resolves both its new and its old ids (removals need the old objects); a
     * removed or restarted one keeps its old plan, so its last advert leaves by its old socket.
     */
    private void apply(Keepalived next, DaemonPlan plan, List<Link> linksNow) {
        Map<String, InstancePlan> old = new HashMap<>(plans);
        Set<String> restart = new HashSet<>();
        for (InstancePlan p : plan.instances()) {
            InstancePlan o = old.get(p.name());
            if (o == null) {
                // a new router clears its addresses as it is created (leftovers of a killed daemon)
                plans.put(p.name(), p);
                counters.put(p.name(), new InstanceCounters());
            } else if (o.sameRouterAs(p)) {
                plans.put(p.name(), p.resolvingAlso(o));
            } else {
                // the old router's goodbye leaves by the old socket; its replacement's ids resolve too
                plans.put(p.name(), o.resolvingAlso(p));
                restart.add(p.name());
            }
        }
        VrrpEngine.Reload.Applied d = switch (loop.applyToEngine(plan.routers(), plan.groups(), restart)) {
            case VrrpEngine.Reload.Applied a -> a;
            case VrrpEngine.Reload.Rejected r -> {
                for (String name : List.copyOf(plans.keySet())) { // the table's views are read-only
                    if (!old.containsKey(name)) {
                        plans.remove(name);
                    }
                }
                counters.keySet().retainAll(old.keySet());
                plans.putAll(old);
                r.problems().forEach(p -> LOG.error("Reload refused: {}", p));
                yield null;
            }
        };
        if (d == null) {
            listener.reloadFinished("refused");
            return;
        }
        for (String name : d.removed()) {
            forget(old.get(name));
        }
        d.restarted().forEach(name -> forget(old.get(name)));
        for (InstancePlan p : plan.instances()) {
            InstancePlan o = old.get(p.name());
            if (o == null || d.restarted().contains(p.name())) {
                continue;
            }
            plans.put(p.name(), p);
            if (!o.equals(p)) {
                sockets.channel(p.socketIface(), p.ipv6()).ifPresent(ch -> {
                    ch.dispatcher.unregister(p.vrid());
                    ch.dispatcher.register(p.vrid(), p.name(), p.profile(), counters.get(p.name()));
                });
                List<String> what = changedSettings(o.router(), p.router());
                if (!what.isEmpty()) {
                    LOG.info("({}) reconfigured in place, state kept: {}", p.name(), String.join(", ", what));
                }
            }
        }
        for (String name : d.starting()) {
            InstancePlan p = plan.instance(name).orElseThrow();
            plans.put(name, p);
            counters.put(name, new InstanceCounters());
            vmacs.create(p);
            InstanceSockets.openSocket(p, sockets, counters.get(name));
            links.added(p);
            loop.startInstance(name);
        }
        running.set(next);
        globals.apply(next, plans.values(), linksNow, System.nanoTime());
        LOG.info("Reload: applied (added {}, removed {}, restarted {}, changed in place {}); other instances"
                + " untouched", d.added(), d.removed(), d.restarted(), d.reconfigured());
        listener.reloadFinished("applied");
    }

    /** A removed or restarted instance's old plan: its receive registration and counters go. */
    private void forget(InstancePlan old) {
        sockets.channel(old.socketIface(), old.ipv6()).ifPresent(ch -> ch.dispatcher.unregister(old.vrid()));
        plans.remove(old.name());
        counters.remove(old.name());
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
}
