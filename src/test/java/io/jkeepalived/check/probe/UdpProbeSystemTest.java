package io.jkeepalived.check.probe;

import static io.jkeepalived.check.probe.HttpTestSupport.reasonOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.check.probe.ProbeLab.Family;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** UDP_CHECK against a UDP echo server in a namespace ({@link ProbeLab}). */
@Tag("system")
class UdpProbeSystemTest {

    private static final Duration T = Duration.ofSeconds(2);
    private static final byte[] PAYLOAD = HexFormat.of().parseHex("0102030405");
    private static ProbeLab lab;

    @BeforeAll
    static void namespaces() {
        lab = ProbeLab.create();
    }

    @AfterAll
    static void cleanUp() {
        lab.close();
    }

    /** {@code pattern} "" is {@code require_reply} without a pattern: any reply of an acceptable length. */
    private static UdpProbe probe(Endpoint e, String pattern, int min, int max) {
        return new UdpProbe(e, Optional.of(PAYLOAD), new UdpProbe.ReplyRule.Required(
                pattern.isEmpty() ? Optional.empty() : HexPattern.parse(pattern, true), min, max));
    }

    private static UdpProbe noReplyRequired(Endpoint e) {
        return new UdpProbe(e, Optional.empty(), new UdpProbe.ReplyRule.NotRequired());
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void anEchoMatchesThePatternWithWildcardsOrAnyReply(Family f) throws Exception {
        try (var echo = lab.udp(f, List::of)) {
            assertThat(lab.run(probe(echo.endpoint(), "0102X3", 0, 255), T)).isInstanceOf(ProbeResult.Up.class);
            assertThat(lab.run(probe(echo.endpoint(), "", 5, 5), T)).isInstanceOf(ProbeResult.Up.class);
        }
    }

    @Test
    void aReplyThatDoesNotMatchFails() throws Exception {
        try (var echo = lab.udp(Family.V4, List::of)) {
            var r = lab.run(probe(echo.endpoint(), "0103", 0, 255), T);
            assertThat(reasonOf(r)).isEqualTo(FailureReason.REPLY_MISMATCH);
            assertThat(((ProbeResult.Down) r).detail()).contains("0102030405").contains("0103");
            assertThat(reasonOf(lab.run(probe(echo.endpoint(), "", 6, 255), T))).isEqualTo(FailureReason.REPLY_MISMATCH);
            assertThat(reasonOf(lab.run(probe(echo.endpoint(), "", 0, 4), T))).isEqualTo(FailureReason.REPLY_MISMATCH);
        }
    }

    @Test
    void garbageRepliesFailTheAnyReplyRuleOnlyByLength() throws Exception {
        try (var garbage = lab.udp(Family.V4, q -> List.of(new byte[300]))) {
            assertThat(reasonOf(lab.run(probe(garbage.endpoint(), "", 0, 255), T))).isEqualTo(FailureReason.REPLY_MISMATCH);
            assertThat(lab.run(probe(garbage.endpoint(), "", 0, 65535), T)).isInstanceOf(ProbeResult.Up.class);
        }
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void aClosedPortIsRefusedWithOrWithoutRequireReply(Family f) throws Exception {
        var e = Endpoint.to(ProbeLab.server(f), lab.closedUdpPort(f));
        assertThat(reasonOf(lab.run(probe(e, "01", 0, 255), T))).isEqualTo(FailureReason.REFUSED);
        assertThat(reasonOf(lab.run(noReplyRequired(e), T))).isEqualTo(FailureReason.REFUSED);
    }

    @Test
    void silenceIsUpWithoutRequireReplyAndATimeoutWithIt() throws Exception {
        try (var silent = lab.udp(Family.V4, q -> List.of())) {
            assertThat(lab.run(noReplyRequired(silent.endpoint()), Duration.ofMillis(300))).isInstanceOf(ProbeResult.Up.class);
            assertThat(reasonOf(lab.run(probe(silent.endpoint(), "", 0, 255), Duration.ofMillis(300)))).isEqualTo(FailureReason.TIMEOUT);
        }
    }
}
