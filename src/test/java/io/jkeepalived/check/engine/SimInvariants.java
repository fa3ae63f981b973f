package io.jkeepalived.check.engine;

import io.jkeepalived.check.plan.CheckerSpec;
import io.jkeepalived.check.plan.RealServerSpec;
import io.jkeepalived.check.plan.VirtualServerSpec;
import io.jkeepalived.lvs.Destination;
import io.jkeepalived.lvs.ServiceEntry;
import io.jkeepalived.lvs.ServiceKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What must hold between the world, the engine's state and the table, at any second. */
final class SimInvariants {
    private SimInvariants() {}

    interface Truth {
        boolean up(String ip, long at);
    }

    interface LastFlip {
        long since(String ip, long at);
    }

    static List<String> violations(Rig rig, Truth truth, LastFlip lastFlip, long now) {
        List<String> out = new ArrayList<>();
        Map<ServiceKey, ServiceEntry> table = rig.lb.table();
        List<VirtualServerView> views = rig.engine.view();
        for (int i = 0; i < views.size() && out.size() < 5; i++) {
            VirtualServerSpec spec = rig.plan.virtualServers().get(i);
            VirtualServerView v = views.get(i);
            ServiceKey key = spec.services().getFirst().key();
            int port = key instanceof ServiceKey.Addr a ? a.port() : 0;
            ServiceEntry entry = table.get(key);
            if (entry == null) {
                out.add(v.name() + ": service missing from the table");
                continue;
            }
            long sum = 0;
            for (int j = 0; j < spec.realServers().size(); j++) {
                RealServerSpec rs = spec.realServers().get(j);
                VirtualServerView.RealServer rv = v.realServers().get(j);
                if (rv.alive()) sum += rv.weight();
                boolean serving = rv.alive() && !v.sorryActive();
                Destination d = entry.destinations().get(new Destination.Key(rs.ip(), rs.port().orElse(port)));
                String who = v.name() + " " + rv.address();
                if ((serving || rs.inhibitOnFailure()) != (d != null)) {
                    out.add(who + (d != null ? " is in the table but should not be" : " is missing from the table"));
                } else if (d != null && d.weight() != (serving ? rv.weight() : 0)) {
                    out.add(who + " has weight " + d.weight() + " in the table");
                }
                if (rv.alive() != rv.checkers().stream().allMatch(VirtualServerView.Checker::up)) {
                    out.add(who + " alive disagrees with its checkers");
                }
                String ip = rs.ip().getHostAddress();
                CheckerSpec c = rs.checkers().getFirst();
                long bound = 2 * c.timing().delayLoop() + (c.timing().retry() + 1) * c.timing().delayBeforeRetry();
                if (now - lastFlip.since(ip, now) > bound && rv.alive() != truth.up(ip, now)) {
                    out.add(who + " alive=" + rv.alive() + " but the world has said otherwise since "
                            + Rig.time(lastFlip.since(ip, now)));
                }
            }
            if (sum != v.aliveWeight()) out.add(v.name() + ": alive weight " + v.aliveWeight() + " != " + sum);
            int q = v.quorum(), h = v.hysteresis();
            if (v.quorumUp() && (sum < q - h || sum == 0) || !v.quorumUp() && sum >= q + h && sum > 0) {
                out.add(v.name() + ": quorum " + (v.quorumUp() ? "up" : "down") + " with " + sum + "/" + q + "±" + h);
            }
            if (v.sorryActive() != (!v.quorumUp() && spec.sorry().isPresent())) {
                out.add(v.name() + ": sorry server mode disagrees with quorum");
            }
            spec.sorry().ifPresent(s -> {
                Destination d = entry.destinations().get(new Destination.Key(s.ip(), s.port().orElse(port)));
                long want = v.sorryActive() ? 1 : s.inhibit() ? 0 : -1;
                if (want < 0 ? d != null : d == null || d.weight() != want) {
                    out.add(v.name() + ": sorry server " + (d == null ? "absent" : "at weight " + d.weight())
                            + ", want " + (want < 0 ? "absent" : "weight " + want));
                }
            });
        }
        if (rig.lb.failures() > 0) out.add(rig.lb.failures() + " table operations refused");
        return out;
    }
}
