package io.jkeepalived.vrrp.sim;

import io.jkeepalived.vrrp.engine.Event;
import io.jkeepalived.vrrp.engine.Timers;
import io.jkeepalived.vrrp.engine.TransitionReason;
import io.jkeepalived.vrrp.engine.VirtualRouter;
import io.jkeepalived.vrrp.engine.VrrpState;
import java.util.ArrayList;
import java.util.List;

/**
 * The properties every run must keep, checked after every step of the simulator.
 *
 * <ol>
 *   <li>Always: a node holds an instance's VIPs exactly while that instance is MASTER.</li>
 *   <li>Always: a BACKUP takes over by its down timer no earlier than Master_Down_Interval after
 *       the last advert it had to accept (priority ≥ its own, or any with nopreempt), or Skew_Time
 *       after a priority-0 advert — computed here from the adverts this checker saw delivered,
 *       not from the engine's timers. For a nopreempt router a breach is reported as such.</li>
 *   <li>Always (routers outside sync groups): a BACKUP becomes MASTER no later than
 *       Master_Down_Interval + one interval after the last advert it heard or its entry into
 *       BACKUP.</li>
 *   <li>After chaos ends plus master_down + one interval (+ preempt_delay, + a second down timer
 *       for sync groups, + latency): in every set of nodes that hear each other, exactly one
 *       MASTER per VRID; its effective priority is the highest there (unless nopreempt is in
 *       play; equal priorities are not ordered by address, since a BACKUP accepts an equal
 *       priority advert, RFC 3768 §6.4.2); no VIP on two nodes; a node's sync group not split.</li>
 * </ol>
 */
