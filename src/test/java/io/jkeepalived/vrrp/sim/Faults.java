package io.jkeepalived.vrrp.sim;

import static io.jkeepalived.vrrp.engine.TrackerStatus.DOWN;
import static io.jkeepalived.vrrp.engine.TrackerStatus.UP;

import io.jkeepalived.vrrp.engine.Event;
import io.jkeepalived.vrrp.engine.FaultCause;
import io.jkeepalived.vrrp.engine.TrackerStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Carries out the scenario's fault plan on a {@link Simulator}: crashes, stops and restarts,
 * partitions of two to four sides and heals, tracker and interface changes, priority changes from
 * outside reload, loss changes, resources deleted behind a MASTER's back, and config rollouts.
 */
final class Faults {
    private final Simulator sim;
    private final Scenario sc;

    Faults(Simulator sim) {
        this.sim = sim;
        this.sc = sim.sc;
    }

    void apply(int index) {
        if (index < 0) {
            sim.loss = 0;   // the quiet phase: a perfect network from here on
            return;
        }
        Scenario.Fault f = sc.faults.get(index);
        int n = f.node();
        SimNode node = sim.nodes[n];
        switch (f.kind()) {
            case CRASH -> sim.crash(n);
            case STOP -> sim.stop(n);
            case RESTART -> {
                if (node.alive) {
                    sim.crash(n);
                }
                sim.start(n);
            }
            case PARTITION -> forSlots(f, lan -> {
                for (int m = 0; m < sc.nodes; m++) {
                    sim.partition[lan][m] = Scenario.side(f.arg(), m);
                }
            });
            case HEAL -> forSlots(f, lan -> java.util.Arrays.fill(sim.partition[lan], 0));
            case TRACKER_DOWN -> forSlots(f, i -> {
                node.chkDown[i] = node.alive;
                sim.toEngine(n, i, new Event.TrackerChanged("chk", DOWN));
            });
            case TRACKER_UP -> forSlots(f, i -> {
                node.chkDown[i] = false;
                sim.toEngine(n, i, new Event.TrackerChanged("chk", UP));
            });
            case IFACE_DOWN -> {
                node.linkDown[f.instance()] = node.alive;
                sim.toEngine(n, f.instance(), linkDown(n));
            }
            case IFACE_UP -> {
                node.linkDown[f.instance()] = false;
                sim.toEngine(n, f.instance(), new Event.FaultChanged(FaultCause.INTERFACE_DOWN, false));
                sim.toEngine(n, f.instance(), new Event.TrackerChanged("link", TrackerStatus.UP));
            }
            case PRIORITY -> forSlots(f, i -> sim.toEngine(n, i, new Event.PriorityChanged(f.arg())));
            case LOSS -> sim.loss = f.arg() / 100.0;
            case RESOURCE_REMOVED -> resourceRemoved(n, f.arg());
            case RELOAD -> sim.reload(n, f.arg());
        }
    }

    /** Half the nodes lose the interface, the other half see their link tracker go down. */
    static Event linkDown(int n) {
        return n % 2 == 0 ? new Event.FaultChanged(FaultCause.INTERFACE_DOWN, true)
                : new Event.TrackerChanged("link", TrackerStatus.DOWN);
    }

    /** A kernel object some instance's config names. */
    private record Held(int slot, Event.Resource kind, String id) {
    }

    /**
     * Someone else deletes one address, route or rule from node n's kernel, and the daemon reports
     * it to the instance whose config names it; a MASTER must put it back within the same step.
     */
    private void resourceRemoved(int n, int pick) {
        SimNode node = sim.nodes[n];
        if (!node.alive) {
            return;
        }
        ClusterConfig cfg = sim.config(node);
        List<Held> held = new ArrayList<>();
        for (int s = 0; s < sc.slots; s++) {
            if (!cfg.present(n, s)) {
                continue;
            }
            ClusterConfig.SlotNet net = cfg.nets.get(s);
            for (List<String> ids : List.of(net.vips(), net.evips())) {
                for (String id : ids) {
                    if (node.addresses.contains(Scenario.address(id))) {
                        held.add(new Held(s, Event.Resource.ADDRESS, id));
                    }
                }
            }
            for (String id : net.routes()) {
                if (node.routes.contains(id)) {
                    held.add(new Held(s, Event.Resource.ROUTE, id));
                }
            }
            for (String id : net.rules()) {
                if (node.rules.contains(id)) {
                    held.add(new Held(s, Event.Resource.RULE, id));
                }
            }
        }
        if (held.isEmpty()) {
            return;
        }
        Held victim = held.get(pick % held.size());
        int slot = victim.slot();
        Event.Resource kind = victim.kind();
        String id = victim.id();
        switch (kind) {
            case ADDRESS -> node.addresses.remove(Scenario.address(id));
            case ROUTE -> node.routes.remove(id);
            case RULE -> node.rules.remove(id);
        }
        node.dirty = true;
        sim.toEngine(n, slot, new Event.ResourceRemoved(kind, id));
    }

    /**
     * Faults that shape priorities or the network hit every slot of an aligned node alike (its sync
     * groups' preference orders stay aligned); otherwise only the fault's own slot.
     */
    private void forSlots(Scenario.Fault f, IntConsumer action) {
        if (sc.aligned) {
            for (int i = 0; i < sc.slots; i++) {
                action.accept(i);
            }
        } else {
            action.accept(f.instance());
        }
    }
}
