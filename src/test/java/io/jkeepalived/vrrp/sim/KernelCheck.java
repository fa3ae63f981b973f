package io.jkeepalived.vrrp.sim;

import io.jkeepalived.vrrp.engine.VirtualRouter;
import io.jkeepalived.vrrp.engine.VrrpState;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Invariant 1, per node and per kernel object: an address, route or rule is present exactly while
 * an instance whose current config lists it is MASTER. "Current config" is the version on the
 * node's disk, as the checker knows it, not what the engine believes; the kernel is what the
 * actions left there. So a reload that forgets to release a removed VIP, or releases one that
 * another id still names, shows up after the very step.
 */
final class KernelCheck {
    private KernelCheck() {
    }

    private enum Kind {
        ADDRESS("address"), ROUTE("route"), RULE("rule");

        final String word;

        Kind(String word) {
            this.word = word;
        }
    }

    static void check(Simulator sim, SimNode node, Invariants inv) {
        ClusterConfig cfg = sim.config(node);
        check(sim, node, inv, cfg, Kind.ADDRESS, node.addresses, cfg::addresses);
        check(sim, node, inv, cfg, Kind.ROUTE, node.routes, s -> cfg.nets.get(s).routes());
        check(sim, node, inv, cfg, Kind.RULE, node.rules, s -> cfg.nets.get(s).rules());
    }

    private static void check(Simulator sim, SimNode node, Invariants inv, ClusterConfig cfg, Kind kind,
                              Set<String> held, IntFunction<List<String>> listed) {
        // Fast path, no allocation: every wanted entry is there and nothing else.
        int wanted = 0;
        boolean allThere = true;
        for (int s = 0; s < sim.sc.slots && node.alive; s++) {
            if (isMaster(node, cfg, s)) {
                for (String x : listed.apply(s)) {
                    wanted++;
                    allThere &= held.contains(x);
                }
            }
        }
        if (allThere && wanted == held.size()) {
            return;
        }
        Set<String> want = new HashSet<>();
        for (int s = 0; s < sim.sc.slots && node.alive; s++) {
            if (isMaster(node, cfg, s)) {
                want.addAll(listed.apply(s));
            }
        }
        for (String x : held) {
            if (!want.contains(x)) {
                inv.violation("node " + node.id + " holds " + kind.word + " " + x + describe(sim, node, cfg, x, listed));
            }
        }
        for (String x : want) {
            if (!held.contains(x)) {
                inv.violation("node " + node.id + " lacks " + kind.word + " " + x + describe(sim, node, cfg, x, listed));
            }
        }
    }

    private static boolean isMaster(SimNode node, ClusterConfig cfg, int slot) {
        return cfg.present(node.id, slot)
                && node.router(slot).map(r -> r.state() == VrrpState.MASTER).orElse(false);
    }

    private static String describe(Simulator sim, SimNode node, ClusterConfig cfg, String x,
                                   IntFunction<List<String>> listed) {
        for (int s = 0; s < sim.sc.slots; s++) {
            if (cfg.present(node.id, s) && listed.apply(s).contains(x)) {
                Optional<VirtualRouter> r = node.router(s);
                return " of " + Scenario.instanceName(s) + ", which is "
                        + r.map(v -> v.state().toString()).orElse("not running");
            }
        }
        return ", which no instance configures (any more)";
    }
}
