package io.jkeepalived.vrrp.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimersTest {

    @ParameterizedTest(name = "v{0} prio {1} interval {2}cs adverts {3}: skew {4} us, down {5} us")
    @CsvSource({
        // version, priority, master adver int (cs), down_timer_adverts, skew us, master down us
        "2, 100, 100, 3, 609375, 3609375",   // behaviour §3.3 worked example ≈ 3.61 s
        "2, 200, 100, 3, 218750, 3218750",   // ≈ 3.22 s
        "2, 254, 100, 3, 7812, 3007812",     // ≈ 3.008 s (7812.5 truncated as keepalived does)
        "2, 255, 100, 3, 3906, 3003906",
        "2, 100, 300, 3, 609375, 9609375",   // v2 skew ignores the interval
        "3, 100, 10, 3, 60937, 360937",      // v3 0.1 s: 0.3 + 0.061 s
        "3, 100, 100, 3, 609375, 3609375",
        "3, 1, 4095, 3, 40790039, 163640039",
        "2, 100, 100, 5, 609375, 5609375",   // down_timer_adverts 5
        "3, 150, 50, 1, 207031, 707031",
    })
    void behaviour_3_3_skewAndMasterDownInterval(int version, int prio, int centis, int adverts, long skew, long down) {
        assertThat(Timers.skewMicros(version, prio, centis)).isEqualTo(skew);
        assertThat(Timers.masterDownMicros(version, prio, centis, adverts)).isEqualTo(down);
    }

    @ParameterizedTest(name = "v{0} interval {1}cs: minimal skew {2} us")
    @CsvSource({"2, 100, 3906", "3, 100, 3906", "3, 10, 390", "3, 4095, 159960"})
    void behaviour_3_3_minimalSkew(int version, int centis, long skew) {
        assertThat(Timers.skewMinMicros(version, centis)).isEqualTo(skew);
    }
}
