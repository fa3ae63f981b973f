package io.jkeepalived.vrrp.sim;

import static io.jkeepalived.vrrp.engine.TrackerStatus.DOWN;

import io.jkeepalived.vrrp.engine.Action;
import io.jkeepalived.vrrp.engine.Event;
import io.jkeepalived.vrrp.engine.RouterSpec;
import io.jkeepalived.vrrp.engine.Timers;
import io.jkeepalived.vrrp.engine.TransitionReason;
import io.jkeepalived.vrrp.engine.VirtualRouter;
import io.jkeepalived.vrrp.engine.VrrpEngine;
import io.jkeepalived.vrrp.engine.VrrpState;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Runs one {@link Scenario}: N engines on simulated LANs (one per instance slot) with a virtual
 * clock and an event queue. Adverts travel as bytes through the real encoder and receive path
 * ({@link Wire}); the kernel of each node holds exactly what Add/Remove actions put there. Packets
 * can be lost, delayed, duplicated and reordered; nodes crash, stop, restart; LANs split into two
 * to four sides and heal; trackers and priorities change; config versions are rolled out through
 * {@link VrrpEngine#apply}, as the daemon does on SIGHUP. The {@link Invariants} are checked after
 * every step.
 */
final class Simulator {

    private record Pending(long at, long seq, int kind, int node, int slot, int from, byte[] packet) {
        static final int WAKE = 0;
        static final int DELIVER = 1;
        static final int FAULT = 2;
        static final int START = 3;
    }

    final Scenario sc;
    final Mutant mutant;
    final SimNode[] nodes;
    /** partition[lan][node]: nodes hear each other on a LAN only on the same side. */
    final int[][] partition;
    final Invariants invariants;
    private final SplittableRandom rnd;
    private final Wire wire = new Wire();
    private final Faults faults;
    private final PriorityQueue<Pending> queue = new PriorityQueue<>((a, b) ->
            a.at() != b.at() ? Long.compare(a.at(), b.at()) : Long.compare(a.seq(), b.seq()));
    private long seq;
    long now;
    /** Packet loss now: the chaos phase's, changed by LOSS faults, 0 once it ends. */
    double loss;
    long steps;
    /** engine.apply calls on running nodes. */
    long reloads;
    /** What those reloads did, for -Dsim.verbose: routers added, removed, restarted, reconfigured while MASTER. */
    final long[] reloadEffects = new long[4];
    /** -Dsim.trace=true prints every transition and delivery (use with -Dsim.scenario=). */
    static final boolean TRACE = Boolean.getBoolean("sim.trace");

    Simulator(Scenario sc, Mutant mutant) {
        this.sc = sc;
        this.mutant = mutant;
        this.rnd = new SplittableRandom(sc.seed ^ 0x5DEECE66DL);
        this.nodes = new SimNode[sc.nodes];
        this.partition = new int[sc.slots][sc.nodes];
        for (int n = 0; n < sc.nodes; n++) {
            nodes[n] = new SimNode(n, sc.address(n), sc.slots);
        }
        this.invariants = new Invariants(this);
        this.faults = new Faults(this);
        this.loss = sc.lossDuringChaos;
    }

    /** Runs to the end; returns the violations found (empty = correct). */
    List<String> run() {
        for (int n = 0; n < sc.nodes; n++) {
            push(sc.startDelayMillis[n] * Scenario.MS, Pending.START, n, 0, 0, null);
        }
        for (int k = 0; k < sc.faults.size(); k++) {
            push(sc.faults.get(k).at(), Pending.FAULT, k, 0, 0, null);
        }
        push(sc.chaosEndNanos, Pending.FAULT, -1, 0, 0, null);
        while (!queue.isEmpty() && invariants.violations.isEmpty()) {
            Pending p = queue.poll();
            if (p.at() > sc.endNanos) {
                break;
            }
            now = p.at();
            steps++;
            switch (p.kind()) {
                case Pending.WAKE -> wake(p.node(), p.at());
                case Pending.DELIVER -> deliver(p.node(), p.slot(), p.from(), p.packet());
                case Pending.FAULT -> faults.apply(p.node());
                case Pending.START -> start(p.node());
                default -> throw new IllegalStateException();
            }
            invariants.afterStep();
        }
        now = sc.endNanos;
        if (invariants.violations.isEmpty()) {
            for (SimNode node : nodes) {
                node.dirty = true;
            }
            invariants.afterStep();
        }
        return invariants.violations;
    }

    private void push(long at, int kind, int node, int slot, int from, byte[] packet) {
        queue.add(new Pending(at, seq++, kind, node, slot, from, packet));
    }

    /** The time node n's engine sees: wrong only for the FAST_CLOCK mutant. */
    long engineTime(int n, long t) {
        return mutant == Mutant.FAST_CLOCK && n == 0 ? t + t * 3 / 5 : t;
    }

    private long realTime(int n, long engineT) {
        if (engineT == VirtualRouter.NEVER) {
            return engineT;
        }
        return mutant == Mutant.FAST_CLOCK && n == 0 ? Math.ceilDiv(engineT * 5, 8) : engineT;
    }

    /** The config a node runs (the one on its disk). */
    ClusterConfig config(SimNode node) {
        return sc.versions.get(node.version);
    }

    // ---- node lifecycle ----------------------------------------------------------------------

    /** As the daemon starts: an empty engine, one apply of the config on disk, then each router starts. */
    void start(int n) {
        SimNode node = nodes[n];
        if (node.alive) {
            return;   // the planned start of a node the fault plan already restarted
        }
        node.engine = VrrpEngine.empty();
        node.alive = true;
        node.dirty = true;
        for (SimNode.PerInstance t : node.track) {
            t.earliestTakeover = Long.MIN_VALUE;
            t.lastHeardOrEntered = now;
        }
        List<Action> out = new ArrayList<>();
        applyConfig(n, out::add, out, false);
        apply(n, out);
    }

    /** A config version reaches node n's disk; a running daemon reloads it. */
    void reload(int n, int version) {
        SimNode node = nodes[n];
        if (version <= node.version) {
            return;   // a slower copy of an older version
        }
        node.version = version;
        if (!node.alive) {
            return;
        }
        reloads++;
        node.dirty = true;
        List<Action> out = new ArrayList<>();
        // The reload mutant: node 0's kernel layer loses the address removals a reload asks for.
        Consumer<Action> sink = mutant == Mutant.RELOAD_VIP_LEAK && n == 0
                ? a -> {
                    if (!(a instanceof Action.RemoveAddresses)) {
                        out.add(a);
                    }
                }
                : out::add;
        applyConfig(n, sink, out, true);
        apply(n, out);
        ClusterConfig cfg = config(node);
        for (int s = 0; s < sc.slots; s++) {
            if (!cfg.present(n, s)) {
                node.plans[s] = null;   // kept until now so a removed instance's last advert still goes out
            }
        }
    }

    private void applyConfig(int n, Consumer<Action> sink, List<Action> out, boolean isReload) {
        SimNode node = nodes[n];
        ClusterConfig cfg = config(node);
        List<RouterSpec> specs = sc.specs(n, cfg, mutant);
        long t = engineTime(n, now);
        List<String> masters = node.engine.routers().stream().filter(r -> r.state() == VrrpState.MASTER)
                .map(VirtualRouter::name).toList();
        switch (node.engine.apply(specs, sc.groups(n, cfg), Set.of(), t, sink)) {
            case VrrpEngine.Reload.Applied applied -> {
                if (isReload) {
                    reloadEffects[0] += applied.added().size();
                    reloadEffects[1] += applied.removed().size();
                    reloadEffects[2] += applied.restarted().size();
                    reloadEffects[3] += applied.reconfigured().stream().filter(masters::contains).count();
                }
                for (RouterSpec s : specs) {
                    node.plans[slot(s.name())] = Wire.plan(sc, n, s);
                }
                for (String name : applied.starting()) {
                    reportTrackers(n, slot(name), t, out);
                    node.engine.start(name, t, out::add);
                }
            }
            case VrrpEngine.Reload.Rejected r -> invariants.violation("node " + n + " config version "
                    + node.version + " rejected: " + r.problems());
        }
    }

    /** What the daemon's trackers already know reaches a new router before it starts. */
    void reportTrackers(int n, int slot, long t, List<Action> out) {
        SimNode node = nodes[n];
        String name = Scenario.instanceName(slot);
        if (node.chkDown[slot]) {
            node.engine.handle(name, new Event.TrackerChanged("chk", DOWN), t, out::add);
        }
        if (node.linkDown[slot]) {
            node.engine.handle(name, Faults.linkDown(n), t, out::add);
        }
    }

    void crash(int n) {
        SimNode node = nodes[n];
        if (!node.alive) {
            return;
        }
        node.alive = false;
        node.engine = null;
        node.scheduledWake = Long.MAX_VALUE;
        node.wipe();
    }

    void stop(int n) {
        SimNode node = nodes[n];
        if (!node.alive) {
            return;
        }
        List<Action> out = new ArrayList<>();
        node.engine.handleAll(new Event.Shutdown(), engineTime(n, now), out::add);
        apply(n, out);
        crash(n);
    }

    private void wake(int n, long at) {
        SimNode node = nodes[n];
        if (!node.alive || node.scheduledWake != at) {
            return;
        }
        node.scheduledWake = Long.MAX_VALUE;
        List<Action> out = new ArrayList<>();
        node.engine.tick(engineTime(n, now), out::add);
        apply(n, out);
    }

    private void deliver(int n, int slot, int from, byte[] packet) {
        SimNode node = nodes[n];
        Wire.Plan plan = node.plans[slot];
        if (!node.alive || plan == null) {
            return;   // nobody there, or no instance on this LAN any more
        }
        plan = ownerRuleInStep(node, slot, plan);
        var event = wire.receive(packet, nodes[from].address, plan);
        if (event.isEmpty()) {
            return;
        }
        if (TRACE) {
            System.err.printf("%.6f n%d <- n%d %s%n", now / 1e9, n, from, event.get());
        }
        invariants.beforeDelivery(node, slot, event.get());
        toEngine(n, slot, event.get());
    }

    /**
     * The receive profile's "owner ignores adverts" rule follows the base priority the router runs
     * with. A reload re-plans it (the daemon re-registers changed profiles); a PriorityChanged from
     * outside reload must move it too, or an owner moved below 255 stays deaf at the codec.
     */
    private static Wire.Plan ownerRuleInStep(SimNode node, int slot, Wire.Plan plan) {
        var r = node.router(slot);
        boolean ignore = r.isPresent() && r.get().spec().ownerIgnoreAdverts() && r.get().basePriority() == 255;
        if (ignore == plan.profile().ignoreAdverts()) {
            return plan;
        }
        Wire.Plan moved = new Wire.Plan(plan.vrid(), plan.advert(), plan.profile().withIgnoreAdverts(ignore));
        node.plans[slot] = moved;
        return moved;
    }

    void toEngine(int n, int slot, Event e) {
        SimNode node = nodes[n];
        if (!node.alive) {
            return;
        }
        node.dirty = true;
        List<Action> out = new ArrayList<>();
        node.engine.handle(Scenario.instanceName(slot), e, engineTime(n, now), out::add);
        apply(n, out);
    }

    // ---- actions -----------------------------------------------------------------------------

    private void apply(int n, List<Action> actions) {
        SimNode node = nodes[n];
        node.dirty = true;
        for (Action a : actions) {
            if (TRACE) {
                System.err.printf("%.6f n%d %s%n", now / 1e9, n, a);
            }
            if (a instanceof Action.GroupStateChanged) {
                continue; // names a group, not an instance
            }
            int slot = slot(a.instance());
            switch (a) {
                case Action.SendAdvert s -> broadcast(n, slot, s);
                case Action.AddAddresses x -> {
                    x.vips().forEach(id -> node.addresses.add(Scenario.address(id)));
                    x.evips().forEach(id -> node.addresses.add(Scenario.address(id)));
                }
                case Action.RemoveAddresses x -> {
                    if (!(mutant == Mutant.VIP_LEAK && n == 0)) {
                        x.vips().forEach(id -> node.addresses.remove(Scenario.address(id)));
                        x.evips().forEach(id -> node.addresses.remove(Scenario.address(id)));
                    }
                }
                case Action.AddRoutes x -> node.routes.addAll(x.routes());
                case Action.RemoveRoutes x -> x.routes().forEach(node.routes::remove);
                case Action.AddRules x -> node.rules.addAll(x.rules());
                case Action.RemoveRules x -> x.rules().forEach(node.rules::remove);
                case Action.LogTransition t -> invariants.onTransition(node, slot, t.transition().from(),
                        t.transition().to(), t.transition().reason());
                default -> { }
            }
        }
        if (node.alive) {
            long next = realTime(n, node.engine.nextDeadlineNanos());
            if (next != node.scheduledWake && next != VirtualRouter.NEVER) {
                node.scheduledWake = Math.max(next, now);
                push(node.scheduledWake, Pending.WAKE, n, 0, 0, null);
            }
        }
    }

    static int slot(String instanceName) {
        return instanceName.charAt(3) - '1';
    }

    /** One advert onto the LAN: encoded once, then lost, delayed or duplicated per receiver. */
    private void broadcast(int from, int slot, Action.SendAdvert s) {
        SimNode sender = nodes[from];
        Wire.Plan plan = sender.plans[slot];
        if (plan == null) {
            return;   // the instance left with this very reload; its last advert goes nowhere
        }
        int prio = s.priority();
        if (mutant == Mutant.PRIORITY_LIE && from == 0 && prio != 0) {
            prio = 254;
        }
        byte[] packet = Wire.encode(plan.advert(), prio, sender.address, sender.nextIpId());
        for (int m = 0; m < sc.nodes; m++) {
            if (m == from || !sameSide(from, m, slot)) {
                continue;
            }
            if (loss > 0 && rnd.nextDouble() < loss) {
                continue;
            }
            push(now + 1 + rnd.nextLong(sc.maxLatencyNanos), Pending.DELIVER, m, slot, from, packet);
            if (sc.duplication > 0 && rnd.nextDouble() < sc.duplication) {
                push(now + 1 + rnd.nextLong(sc.maxLatencyNanos), Pending.DELIVER, m, slot, from, packet);
            }
        }
    }

    /** Both up and on the same side of this LAN's partition (what they configured is the codec's business). */
    boolean sameSide(int n, int m, int slot) {
        return nodes[n].alive && nodes[m].alive && partition[slot][n] == partition[slot][m];
    }

    /** Master_Down_Interval of a router right now, for the checker. */
    long downNanos(VirtualRouter r, int intervalCentis) {
        return Timers.masterDownMicros(sc.version, r.effectivePriority(), intervalCentis, r.spec().downTimerAdverts())
                * 1000;
    }

    static boolean isDownTimerTakeover(VrrpState from, VrrpState to, TransitionReason why) {
        return from == VrrpState.BACKUP && to == VrrpState.MASTER
                && (why == TransitionReason.MASTER_DOWN_TIMER || why == TransitionReason.PRIORITY_ZERO_RECEIVED);
    }

    /** Adverts the receive path dropped, by {@link io.jkeepalived.vrrp.wire.RejectReason} ordinal. */
    long[] rejectedAdverts() {
        return wire.rejected;
    }
}
