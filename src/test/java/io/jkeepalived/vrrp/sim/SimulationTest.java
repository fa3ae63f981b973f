package io.jkeepalived.vrrp.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The randomised VRRP simulation. Every scenario derives from the run seed and its index, so
 * {@code -Dsim.seed=S} replays a whole run and {@code -Dsim.scenario=X} (the scenario seed printed
 * with a violation) replays one scenario. {@code -Dsim.scenarios=N} changes the count.
 *
 * <pre>mvn -B -q -o test -Dgroups=simulation</pre>
 */
@Tag("simulation")
class SimulationTest {

    static long scenarioSeed(long runSeed, int index) {
        long z = runSeed + 0x9E3779B97F4A7C15L * (index + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Test
    void randomisedScenarios() {
        Long single = Long.getLong("sim.scenario");
        long runSeed = Long.getLong("sim.seed", System.nanoTime() ^ System.currentTimeMillis());
        int count = single != null ? 1 : Integer.getInteger("sim.scenarios", 10_000);
        AtomicLong violations = new AtomicLong();
        AtomicLong steps = new AtomicLong();
        List<String> firstFailures = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        long t0 = System.nanoTime();
        IntStream.range(0, count).parallel().forEach(i -> {
            Scenario sc = new Scenario(single != null ? single : scenarioSeed(runSeed, i));
            Simulator sim = new Simulator(sc, Mutant.NONE);
            List<String> v = sim.run();
            steps.addAndGet(sim.steps);
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
            System.err.println("(" + steps.get() + " steps in " + ms + " ms)");
        }
        System.out.println("simulation: " + count + " scenarios, " + violations.get() + " violations, seed "
                + (single != null ? single : runSeed));
        assertThat(violations.get()).as("invariant violations; replay with the printed seed").isZero();
    }
}
