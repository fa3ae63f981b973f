package io.jkeepalived.vrrp.sim;

import io.jkeepalived.vrrp.engine.Event;
import io.jkeepalived.vrrp.engine.Timers;
import io.jkeepalived.vrrp.engine.TransitionReason;
import io.jkeepalived.vrrp.engine.VirtualRouter;
import io.jkeepalived.vrrp.engine.VrrpState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The properties every run must keep, checked after every step of the simulator.
 *
 * <ol>
 *   <li>Always: a node's kernel holds an address, route or rule exactly while one of its instances
 *       is MASTER and that instance's current config (the version on the node's disk) lists it,
 *       after the step's actions are performed. See {@link KernelCheck}.</li>
 *   <li>Always: a BACKUP takes over by its down timer no earlier than Master_Down_Interval after
 *       the last advert it had to accept (priority ≥ its own, or any with nopreempt), or Skew_Time
 *       after a priority-0 advert — computed here from the adverts this checker saw delivered,
 *       not from the engine's timers. For a nopreempt router a breach is reported as such.</li>
 *   <li>Always (routers outside sync groups): a BACKUP becomes MASTER no later than
 *       Master_Down_Interval + one interval after the last advert it heard or its entry into
 *       BACKUP.</li>
 *   <li>After chaos ends plus master_down + one interval (+ preempt_delay, + a second down timer
 *       for sync groups, + latency), in every connected partition of a LAN (nodes on the same side
 *       whose configs let them hear each other): exactly one MASTER; its effective priority is the
 *       highest there (unless nopreempt is in play; equal priorities are not ordered by address,
 *       since a BACKUP accepts an equal priority advert, RFC 3768 §6.4.2); no address held by two
 *       nodes; no node's sync group split. See {@link Convergence}.</li>
 * </ol>
 */
final class Invariants {
    final List<String> violations = new ArrayList<>();
    private final Simulator sim;
    private final Scenario sc;
    private final long upperSlackNanos;
    private final int minInterval;
    private final Convergence convergence;

    Invariants(Simulator sim) {
        this.sim = sim;
        this.sc = sim.sc;
        int maxInterval = 0;
        int min = Integer.MAX_VALUE;
        for (var node : sc.conf) {
            for (var c : node) {
                maxInterval = Math.max(maxInterval, c.intervalCentis());
                min = Math.min(min, c.intervalCentis());
            }
        }
        this.minInterval = min;
        long maxSkew = Timers.skewMicros(sc.version, 1, maxInterval) * 1000;
        int adverts = Math.max(sc.downTimerAdverts, 3);   // strict mode forces 3
        this.upperSlackNanos = adverts * maxInterval * 10_000_000L + maxSkew + maxInterval * 10_000_000L;
        this.convergence = new Convergence(sim, this);
    }

    void violation(String what) {
        violations.add(String.format("t=%.6fs %s", sim.now / 1e9, what));
    }

    private Scenario.InstanceConf conf(SimNode node, int slot) {
        return sc.conf.get(node.id).get(slot);
    }

    /** nopreempt is ignored for an owner, judged by the priority the router runs with now. */
    boolean believesNopreempt(SimNode node, int slot, VirtualRouter r) {
        return conf(node, slot).nopreempt() && r.basePriority() != 255;
    }

    void beforeDelivery(SimNode node, int slot, Event.AdvertReceived a) {
        Optional<VirtualRouter> found = node.router(slot);
        if (found.isEmpty()) {
            return;
        }
        VirtualRouter r = found.get();
        SimNode.PerInstance t = node.track[slot];
        int own = r.effectivePriority();
        int interval = sc.version == 3 ? a.advertIntervalCentis() : conf(node, slot).intervalCentis();
        switch (r.state()) {
            case BACKUP -> {
                t.lastHeardOrEntered = sim.now;
                if (a.priority() == 0) {
                    t.earliestTakeover = sim.now + Timers.skewMicros(sc.version, own, minInterval) * 1000;
                } else if (a.priority() >= own || believesNopreempt(node, slot, r)) {
                    t.earliestTakeover = sim.now + sim.downNanos(r, interval);
                } else if (conf(node, slot).preemptDelayNanos() > 0) {
                    // preempt_delay may accept it (or not): with a shorter v3 interval that can
                    // bring the deadline forward, so only the smaller of both bounds is safe.
                    t.earliestTakeover = Math.min(t.earliestTakeover, sim.now + sim.downNanos(r, interval));
                }
            }
            case MASTER -> {
                if (a.priority() > own || (a.priority() == own && a.source().compareTo(node.address) > 0)) {
                    t.earliestTakeover = sim.now + sim.downNanos(r, interval);
                }
            }
            default -> { }
        }
    }

    void onTransition(SimNode node, int slot, VrrpState from, VrrpState to, TransitionReason why) {
        SimNode.PerInstance t = node.track[slot];
        Optional<VirtualRouter> found = node.router(slot);
        if (found.isEmpty() || to == VrrpState.DELETED) {
            t.earliestTakeover = Long.MIN_VALUE;   // removed by a reload
            return;
        }
        VirtualRouter r = found.get();
        Scenario.InstanceConf c = conf(node, slot);
        ClusterConfig cfg = sim.config(node);
        long interval = c.intervalCentis() * 10_000_000L;
        switch (to) {
            case BACKUP -> {
                t.lastHeardOrEntered = sim.now;
                if (from == VrrpState.INIT || from == VrrpState.FAULT) {
                    boolean owner = cfg.priority(node.id, slot) == 255;
                    t.earliestTakeover = owner ? (from == VrrpState.FAULT && c.startAsMaster() ? sim.now + interval
                            : Long.MIN_VALUE)
                            : cfg.grouped(node.id, slot) && c.startAsMaster() && from == VrrpState.INIT
                            ? sim.now + interval
                            : sim.now + sim.downNanos(r, c.intervalCentis());
                }
            }
            case MASTER -> {
                if (Simulator.isDownTimerTakeover(from, to, why) && sim.now < t.earliestTakeover) {
                    violation((believesNopreempt(node, slot, r) ? "nopreempt violated: " : "early takeover: ")
                            + "node " + node.id + " " + Scenario.instanceName(slot) + " became MASTER "
                            + (t.earliestTakeover - sim.now) / 1000 + " us before master-down expired");
                }
            }
            case FAULT, STOP, INIT, DELETED -> t.earliestTakeover = Long.MIN_VALUE;
        }
    }

    void afterStep() {
        for (SimNode node : sim.nodes) {
            if (node.dirty) {
                node.dirty = false;
                KernelCheck.check(sim, node, this);
            }
            if (!node.alive) {
                continue;
            }
            ClusterConfig cfg = sim.config(node);
            for (int i = 0; i < sc.slots; i++) {
                Optional<VirtualRouter> r = node.router(i);
                if (r.isPresent() && r.get().state() == VrrpState.BACKUP
                        && sim.now > node.track[i].lastHeardOrEntered + upperSlackNanos && !cfg.grouped(node.id, i)) {
                    violation("late takeover: node " + node.id + " " + Scenario.instanceName(i)
                            + " still BACKUP " + (sim.now - node.track[i].lastHeardOrEntered) / 1000
                            + " us after it last heard an advert");
                }
            }
        }
        if (sim.now >= sc.chaosEndNanos + sc.settleNanos) {
            convergence.check();
        }
    }
}