final class Invariants {
    final List<String> violations = new ArrayList<>();
    private final Simulator sim;
    private final Scenario sc;
    private final long upperSlackNanos;
    private final int minInterval;

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
    }

    void disturbed(long at) {
        // Convergence is measured from the end of the chaos phase, which every fault precedes.
    }

    private void violation(String what) {
        violations.add(String.format("t=%.6fs %s", sim.now / 1e9, what));
    }

    private Scenario.InstanceConf conf(SimNode node, int inst) {
        return sc.conf.get(node.id).get(inst);
    }

    /** nopreempt is ignored for an owner, judged by the priority configured now (PriorityChanged). */
    private boolean believesNopreempt(SimNode node, int inst) {
        return conf(node, inst).nopreempt() && node.router(inst).basePriority() != 255;
    }

    void beforeDelivery(SimNode node, int inst, Event.AdvertReceived a) {
        VirtualRouter r = node.router(inst);
        SimNode.PerInstance t = node.track[inst];
        int own = r.effectivePriority();
        int interval = sc.version == 3 ? a.advertIntervalCentis() : conf(node, inst).intervalCentis();
        switch (r.state()) {
            case BACKUP -> {
                t.lastHeardOrEntered = sim.now;
                if (a.priority() == 0) {
                    t.earliestTakeover = sim.now + Timers.skewMicros(sc.version, own, minInterval) * 1000;
                } else if (a.priority() >= own || believesNopreempt(node, inst)) {
                    t.earliestTakeover = sim.now + sim.downNanos(r, interval);
                } else if (conf(node, inst).preemptDelayNanos() > 0) {
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

    void onTransition(SimNode node, int inst, VrrpState from, VrrpState to, TransitionReason why) {
        SimNode.PerInstance t = node.track[inst];
        VirtualRouter r = node.router(inst);
        Scenario.InstanceConf c = conf(node, inst);
        long interval = c.intervalCentis() * 10_000_000L;
        switch (to) {
            case BACKUP -> {
                t.lastHeardOrEntered = sim.now;
                if (from == VrrpState.INIT || from == VrrpState.FAULT) {
                    boolean owner = c.priority() == 255;
                    t.earliestTakeover = owner ? (from == VrrpState.FAULT && c.startAsMaster() ? sim.now + interval
                            : Long.MIN_VALUE)
                            : sc.syncGroup && c.startAsMaster() && from == VrrpState.INIT ? sim.now + interval
                            : sim.now + sim.downNanos(r, c.intervalCentis());
                }
            }
            case MASTER -> {
                if (Simulator.isDownTimerTakeover(from, to, why) && sim.now < t.earliestTakeover) {
                    violation((believesNopreempt(node, inst) ? "nopreempt violated: " : "early takeover: ")
                            + "node " + node.id + " " + Scenario.instanceName(inst) + " became MASTER "
                            + (t.earliestTakeover - sim.now) / 1000 + " us before master-down expired");
                }
            }
            case FAULT, STOP, INIT, DELETED -> t.earliestTakeover = Long.MIN_VALUE;
        }
    }

    void afterStep() {
        for (SimNode node : sim.nodes) {
            if (!node.alive) {
                continue;
            }
            for (int i = 0; i < sc.instances; i++) {
                VirtualRouter r = node.router(i);
                boolean master = r.state() == VrrpState.MASTER;
                if (node.holdsVip[i] != master) {
                    violation("node " + node.id + " " + Scenario.instanceName(i) + " is " + r.state()
                            + (node.holdsVip[i] ? " but holds" : " but lacks") + " its VIP");
                }
                if (!sc.syncGroup && r.state() == VrrpState.BACKUP
                        && sim.now > node.track[i].lastHeardOrEntered + upperSlackNanos) {
                    violation("late takeover: node " + node.id + " " + Scenario.instanceName(i)
                            + " still BACKUP " + (sim.now - node.track[i].lastHeardOrEntered) / 1000
                            + " us after it last heard an advert");
                }
            }
        }
        if (sim.now >= sc.chaosEndNanos + sc.settleNanos) {
            checkConverged();
        }
    }

    private void checkConverged() {
        int n = sim.nodes.length;
        for (int i = 0; i < sc.instances; i++) {
            // component keys: partition side 0 or 1, or a mismatched node alone (2 + id)
            for (int key = 0; key < 2 + n; key++) {
                checkComponent(i, key);
            }
        }
        if (sc.syncGroup) {
            for (SimNode node : sim.nodes) {
                if (node.alive && node.router(0).state() != node.router(1).state()) {
                    violation("sync group split on node " + node.id + ": " + node.router(0).state() + "/"
                            + node.router(1).state());
                }
            }
        }
    }

    private int componentKey(SimNode node, int inst) {
        return node.mismatch[inst] ? 2 + node.id : sim.partition[inst][node.id];
    }

    private void checkComponent(int inst, int key) {
        int masters = 0;
        int vipHolders = 0;
        int best = 0;
        int masterPrio = -1;
        boolean anyCandidate = false;
        boolean nopreempt = false;
        for (SimNode node : sim.nodes) {
            if (!node.alive || componentKey(node, inst) != key) {
                continue;
            }
            VirtualRouter r = node.router(inst);
            if (node.holdsVip[inst]) {
                vipHolders++;
            }
            if (r.state() != VrrpState.MASTER && r.state() != VrrpState.BACKUP) {
                continue;
            }
            anyCandidate = true;
            nopreempt |= believesNopreempt(node, inst);
            best = Math.max(best, r.effectivePriority());
            if (r.state() == VrrpState.MASTER) {
                masters++;
                masterPrio = r.effectivePriority();
            }
        }
        if (vipHolders > 1) {
            violation("VIP held by " + vipHolders + " nodes: " + where(inst, key));
        }
        if (anyCandidate && masters != 1) {
            violation(masters + " MASTERs after convergence: " + where(inst, key));
        } else if (anyCandidate && !nopreempt && masterPrio != best) {
            violation("MASTER has priority " + masterPrio + " but " + best + " is available: " + where(inst, key));
        }
    }

    private String where(int inst, int key) {
        List<String> members = new ArrayList<>();
        for (SimNode node : sim.nodes) {
            if (node.alive && componentKey(node, inst) == key) {
                VirtualRouter r = node.router(inst);
                members.add(node.id + ":" + r.state() + "/" + r.effectivePriority());
            }
        }
        return Scenario.instanceName(inst) + " among nodes " + members;
    }
}
