package io.jkeepalived.track;

import static io.jkeepalived.track.TrackState.DOWN;
import static io.jkeepalived.track.TrackState.UP;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RiseFallTest {

    /** Feeds results ('+' success, '-' failure) and returns the state after each. */
    private static String run(RiseFall rf, String results) {
        List<String> out = new ArrayList<>();
        for (char c : results.toCharArray()) {
            rf.record(c == '+');
            out.add(rf.state().map(s -> s == UP ? "U" : "D").orElse("?"));
        }
        return String.join("", out);
    }

    @Test
    void firstResultDecidesAloneFromUnknown() {
        assertThat(new RiseFall(3, 3, false).state()).isEmpty();
        assertThat(run(new RiseFall(3, 3, false), "+")).isEqualTo("U");
        assertThat(run(new RiseFall(3, 3, false), "-")).isEqualTo("D");
    }

    @Test
    void fallConsecutiveFailuresBringItDown() {
        assertThat(run(new RiseFall(2, 3, false), "+--+---")).isEqualTo("UUUUUUD");
    }

    @Test
    void riseConsecutiveSuccessesBringItUp() {
        assertThat(run(new RiseFall(3, 1, false), "-++-+++")).isEqualTo("DDDDDDU");
    }

    @Test
    void initFailStartsDownAndNeedsRise() {
        RiseFall rf = new RiseFall(2, 2, true);
        assertThat(rf.state()).contains(DOWN);
        assertThat(run(rf, "+-++")).isEqualTo("DDDU");
    }

    @Test
    void reportsOnlyChanges() {
        RiseFall rf = new RiseFall(1, 1, false);
        assertThat(rf.record(true)).contains(UP);
        assertThat(rf.record(true)).isEmpty();
        assertThat(rf.record(false)).contains(DOWN);
        assertThat(rf.record(false)).isEqualTo(Optional.empty());
    }
}
