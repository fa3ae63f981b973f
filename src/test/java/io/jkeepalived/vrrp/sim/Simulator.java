package io.jkeepalived.vrrp.sim;

import static io.jkeepalived.vrrp.engine.TrackerStatus.DOWN;
import static io.jkeepalived.vrrp.engine.TrackerStatus.UP;

import io.jkeepalived.vrrp.engine.Action;
import io.jkeepalived.vrrp.engine.Event;
import io.jkeepalived.vrrp.engine.FaultCause;
import io.jkeepalived.vrrp.engine.Timers;
import io.jkeepalived.vrrp.engine.TrackerStatus;
import io.jkeepalived.vrrp.engine.TransitionReason;
import io.jkeepalived.vrrp.engine.VirtualRouter;
import io.jkeepalived.vrrp.engine.VrrpEngine;
import io.jkeepalived.vrrp.engine.VrrpState;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Runs one {@link Scenario}: N engines on simulated LANs (one per instance) with a virtual clock
 * and an event queue. Packets can be lost, delayed, duplicated and reordered; nodes crash, stop,
 * restart; LANs partition and heal; trackers and priorities change. The {@link Invariants} are
 * checked after every step.
 */
final class Simulator {

    private record Pending(long at, long seq, int kind, int node, int instance, Event event) {
        static final int WAKE = 0;
        static final int DELIVER = 1;
        static final int FAULT = 2;
        static final int START = 3;
    }

    final Scenario sc;
    final Mutant mutant;
    final SimNode[] nodes;
    /** partition[lan][node]: nodes hear each other on a LAN only with equal partition ids. */
    final int[][] partition;
    final Invariants invariants;
    private final SplittableRandom rnd;
    private final PriorityQueue<Pending> queue = new PriorityQueue<>((a, b) ->
            a.at() != b.at() ? Long.compare(a.at(), b.at()) : Long.compare(a.seq(), b.seq()));
    private long seq;
    long now;
    double loss;
    long steps;
    /** -Dsim.trace=true prints every transition and delivery (use with -Dsim.scenario=). */
    static final boolean TRACE = Boolean.getBoolean("sim.trace");

    Simulator(Scenario sc, Mutant mutant) {
        this.sc = sc;
        this.mutant = mutant;
        this.rnd = new SplittableRandom(sc.seed ^ 0x5DEECE66DL);
        this.nodes = new SimNode[sc.nodes];
        this.partition = new int[sc.instances][sc.nodes];
        for (int n = 0; n < sc.nodes; n++) {
            nodes[n] = new SimNode(n, sc.address(n), sc.instances);
            for (int i = 0; i < sc.instances; i++) {
                nodes[n].mismatch[i] = sc.conf.get(n).get(i).mismatch();
            }
        }
        this.invariants = new Invariants(this);
        this.loss = sc.lossDuringChaos;
    }

    /** Runs to the end; returns the violations found (empty = correct). */
    List<String> run() {
        for (int n = 0; n < sc.nodes; n++) {
            push(sc.startDelayMillis[n] * Scenario.MS, Pending.START, n, 0, null);
        }
        for (int k = 0; k < sc.faults.size(); k++) {
            push(sc.faults.get(k).at(), Pending.FAULT, k, 0, null);
        }
        push(sc.chaosEndNanos, Pending.FAULT, -1, 0, null);
        while (!queue.isEmpty() && invariants.violations.isEmpty()) {
            Pending p = queue.poll();
            if (p.at() > sc.endNanos) {
                break;
            }
            now = p.at();
            steps++;
            switch (p.kind()) {
                case Pending.WAKE -> wake(p.node(), p.at());
                case Pending.DELIVER -> deliver(p.node(), p.instance(), (Event.AdvertReceived) p.event());
                case Pending.FAULT -> fault(p.node());
                case Pending.START -> start(p.node());
                default -> throw new IllegalStateException();
            }
            invariants.afterStep();
        }
        now = sc.endNanos;
        if (invariants.violations.isEmpty()) {
            invariants.afterStep();
        }
        return invariants.violations;
    }

