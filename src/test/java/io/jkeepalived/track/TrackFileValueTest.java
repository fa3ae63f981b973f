package io.jkeepalived.track;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrackFileValueTest {

    @Test
    void readsLikeStrtolWithBaseZero() {
        assertThat(TrackFileValue.parse("42\n")).isEqualTo(new TrackFileValue(42, true));
        assertThat(TrackFileValue.parse("  -7 ")).isEqualTo(new TrackFileValue(-7, true));
        assertThat(TrackFileValue.parse("0x10")).isEqualTo(new TrackFileValue(16, true));
        assertThat(TrackFileValue.parse("010")).isEqualTo(new TrackFileValue(8, true));
        assertThat(TrackFileValue.parse("0")).isEqualTo(new TrackFileValue(0, true));
    }

    @Test
    void garbageReadsAsANumberPrefixOrZeroAndIsFlagged() {
        assertThat(TrackFileValue.parse("12abc")).isEqualTo(new TrackFileValue(12, false));
        assertThat(TrackFileValue.parse("up")).isEqualTo(new TrackFileValue(0, false));
        assertThat(TrackFileValue.parse("")).isEqualTo(new TrackFileValue(0, false));
    }

    @Test
    void clampsToPlusMinus254() {
        assertThat(TrackFileValue.parse("100000").value()).isEqualTo(254);
        assertThat(TrackFileValue.parse("-99999999999999").value()).isEqualTo(-254);
    }
}
