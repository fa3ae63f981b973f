package io.jkeepalived.vrrp.sim;

import io.jkeepalived.vrrp.engine.VirtualRouter;
import io.jkeepalived.vrrp.engine.VrrpState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Invariant 4, judged once the network has been quiet long enough: per LAN, the nodes split into
 * connected partitions, and each must have settled. Two nodes are in one partition when they are
 * up, on the same side of the LAN's partition and configure the same router on the wire (VRID,
 * v2 password and interval, VIP set) — the checker's own model of what the receive path accepts,
 * so a codec that dropped good adverts would show up here as two MASTERs.
 */
final class Convergence {
    private final Simulator sim;
    private final Invariants inv;
    private final Scenario sc;

    Convergence(Simulator sim, Invariants inv) {
        this.sim = sim;
        this.inv = inv;
        this.sc = sim.sc;
    }

    void check() {
        int[] component = new int[sim.nodes.length];
        for (int s = 0; s < sc.slots; s++) {
            // component[n]: the lowest node id in n's partition, or -1 when n runs no instance here
            for (SimNode node : sim.nodes) {
                int n = node.id;
                component[n] = -1;
                if (!node.alive || !sim.config(node).present(n, s) || node.router(s).isEmpty()) {
                    continue;
                }
                component[n] = n;
                for (int m = 0; m < n; m++) {
                    if (component[m] == m && connected(sim.nodes[m], node, s)) {
                        component[n] = m;
                        break;
                    }
                }
            }
            for (int n = 0; n < component.length; n++) {
                if (component[n] == n) {
                    checkComponent(s, members(component, n));
                }
            }
        }
        for (SimNode node : sim.nodes) {
            if (!node.alive) {
                continue;
            }
            for (List<Integer> group : sim.config(node).groupsOf(node.id)) {
                VrrpState first = state(node, group.getFirst());
                for (int s : group) {
                    if (state(node, s) != first) {
                        inv.violation("sync group split on node " + node.id + ": " + group + " "
                                + group.stream().map(x -> state(node, x)).toList());
                        break;
                    }
                }
            }
        }
    }

    private static VrrpState state(SimNode node, int slot) {
        return node.router(slot).map(VirtualRouter::state).orElse(VrrpState.DELETED);
    }

    private List<SimNode> members(int[] component, int root) {
        List<SimNode> out = new ArrayList<>();
        for (int n = 0; n < component.length; n++) {
            if (component[n] == root) {
                out.add(sim.nodes[n]);
            }
        }
        return out;
    }

    /**
     * Same side of the LAN's partition and the same router on the wire: VRID, v2 password and
     * interval, and the VIP set the advert carries and the receiver compares.
     */
    private boolean connected(SimNode a, SimNode b, int slot) {
        return sim.partition[slot][a.id] == sim.partition[slot][b.id]
                && sc.vrid(a.id, slot, sim.config(a)) == sc.vrid(b.id, slot, sim.config(b))
                && (!sc.authPass || sc.password(a.id, slot).equals(sc.password(b.id, slot)))
                && (sc.version == 3 || sc.conf.get(a.id).get(slot).intervalCentis()
                        == sc.conf.get(b.id).get(slot).intervalCentis())
                && sim.config(a).advertised(slot).equals(sim.config(b).advertised(slot));
    }

    private void checkComponent(int slot, List<SimNode> members) {
        int masters = 0;
        int best = 0;
        int masterPrio = -1;
        boolean anyCandidate = false;
        boolean nopreempt = false;
        for (int i = 0; i < members.size(); i++) {
            SimNode node = members.get(i);
            for (String address : sim.config(node).addresses(slot)) {
                if (node.addresses.contains(address)) {
                    for (int j = i + 1; j < members.size(); j++) {
                        if (members.get(j).addresses.contains(address)) {
                            inv.violation("address " + address + " held by nodes " + node.id + " and "
                                    + members.get(j).id + " of one connected partition: " + where(slot, members));
                        }
                    }
                }
            }
            VirtualRouter r = node.router(slot).orElseThrow();
            if (r.state() != VrrpState.MASTER && r.state() != VrrpState.BACKUP) {
                continue;
            }
            anyCandidate = true;
            nopreempt |= inv.believesNopreempt(node, slot, r);
            best = Math.max(best, r.effectivePriority());
            if (r.state() == VrrpState.MASTER) {
                masters++;
                masterPrio = r.effectivePriority();
            }
        }
        if (anyCandidate && masters != 1) {
            inv.violation(masters + " MASTERs after convergence: " + where(slot, members));
        } else if (anyCandidate && !nopreempt && masterPrio != best) {
            inv.violation("MASTER has priority " + masterPrio + " but " + best + " is available: "
                    + where(slot, members));
        }
    }

    private static String where(int slot, List<SimNode> members) {
        List<String> out = new ArrayList<>();
        for (SimNode node : members) {
            Optional<VirtualRouter> r = node.router(slot);
            out.add(node.id + ":" + r.map(v -> v.state() + "/" + v.effectivePriority()).orElse("-"));
        }
        return Scenario.instanceName(slot) + " among nodes " + out;
    }
}
