package io.jkeepalived.check.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.config.model.Checker;
import io.jkeepalived.config.model.CheckerCommon;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Dedup keys are looked up 10,000 times a second: equal by value, hashed so lookups stay short. */
class DedupKeyTest {

    private static final Timing TIMING = new Timing(1_000_000_000L, 1_000_000_000L, 1, 1_000_000_000L, 0,
            1_000_000_000L, false, false);

    private static DedupKey tcp(String ip, int port) {
        CheckerCommon none = new CheckerCommon(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), false, false);
        return DedupKey.of(new Checker.TcpCheck(none), InetAddress.ofLiteral(ip), port, Optional.empty(), TIMING);
    }

    /** The farm of the checker benchmark: 100 neighbouring addresses × 100 neighbouring ports. */
    private static List<DedupKey> farm() {
        List<DedupKey> keys = new ArrayList<>();
        for (int a = 1; a <= 100; a++) {
            for (int p = 10001; p <= 10100; p++) keys.add(tcp("198.18.1." + a, p));
        }
        return keys;
    }

    @Test
    void equalTargetsAndParametersAreOneKey() {
        assertThat(tcp("198.18.1.1", 80)).isEqualTo(tcp("198.18.1.1", 80)).hasSameHashCodeAs(tcp("198.18.1.1", 80));
        assertThat(tcp("198.18.1.1", 80)).isNotEqualTo(tcp("198.18.1.1", 81)).isNotEqualTo(tcp("198.18.1.2", 80));
    }

    @Test
    void neighbouringTargetsDoNotMakeLongProbeChainsInAnOpenAddressedTable() {
        List<DedupKey> keys = farm();
        // linear probing in a table twice the size, as the JDK's immutable maps do
        int size = 2 * keys.size();
        boolean[] used = new boolean[size];
        int longest = 0;
        for (DedupKey k : keys) {
            int i = Math.floorMod(k.hashCode(), size);
            int steps = 0;
            while (used[i]) {
                i = (i + 1) % size;
                steps++;
            }
            used[i] = true;
            longest = Math.max(longest, steps);
        }
        assertThat(longest).as("longest probe chain for 10,000 keys (31 * ip + port made thousands)").isLessThan(100);
        Map<DedupKey, DedupKey> map = Map.copyOf(keys.stream().collect(Collectors.toMap(Function.identity(), k -> k)));
        assertThat(keys).allMatch(k -> map.get(tcp(k.ip().getHostAddress(), k.port())) == k);
    }
}
