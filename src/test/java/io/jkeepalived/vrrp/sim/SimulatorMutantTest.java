package io.jkeepalived.vrrp.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The checker must be able to fail: in a world with one deliberately broken node it has to report
 * violations, and the kind we expect. Untagged and quick, so the default suite proves it.
 */
class SimulatorMutantTest {

    @ParameterizedTest
    @EnumSource(value = Mutant.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void checkerCatchesBrokenNode(Mutant mutant) {
        String expected = switch (mutant) {
            case VIP_LEAK -> "node 0 holds address";
            case FAST_CLOCK -> "before master-down expired";
            case NOPREEMPT_IGNORED -> "nopreempt violated";
            case PRIORITY_LIE -> "MASTER has priority";
            case RELOAD_VIP_LEAK -> "which no instance configures";
            case NONE -> throw new AssertionError();
        };
        List<String> caught = new ArrayList<>();
        int tried = 0;
        for (long seed = 1; seed <= 3000 && caught.stream().noneMatch(v -> v.contains(expected)); seed++) {
            Scenario sc = new Scenario(seed);
            if (!relevant(mutant, sc)) {
                continue;
            }
            tried++;
            caught.addAll(new Simulator(sc, mutant).run());
        }
        assertThat(caught).as("%s over %d scenarios", mutant, tried).isNotEmpty();
        assertThat(caught).anyMatch(v -> v.contains(expected));
    }

    @ParameterizedTest
    @EnumSource(value = Mutant.class, names = "NONE")
    void correctWorldHasNoViolations(Mutant none) {
        for (long seed = 1; seed <= 300; seed++) {
            Scenario sc = new Scenario(seed);
            assertThat(new Simulator(sc, none).run()).as("%s", sc).isEmpty();
        }
    }

    /** A seed must replay exactly: same steps and reloads, same final states, same kernel contents. */
    @org.junit.jupiter.api.Test
    void sameSeedReplaysExactly() {
        for (long seed = 100; seed < 140; seed++) {
            assertThat(fingerprint(seed)).as("seed %d", seed).isEqualTo(fingerprint(seed));
        }
    }

    private static String fingerprint(long seed) {
        Simulator sim = new Simulator(new Scenario(seed), Mutant.NONE);
        sim.run();
        StringBuilder b = new StringBuilder().append(sim.steps).append('/').append(sim.reloads);
        for (SimNode n : sim.nodes) {
            b.append('|').append(n.alive).append(new java.util.TreeSet<>(n.addresses))
                    .append(new java.util.TreeSet<>(n.routes)).append(new java.util.TreeSet<>(n.rules));
            for (int i = 0; i < sim.sc.slots && n.alive; i++) {
                n.router(i).ifPresent(r -> b.append(',').append(r.state()).append(r.transitionCount())
                        .append(r.lastTransitionNanos()).append(r.effectivePriority()));
            }
        }
        return b.toString();
    }

    /** Picks scenarios where the broken node can show its fault at all. */
    private static boolean relevant(Mutant m, Scenario sc) {
        var c = sc.conf.get(0).get(0);
        return switch (m) {
            case NOPREEMPT_IGNORED -> c.nopreempt() && c.priority() != 255 && !c.mismatch() && !sc.aligned;
            case PRIORITY_LIE -> c.priority() < 200 && !c.mismatch() && sc.nodes > 1;
            case RELOAD_VIP_LEAK -> !c.mismatch() && sc.versions.size() > 1;
            default -> !c.mismatch();
        };
    }
}
