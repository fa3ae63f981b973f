package io.jkeepalived.check.engine;

import static io.jkeepalived.check.engine.Rig.DOWN;
import static io.jkeepalived.check.engine.Rig.S;
import static io.jkeepalived.check.engine.Rig.UP;
import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.lvs.LbOp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * 100 virtual servers x 100 real servers = 10,000 checkers driven through random failures and
 * whole-pool outages on a virtual clock, with the invariants of {@link SimInvariants} checked every
 * simulated second; a mutant backend shows the invariants catch a lost table operation.
 */
@Tag("simulation")
class CheckSimulationTest {

    static final int VS = 100;
    static final int RS = 100;

    /** The world: per real server (by address) the times its service flips; even count = up. */
    static final class World {
        final Map<String, List<Long>> flips = new HashMap<>();

        World(long seed, long horizon) {
            SplittableRandom rnd = new SplittableRandom(seed);
            for (int v = 1; v <= VS; v++) {
                boolean outage = v % 10 == 0; // every tenth pool goes fully dark for a while
                long outFrom = (60 + rnd.nextLong(60)) * S;
                long outTo = outFrom + (20 + rnd.nextLong(40)) * S;
                for (int r = 1; r <= RS; r++) {
                    List<Long> f = new ArrayList<>();
                    for (long t = rnd.nextLong(5, 120) * S; t < horizon; t += rnd.nextLong(5, 120) * S) f.add(t);
                    if (outage) {
                        f.removeIf(t -> t >= outFrom && t < outTo);
                        boolean upAtFrom = f.stream().filter(t -> t < outFrom).count() % 2 == 0;
                        if (upAtFrom) f.add(outFrom);
                        boolean upAtTo = f.stream().filter(t -> t < outTo).count() % 2 == 0;
                        if (!upAtTo) f.add(outTo);
                        f.sort(null);
                    }
                    flips.put("198.18." + v + "." + r, f);
                }
            }
        }

        boolean up(String ip, long at) {
            return flips.get(ip).stream().filter(t -> t <= at).count() % 2 == 0;
        }

        /** The last flip at or before {@code at}, or 0. */
        long since(String ip, long at) {
            return flips.get(ip).stream().filter(t -> t <= at).reduce((a, b) -> b).orElse(0L);
        }
    }

    static String config(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder();
        for (int v = 1; v <= VS; v++) {
            int quorum = 1 + rnd.nextInt(60);
            sb.append("virtual_server 198.19.0.").append(v).append(" 80 {\n lb_algo wrr\n lb_kind DR\n protocol TCP\n")
                    .append(" delay_loop ").append(1 + rnd.nextInt(3)).append("\n quorum ").append(quorum)
                    .append("\n hysteresis ").append(rnd.nextInt(Math.min(quorum, 6))).append('\n');
            if (v % 2 == 0) sb.append(" sorry_server 198.19.1.").append(v).append(" 80\n");
            if (v % 4 == 0) sb.append(" sorry_server_inhibit\n");
            if (v % 3 == 0) sb.append(" inhibit_on_failure\n");
            for (int r = 1; r <= RS; r++) {
                sb.append(" real_server 198.18.").append(v).append('.').append(r).append(" 80 {\n  weight ")
                        .append(1 + rnd.nextInt(3)).append("\n  TCP_CHECK {\n   retry ").append(rnd.nextInt(3))
                        .append("\n   delay_before_retry 1\n  }\n }\n");
            }
            sb.append("}\n");
        }
        return sb.toString();
    }

    static Rig rig(long seed, World world) {
        Rig rig = new Rig(new SplittableRandom(seed));
        rig.keepHistory = false;
        rig.responder = (spec, url, at) -> Optional.of(world.up(spec.ip().getHostAddress(), at) ? UP : DOWN);
        rig.plan = Rig.plan(config(seed));
        rig.engine.apply(rig.plan, 0, rig::act);
        return rig;
    }

    /** Runs to {@code horizon}, checking every second; returns the first violations found. */
    static List<String> run(Rig rig, World world, long horizon) {
        for (long t = S; t <= horizon; t += S) {
            rig.runTo(t);
            List<String> v = SimInvariants.violations(rig, world::up, world::since, t);
            if (!v.isEmpty()) return v;
        }
        return List.of();
    }

    @Test
    void tenThousandRealServersKeepTheInvariants() {
        long horizon = 240 * S;
        World world = new World(7, horizon);
        Rig rig = rig(7, world);
        assertThat(rig.engine.counters().checkers()).isEqualTo(VS * RS);
        assertThat(run(rig, world, horizon)).isEmpty();
        var c = rig.engine.counters();
        assertThat(c.realServerTransitions()).as("the world really flapped").isGreaterThan(10_000);
        assertThat(c.quorumTransitions()).as("outages cost quorum").isGreaterThanOrEqualTo(10);
        assertThat(rig.lb.failures()).isZero();
    }

    @Test
    void mutantBackendLosingRemovalsIsCaught() {
        long horizon = 240 * S;
        World world = new World(7, horizon);
        Rig rig = rig(7, world);
        rig.strict = false;
        int[] n = {0};
        rig.lose = op -> op instanceof LbOp.RemoveDestination && ++n[0] % 50 == 0;
        assertThat(run(rig, world, horizon)).isNotEmpty()
                .anyMatch(v -> v.contains("in the table but should not be"));
    }
}
