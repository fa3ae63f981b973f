package io.jkeepalived.vrrp.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrioritiesTest {

    @ParameterizedTest(name = "weight {0} reverse {1} {2} -> {3}")
    @CsvSource({
        "20, false, UP, 20", "20, false, DOWN, 0",
        "-20, false, UP, 0", "-20, false, DOWN, -20",
        "20, true, UP, -20", "20, true, DOWN, 0",
        "-20, true, UP, 0", "-20, true, DOWN, 20",
        "20, false, UNKNOWN, 0", "-20, false, UNKNOWN, 0",
    })
    void behaviour_3_5_weightReverseTable(int weight, boolean reverse, TrackerStatus status, int adjustment) {
        var t = new TrackerSpec("s", TrackerSpec.Kind.SCRIPT, weight, reverse, TrackerStatus.UNKNOWN);
        assertThat(Priorities.adjustment(t, new Priorities.Report(status, 0), false)).isEqualTo(adjustment);
        assertThat(Priorities.faults(t, new Priorities.Report(status, 0))).isFalse();
    }

    @ParameterizedTest(name = "weight 0 reverse {0} {1} -> fault {2}")
    @CsvSource({"false, UP, false", "false, DOWN, true", "false, UNKNOWN, true",
                "true, UP, true", "true, DOWN, false", "true, UNKNOWN, true"})
    void behaviour_3_5_weightZero_faults(boolean reverse, TrackerStatus status, boolean fault) {
        var t = new TrackerSpec("s", TrackerSpec.Kind.SCRIPT, 0, reverse, TrackerStatus.UNKNOWN);
        assertThat(Priorities.faults(t, new Priorities.Report(status, 0))).isEqualTo(fault);
    }

    @ParameterizedTest(name = "base {0} + {1} -> {2}")
    @CsvSource({"100, 50, 150", "100, 200, 254", "100, -150, 1", "255, -100, 255", "254, 10, 254", "1, -1, 1"})
    void behaviour_3_5_clampAndOwnerNeverChanges(int base, int weight, int effective) {
        var t = TrackerSpec.script("s", weight);
        var up = Map.of("s", new Priorities.Report(weight > 0 ? TrackerStatus.UP : TrackerStatus.DOWN, 0));
        assertThat(Priorities.effective(base, List.of(t), up, false)).isEqualTo(effective);
    }

    @ParameterizedTest(name = "track_file value {0} weight {1} reverse {2} -> adj {3} fault {4}")
    @CsvSource({
        "10, 5, false, 50, false", "-10, 5, false, -50, false", "-127, 2, false, -254, true",
        "-100, 3, false, -300, true", "10, 5, true, -50, false", "0, 0, false, 0, false", "3, 0, false, 0, true",
    })
    void behaviour_3_5_trackFile_valueTimesWeight(long value, int weight, boolean reverse, int adj, boolean fault) {
        var t = new TrackerSpec("f", TrackerSpec.Kind.FILE, weight, reverse, TrackerStatus.UP);
        var r = new Priorities.Report(TrackerStatus.UP, value);
        assertThat(Priorities.adjustment(t, r, false)).isEqualTo(adj);
        assertThat(Priorities.faults(t, r)).isEqualTo(fault);
    }

    @Test
    void behaviour_3_5_weightedIgnoredOnSyncMemberWithoutTrackingWeight() {
        var t = TrackerSpec.script("s", 30);
        var up = Map.of("s", new Priorities.Report(TrackerStatus.UP, 0));
        assertThat(Priorities.effective(100, List.of(t), up, true)).isEqualTo(100);
    }
}