    private void push(long at, int kind, int node, int instance, Event e) {
        queue.add(new Pending(at, seq++, kind, node, instance, e));
    }

    /** The time node n's engine sees: wrong only for the FAST_CLOCK mutant. */
    private long engineTime(int n, long t) {
        return mutant == Mutant.FAST_CLOCK && n == 0 ? t + t * 3 / 5 : t;
    }

    private long realTime(int n, long engineT) {
        if (engineT == VirtualRouter.NEVER) {
            return engineT;
        }
        return mutant == Mutant.FAST_CLOCK && n == 0 ? Math.ceilDiv(engineT * 5, 8) : engineT;
    }

    // ---- node lifecycle ----------------------------------------------------------------------

    private void start(int n) {
        SimNode node = nodes[n];
        if (node.alive) {
            return;   // the planned start of a node the fault plan already restarted
        }
        node.engine = switch (VrrpEngine.create(sc.specs(n, mutant), sc.groups())) {
            case VrrpEngine.Build.Ok ok -> ok.engine();
            case VrrpEngine.Build.Rejected r -> throw new IllegalStateException(r.problems().toString());
        };
        node.alive = true;
        for (int i = 0; i < sc.instances; i++) {
            node.track[i].earliestTakeover = Long.MIN_VALUE;
            node.track[i].lastHeardOrEntered = now;
        }
        List<Action> out = new ArrayList<>();
        node.engine.handleAll(new Event.Startup(), engineTime(n, now), out::add);
        apply(n, out);
    }

    private void crash(int n) {
        SimNode node = nodes[n];
        if (!node.alive) {
            return;
        }
        node.alive = false;
        node.engine = null;
        node.scheduledWake = Long.MAX_VALUE;
        java.util.Arrays.fill(node.holdsVip, false);
    }

