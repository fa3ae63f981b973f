package io.jkeepalived.check.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The pure parts of UDP_CHECK; against a real echo server see {@link UdpProbeSystemTest}. */
class UdpProbeTest {

    @Test
    void hexStringsAreReadTheKeepalivedWay() {
        assertThat(HexPattern.parse("Ab12f 3 456 546443123", false).orElseThrow().value())
                .containsExactly(HexFormat.of().parseHex("ab120f03450654644312" + "03"));
        assertThat(HexPattern.parse("12 zz", false)).isEmpty();
        assertThat(HexPattern.parse("1X", true).orElseThrow().describe()).isEqualTo("1X");
    }

    @Test
    void aPatternMatchesUpToTheShorterLengthWithWildcards() {
        var p = HexPattern.parse("01 X2 03", true).orElseThrow();
        assertThat(p.matches(new byte[] {1, 0x72, 3, 9}, 4)).isTrue();
        assertThat(p.matches(new byte[] {1, 0x72}, 2)).as("a shorter reply is compared on its length").isTrue();
        assertThat(p.matches(new byte[] {1, 0x73, 3}, 3)).isFalse();
    }
}
