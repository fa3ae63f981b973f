package io.jkeepalived.check.probe;

import static io.jkeepalived.check.probe.HttpTestSupport.reasonOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UdpProbeTest {

    private static final Duration T = Duration.ofSeconds(2);
    private static final byte[] PAYLOAD = HexFormat.of().parseHex("0102030405");

    private static UdpProbe probe(Endpoint e, String pattern, int min, int max) {
        return new UdpProbe(e, Optional.of(PAYLOAD), new UdpProbe.ReplyRule.Required(
                pattern.isEmpty() ? Optional.empty() : HexPattern.parse(pattern, true), min, max));
    }

    @Test
    void hexStringsAreReadTheKeepalivedWay() {
        assertThat(HexPattern.parse("Ab12f 3 456 546443123", false).orElseThrow().value())
                .containsExactly(HexFormat.of().parseHex("ab120f03450654644312" + "03"));
        assertThat(HexPattern.parse("12 zz", false)).isEmpty();
        assertThat(HexPattern.parse("1X", true).orElseThrow().describe()).isEqualTo("1X");
    }

    @Test
    void anEchoMatchesThePatternWithWildcards() throws Exception {
        try (var echo = new LocalUdpServer(List::of)) {
            assertThat(probe(echo.endpoint(), "0102X3", 0, 255).run(T)).isInstanceOf(ProbeResult.Up.class);
            assertThat(probe(echo.endpoint(), "", 5, 5).run(T)).isInstanceOf(ProbeResult.Up.class);
        }
    }

    @Test
    void aReplyThatDoesNotMatchFails() throws Exception {
        try (var echo = new LocalUdpServer(List::of)) {
            assertThat(reasonOf(probe(echo.endpoint(), "0103", 0, 255).run(T))).isEqualTo(FailureReason.REPLY_MISMATCH);
            assertThat(reasonOf(probe(echo.endpoint(), "", 6, 255).run(T))).isEqualTo(FailureReason.REPLY_MISMATCH);
            assertThat(reasonOf(probe(echo.endpoint(), "", 0, 4).run(T))).isEqualTo(FailureReason.REPLY_MISMATCH);
        }
    }

    @Test
    void aClosedPortIsRefusedWithOrWithoutRequireReply() throws Exception {
        var e = Endpoint.to(InetAddress.getLoopbackAddress(), LocalUdpServer.closedPort());
        assertThat(reasonOf(probe(e, "01", 0, 255).run(T))).isEqualTo(FailureReason.REFUSED);
        var noReply = new UdpProbe(e, Optional.empty(), new UdpProbe.ReplyRule.NotRequired());
        assertThat(reasonOf(noReply.run(T))).isEqualTo(FailureReason.REFUSED);
    }

    @Test
    void silenceIsUpWithoutRequireReplyAndATimeoutWithIt() throws Exception {
        try (var silent = new LocalUdpServer(q -> List.of())) {
            var noReply = new UdpProbe(silent.endpoint(), Optional.empty(), new UdpProbe.ReplyRule.NotRequired());
            assertThat(noReply.run(Duration.ofMillis(300))).isInstanceOf(ProbeResult.Up.class);
            assertThat(reasonOf(probe(silent.endpoint(), "01", 0, 255).run(Duration.ofMillis(300)))).isEqualTo(FailureReason.TIMEOUT);
        }
    }
}
