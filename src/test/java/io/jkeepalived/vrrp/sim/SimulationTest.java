package io.jkeepalived.vrrp.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.vrrp.wire.RejectReason;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The randomised VRRP simulation. Every scenario derives from the run seed and its index, so a run
 * replays exactly. CI runs a fixed seed, so it is deterministic; {@code -Dsim.seed=S} runs another
 * run seed and {@code -Dsim.scenario=X} (the scenario seed printed with a violation) replays one
 * scenario. {@code -Dsim.scenarios=N} changes the count; {@code -Dsim.random=N} adds a second run of N
 * scenarios with a random run seed, printed so a failure can be replayed.
 *
 * <pre>mvn -B -o test -Dgroups=simulation -DexcludedGroups=</pre>
 */
@Tag("simulation")
class SimulationTest {
    /** The run seed CI uses. */
    static final long FIXED_SEED = 20_261_203L;

    static long scenarioSeed(long runSeed, int index) {
        long z = runSeed + 0x9E3779B97F4A7C15L * (index + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Test
    void randomisedScenarios() {
        Long single = Long.getLong("sim.scenario");
        long runSeed = Long.getLong("sim.seed", FIXED_SEED);
        int count = single != null ? 1 : Integer.getInteger("sim.scenarios", 10_000);
        long violations = run(runSeed, count, single);
        int extra = single != null ? 0 : Integer.getInteger("sim.random", 0);
        if (extra > 0) {
            violations += run(System.nanoTime() ^ System.currentTimeMillis(), extra, null);
        }
        assertThat(violations).as("invariant violations; replay with the printed seed").isZero();
    }

    /** Runs {@code count} scenarios of one run seed in parallel and prints the summary line. */
    private static long run(long runSeed, int count, Long single) {
        AtomicLong violations = new AtomicLong();
        AtomicLong steps = new AtomicLong();
        AtomicLong reloads = new AtomicLong();
        long[] rejected = new long[RejectReason.values().length];
        long[] effects = new long[4];
        List<String> firstFailures = Collections.synchronizedList(new ArrayList<>());
        long t0 = System.nanoTime();
        IntStream.range(0, count).parallel().forEach(i -> {
            Scenario sc = new Scenario(single != null ? single : scenarioSeed(runSeed, i));
            Simulator sim = new Simulator(sc, Mutant.NONE);
            List<String> v = sim.run();
            steps.addAndGet(sim.steps);
            reloads.addAndGet(sim.reloads);
            synchronized (effects) {
                for (int k = 0; k < effects.length; k++) {
                    effects[k] += sim.reloadEffects[k];
                }
                for (int k = 0; k < rejected.length; k++) {
                    rejected[k] += sim.rejectedAdverts()[k];
                }
            }
            if (!v.isEmpty()) {
                violations.addAndGet(v.size());
                if (firstFailures.size() < 5) {
                    firstFailures.add("scenario " + sc + "\n    " + String.join("\n    ", v)
                            + "\n    replay: -Dsim.scenario=" + sc.seed);
                }
            }
        });
        long ms = (System.nanoTime() - t0) / 1_000_000;
        firstFailures.forEach(System.err::println);
        if (Boolean.getBoolean("sim.verbose")) {
            StringBuilder drops = new StringBuilder();
            for (RejectReason r : RejectReason.values()) {
                if (rejected[r.ordinal()] > 0) {
                    drops.append(drops.isEmpty() ? "" : ", ").append(r).append(' ').append(rejected[r.ordinal()]);
                }
            }
            System.err.println("(" + steps.get() + " steps; adverts dropped by the receive path: " + drops + "; "
                    + "reloads added " + effects[0] + ", removed " + effects[1] + ", restarted " + effects[2]
                    + " routers and reconfigured " + effects[3] + " MASTERs in place; " + ms + " ms)");
        }
        System.out.println("simulation: " + count + " scenarios, " + violations.get() + " violations, "
                + reloads.get() + " reloads, seed " + (single != null ? single : runSeed));
        return violations.get();
    }
}