    private void stop(int n) {
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

    private void deliver(int n, int inst, Event.AdvertReceived a) {
        SimNode node = nodes[n];
        if (!node.alive) {
            return;
        }
        invariants.beforeDelivery(node, inst, a);
        List<Action> out = new ArrayList<>();
        node.engine.handle(Scenario.instanceName(inst), a, engineTime(n, now), out::add);
        apply(n, out);
    }

    private void toEngine(int n, int inst, Event e) {
        SimNode node = nodes[n];
        if (!node.alive) {
            return;
        }
        List<Action> out = new ArrayList<>();
        node.engine.handle(Scenario.instanceName(inst), e, engineTime(n, now), out::add);
        apply(n, out);
    }

    // ---- faults ------------------------------------------------------------------------------

    private void fault(int index) {
        invariants.disturbed(now);
        if (index < 0) {
            loss = 0;   // the quiet phase: a perfect network from here on
            return;
        }
        Scenario.Fault f = sc.faults.get(index);
        int n = f.node();
        switch (f.kind()) {
            case CRASH -> crash(n);
            case STOP -> stop(n);
            case RESTART -> {
                if (nodes[n].alive) {
                    crash(n);
                }
                start(n);
            }
            case PARTITION -> forLans(f, lan -> {
                for (int m = 0; m < sc.nodes; m++) {
                    partition[lan][m] = (f.arg() >> m) & 1;
                }
            });
            case HEAL -> forLans(f, lan -> java.util.Arrays.fill(partition[lan], 0));
            case TRACKER_DOWN -> forInstances(f, i -> toEngine(n, i, new Event.TrackerChanged("chk", DOWN)));
            case TRACKER_UP -> forInstances(f, i -> toEngine(n, i, new Event.TrackerChanged("chk", UP)));
            case IFACE_DOWN -> toEngine(n, f.instance(), n % 2 == 0
                    ? new Event.FaultChanged(FaultCause.INTERFACE_DOWN, true)
                    : new Event.TrackerChanged("link", TrackerStatus.DOWN));
            case IFACE_UP -> {
                toEngine(n, f.instance(), new Event.FaultChanged(FaultCause.INTERFACE_DOWN, false));
                toEngine(n, f.instance(), new Event.TrackerChanged("link", TrackerStatus.UP));
            }
            case PRIORITY -> forInstances(f, i -> toEngine(n, i, new Event.PriorityChanged(f.arg())));
            case RELOAD -> forInstances(f, i -> toEngine(n, i,
                    new Event.Reconfigured(sc.reloaded(n, i, f.arg(), mutant))));
            case LOSS -> loss = f.arg() / 100.0;
        }
    }

    /** A sync group's instances share their fate on the wire: partitions hit all its LANs. */
    private void forLans(Scenario.Fault f, java.util.function.IntConsumer action) {
        forInstances(f, action);
    }

    /** Priority-shaping faults hit every member of a sync group alike, so preference orders stay aligned. */
    private void forInstances(Scenario.Fault f, java.util.function.IntConsumer action) {
        if (sc.syncGroup) {
            for (int i = 0; i < sc.instances; i++) {
                action.accept(i);
            }
        } else {
            action.accept(f.instance());
        }
    }

    // ---- actions -----------------------------------------------------------------------------

    private void apply(int n, List<Action> actions) {
        SimNode node = nodes[n];
        for (Action a : actions) {
            if (TRACE) {
                System.err.printf("%.6f n%d %s%n", now / 1e9, n, a);
            }
            if (a instanceof Action.GroupStateChanged) {
                continue; // names a group, not an instance
            }
            int inst = instanceIndex(a.instance());
            switch (a) {
                case Action.SendAdvert s -> broadcast(n, inst, s);
                case Action.AddAddresses x -> node.holdsVip[inst] = true;
                case Action.RemoveAddresses x -> {
                    if (!(mutant == Mutant.VIP_LEAK && n == 0)) {
                        node.holdsVip[inst] = false;
                    }
                }
                case Action.LogTransition t -> invariants.onTransition(node, inst, t.transition().from(),
                        t.transition().to(), t.transition().reason());
                default -> { }
            }
        }
        if (node.alive) {
            long next = realTime(n, node.engine.nextDeadlineNanos());
            if (next != node.scheduledWake && next != VirtualRouter.NEVER) {
                node.scheduledWake = Math.max(next, now);
                push(node.scheduledWake, Pending.WAKE, n, 0, null);
            }
        }
    }

    private static int instanceIndex(String name) {
        return name.charAt(3) - '1';
    }

    private void broadcast(int from, int inst, Action.SendAdvert s) {
        int prio = s.priority();
        if (mutant == Mutant.PRIORITY_LIE && from == 0 && prio != 0) {
            prio = 254;
        }
        Event.AdvertReceived adv = new Event.AdvertReceived(nodes[from].address, prio, s.advertIntervalCentis());
        for (int m = 0; m < sc.nodes; m++) {
            if (m == from || !hears(from, m, inst)) {
                continue;
            }
            if (loss > 0 && rnd.nextDouble() < loss) {
                continue;
            }
            push(now + 1 + rnd.nextLong(sc.maxLatencyNanos), Pending.DELIVER, m, inst, adv);
            if (sc.duplication > 0 && rnd.nextDouble() < sc.duplication) {
                push(now + 1 + rnd.nextLong(sc.maxLatencyNanos), Pending.DELIVER, m, inst, adv);
            }
        }
    }

    /**
     * Whether m receives what n sends for this instance: both up, same side of the LAN partition,
     * and no config difference (wrong VRID, auth or v2 interval: the receiver's codec drops it).
     */
    boolean hears(int n, int m, int inst) {
        return nodes[n].alive && nodes[m].alive && partition[inst][n] == partition[inst][m]
                && !nodes[n].mismatch[inst] && !nodes[m].mismatch[inst];
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
}
