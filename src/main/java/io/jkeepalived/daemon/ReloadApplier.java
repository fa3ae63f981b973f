package io.jkeepalived.daemon;

import io.jkeepalived.config.model.Keepalived;
import io.jkeepalived.config.model.SyncGroup;
import io.jkeepalived.netlink.RtNetlink;
import io.jkeepalived.os.OsException;
import io.jkeepalived.vrrp.engine.Event;
import io.jkeepalived.vrrp.engine.VrrpEngine;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGHUP (spec §3.13): the config is re-read and planned on a "jk-reload" thread, then the
 * difference is applied on the loop by instance name. Unchanged instances are not touched (no
 * re-election, no GARP); removed ones stop as on SIGTERM (priority 0, VIPs released, STOP
 * notifies); changed ones stop and start again with the new settings; new ones start in BACKUP.
 * Changes this version cannot apply in place — global_defs, scripts, track files/processes, sync
 * groups, or an instance in a sync group — leave the running config in place and say so.
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
    private EventLoop loop;
    private Listener listener = new Listener() { };

    /** Told when a reload starts and how it ended (systemd's RELOADING / READY). */
    interface Listener {
        default void reloadStarted() {
        }

        /** {@code outcome}: one short phrase, e.g. "applied" or "refused: 2 config errors". */
        default void reloadFinished(String outcome) {
        }
    }

    void listen(Listener l) {
        this.listener = l;
    }

    ReloadApplier(DaemonSettings settings, Keepalived running, Map<String, InstancePlan> plans,
                  Map<String, InstanceCounters> counters, VrrpSockets sockets, Vmacs vmacs, Engines engines,
                  LinkWatcher links, ActionExecutor executor) {
        this.executor = executor;
        this.settings = settings;
        this.running = new AtomicReference<>(running);
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

    /** On the loop: starts the re-read on its own thread, so the loop keeps advertising meanwhile. */
    void requested() {
        LOG.info("Reloading");
        listener.reloadStarted();
        Keepalived current = running.get();
        Thread.ofPlatform().name("jk-reload").daemon(true).start(() -> {
            var loaded = ReloadCheck.load(settings);
            switch (ReloadCheck.check(loaded, current)) {
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
                case ReloadCheck.Verdict.Changed c -> prepare(c, loaded.config().orElseThrow());
            }
        });
    }

    /** On the reload thread: plan the new config against a fresh view of the interfaces. */
    private void prepare(ReloadCheck.Verdict.Changed c, Keepalived next) {
        Keepalived current = running.get();
        String blocker = blocker(current, next, c);
        if (!blocker.isEmpty()) {
            LOG.warn("Reload: configuration changed (added {}, removed {}, changed {}), but {} cannot be applied"
                    + " without a restart yet; the running configuration stays", c.added(), c.removed(), c.changed(),
                    blocker);
            listener.reloadFinished("not applied: needs a restart");
            return;
        }
        DaemonPlan plan;
        try (RtNetlink rtnl = RtNetlink.open()) {
            plan = ConfigAdapter.plan(next, KernelFacts.dump(rtnl));
        } catch (OsException e) {
            LOG.error("Reload failed: {}; the running configuration stays", e.getMessage());
            listener.reloadFinished("failed");
            return;
        }
        plan.warnings().forEach(LOG::warn);
        List<String> inPlace = c.changed().stream().filter(n -> onlyAddressesDiffer(current, next, n)).toList();
        List<InstancePlan> starting = plan.instances().stream()
                .filter(p -> c.added().contains(p.name())
                        || (c.changed().contains(p.name()) && !inPlace.contains(p.name()))).toList();
        List<InstancePlan> updated = plan.instances().stream().filter(p -> inPlace.contains(p.name())).toList();
        VrrpEngine engine = switch (VrrpEngine.create(starting.stream().map(InstancePlan::router).toList(),
                List.of())) {
            case VrrpEngine.Build.Ok ok -> ok.engine();
            case VrrpEngine.Build.Rejected r -> {
                r.problems().forEach(p -> LOG.error("Reload refused: {}", p));
                yield null;
            }
        };
        if (engine != null) {
            loop.post(() -> apply(next, c, starting, updated, engine));
        } else {
            listener.reloadFinished("refused");
        }
    }

    private static String blocker(Keepalived a, Keepalived b, ReloadCheck.Verdict.Changed c) {
        if (c.globalsChanged()) {
            return "a change to global_defs, scripts, track files/processes or sync groups";
        }
        Set<String> grouped = new HashSet<>();
        for (Keepalived k : List.of(a, b)) {
            k.syncGroups().stream().map(SyncGroup::group).forEach(grouped::addAll);
        }
        List<String> touched = new ArrayList<>(c.added());
        touched.addAll(c.removed());
        touched.addAll(c.changed());
        List<String> inGroups = touched.stream().filter(grouped::contains).toList();
        return inGroups.isEmpty() ? "" : "a change to sync group members " + inGroups;
    }

    /** On the loop thread. */
    private void apply(Keepalived next, ReloadCheck.Verdict.Changed c, List<InstancePlan> starting,
                       List<InstancePlan> updated, VrrpEngine engine) {
        List<String> stopping = new ArrayList<>(c.removed());
        c.changed().stream().filter(n -> updated.stream().noneMatch(u -> u.name().equals(n))).forEach(stopping::add);
        for (String name : stopping) {
            InstancePlan old = plans.get(name);
            loop.handle(name, new Event.Shutdown());
            engines.forget(name);
            if (old != null) {
                sockets.channel(old.socketIface(), old.ipv6()).ifPresent(ch -> ch.dispatcher.unregister(old.vrid()));
                plans.remove(name);
                counters.remove(name);
            }
        }
        engines.add(engine);
        updated.forEach(this::updateInPlace);
        for (InstancePlan p : starting) {
            executor.engineStarted(p);
            plans.put(p.name(), p);
            counters.put(p.name(), new InstanceCounters());
            vmacs.create(p);
            InstanceSockets.openSocket(p, sockets, counters.get(p.name()));
            links.added(p);
            loop.handle(p.name(), new Event.Startup());
        }
        running.set(next);
        List<String> restarted = c.changed().stream()
                .filter(n -> updated.stream().noneMatch(u -> u.name().equals(n))).toList();
        LOG.info("Reload: applied (added {}, removed {}, restarted {}, addresses changed in place {}); other"
                + " instances kept their state", c.added(), c.removed(), restarted,
                updated.stream().map(InstancePlan::name).toList());
        listener.reloadFinished("applied");
    }

    /**
     * Only the VIP, route or rule lists changed: the instance keeps its state; a MASTER releases
     * what went away, adds what is new and announces new addresses; adverts carry the new list.
     */
    private void updateInPlace(InstancePlan neu) {
        String name = neu.name();
        InstancePlan old = plans.get(name);
        if (old == null) {
            return;
        }
        boolean master = engines.router(name).map(r -> r.state() == io.jkeepalived.vrrp.engine.VrrpState.MASTER)
                .orElse(false);
        List<String> goneV = minus(old.router().vips(), neu.router().vips());
        List<String> goneE = minus(old.router().evips(), neu.router().evips());
        List<String> newV = minus(neu.router().vips(), old.router().vips());
        List<String> newE = minus(neu.router().evips(), old.router().evips());
        if (master && (!goneV.isEmpty() || !goneE.isEmpty())) {
            executor.execute(new io.jkeepalived.vrrp.engine.Action.RemoveAddresses(name, goneV, goneE));
        }
        // Route and rule ids are positions: when they changed, the old ones go and the new ones come.
        boolean routesChanged = !old.routes().equals(neu.routes());
        boolean rulesChanged = !old.rules().equals(neu.rules());
        if (master && routesChanged && !old.router().routes().isEmpty()) {
            executor.execute(new io.jkeepalived.vrrp.engine.Action.RemoveRoutes(name, old.router().routes()));
        }
        if (master && rulesChanged && !old.router().rules().isEmpty()) {
            executor.execute(new io.jkeepalived.vrrp.engine.Action.RemoveRules(name, old.router().rules()));
        }
        plans.put(name, neu);
        if (master && routesChanged && !neu.router().routes().isEmpty()) {
            executor.execute(new io.jkeepalived.vrrp.engine.Action.AddRoutes(name, neu.router().routes()));
        }
        if (master && rulesChanged && !neu.router().rules().isEmpty()) {
            executor.execute(new io.jkeepalived.vrrp.engine.Action.AddRules(name, neu.router().rules()));
        }
        sockets.channel(neu.socketIface(), neu.ipv6()).ifPresent(ch -> {
            ch.dispatcher.unregister(neu.vrid());
            ch.dispatcher.register(neu.vrid(), name, neu.profile(), counters.get(name));
        });
        if (master && (!newV.isEmpty() || !newE.isEmpty())) {
            executor.execute(new io.jkeepalived.vrrp.engine.Action.AddAddresses(name, newV, newE));
            List<String> all = new ArrayList<>(newV);
            all.addAll(newE);
            executor.execute(new io.jkeepalived.vrrp.engine.Action.SendGratuitous(name, all,
                    Math.max(1, neu.router().garp().masterRepeat()),
                    io.jkeepalived.vrrp.engine.Action.GarpKind.MASTER_BURST));
        }
        LOG.info("({}) changed in place: addresses added {}, removed {}{}{}", name, concat(newV, newE),
                concat(goneV, goneE), routesChanged ? "; virtual_routes replaced" : "",
                rulesChanged ? "; virtual_rules replaced" : "");
    }

    private static List<String> minus(List<String> a, List<String> b) {
        return a.stream().filter(x -> !b.contains(x)).toList();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static final Set<String> ADDRESS_FIELDS = Set.of("virtualIpaddress", "virtualIpaddressExcluded",
            "virtualRoutes", "virtualRules");

    /** True when instance {@code name} differs between the configs only in its VIP / eVIP lists. */
    static boolean onlyAddressesDiffer(Keepalived a, Keepalived b, String name) {
        var x = a.vrrpInstances().stream().filter(i -> i.name().equals(name)).findFirst();
        var y = b.vrrpInstances().stream().filter(i -> i.name().equals(name)).findFirst();
        if (x.isEmpty() || y.isEmpty()) {
            return false;
        }
        try {
            for (var c : io.jkeepalived.config.model.VrrpInstance.class.getRecordComponents()) {
                if (!ADDRESS_FIELDS.contains(c.getName())
                        && !java.util.Objects.equals(c.getAccessor().invoke(x.get()), c.getAccessor().invoke(y.get()))) {
                    return false;
                }
            }
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}
