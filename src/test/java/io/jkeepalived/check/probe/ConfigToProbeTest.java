package io.jkeepalived.check.probe;

import static io.jkeepalived.check.probe.HttpTestSupport.reasonOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.config.ConfigLoader;
import io.jkeepalived.config.lex.ReaderOptions;
import io.jkeepalived.config.model.Checker;
import io.jkeepalived.script.ScriptLauncher;
import io.jkeepalived.script.ScriptPolicy;
import io.jkeepalived.script.ScriptSecurity;
import io.jkeepalived.script.UserDb;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** From config text through the binder and the factory to what the probe reports against a real server. */
class ConfigToProbeTest {

    private static final Duration T = Duration.ofSeconds(1);
    private static final InetAddress LO = InetAddress.getLoopbackAddress();

    private static Checker checker(String body) {
        String conf = "virtual_server 198.18.0.1 80 {\n lb_algo rr\n lb_kind NAT\n protocol TCP\n"
                + " real_server 198.18.0.2 80 {\n" + body + "\n }\n}\n";
        var r = ConfigLoader.loadString(conf, "t.conf", Path.of("."), new ReaderOptions("host", Map.of(), false));
        assertThat(r.diagnostics()).isEmpty();
        return r.config().orElseThrow().virtualServers().getFirst().realServers().getFirst().checkers().getFirst();
    }

    private static ProbeResult run(Checker c, int port) {
        var policy = new ScriptPolicy(UserDb.system(), ScriptSecurity.system(), Optional.empty(), false, ScriptLauncher.currentUid());
        var probes = new Probes(new Probes.Environment(ScriptLauncher.system(), policy, TlsContexts.defaults(), Map.of(),
                PingService.shared()));
        var made = probes.create(c, LO, port, Probes.Inherited.none());
        return ((Probes.Made.Ready) made).probes().getFirst().run(T);
    }

    private static LocalTcpServer page(String body) throws Exception {
        return new LocalTcpServer(s -> {
            HttpTestSupport.readHead(s);
            HttpTestSupport.respond(s, "HTTP/1.0 200 OK", body);
        });
    }

    private static String http(String urlLines) {
        return "HTTP_GET {\n url {\n path /health\n" + urlLines + "\n }\n }";
    }

    @Test
    void regexFromTheConfigDecidesTheOutcome() throws Exception {
        try (var s = page("<p>Status: GREEN</p>")) {
            assertThat(run(checker(http("regex \"status: (green|yellow)\"\n regex_options caseless")), s.port()))
                    .isInstanceOf(ProbeResult.Up.class);
            var miss = run(checker(http("regex \"status: (green|yellow)\"")), s.port());
            assertThat(reasonOf(miss)).isEqualTo(FailureReason.REGEX_MISMATCH);
            assertThat(((ProbeResult.Down) miss).detail()).startsWith("regex miss");
            assertThat(reasonOf(run(checker(http("regex GREEN\n regex_no_match")), s.port())))
                    .isEqualTo(FailureReason.REGEX_MISMATCH);
        }
    }

    @Test
    void theOffsetWindowBoundsWhereTheMatchStarts() throws Exception {
        try (var s = page("0123456789GREEN")) { // GREEN starts at byte 10
            assertThat(run(checker(http("regex GREEN\n regex_min_offset 10\n regex_max_offset 10")), s.port()))
                    .isInstanceOf(ProbeResult.Up.class);
            assertThat(reasonOf(run(checker(http("regex GREEN\n regex_max_offset 9")), s.port())))
                    .isEqualTo(FailureReason.REGEX_MISMATCH);
            assertThat(reasonOf(run(checker(http("regex GREEN\n regex_min_offset 11")), s.port())))
                    .isEqualTo(FailureReason.REGEX_MISMATCH);
        }
    }

    @Test
    void bareRequireReplyNeedsSomeReplyOfAnyContent() throws Exception {
        String bare = "UDP_CHECK {\n payload 0102\n require_reply\n min_reply_length 2\n }";
        try (var echo = new LocalUdpServer(List::of); var silent = new LocalUdpServer(q -> List.of())) {
            assertThat(run(checker(bare), echo.endpoint().remote().getPort())).isInstanceOf(ProbeResult.Up.class);
            assertThat(reasonOf(run(checker(bare.replace("min_reply_length 2", "min_reply_length 3")),
                    echo.endpoint().remote().getPort()))).isEqualTo(FailureReason.REPLY_MISMATCH);
            // without require_reply silence passes; with it, silence is a timeout
            var noReply = run(checker("UDP_CHECK {\n }"), silent.endpoint().remote().getPort());
            assertThat(noReply).isInstanceOf(ProbeResult.Up.class);
            assertThat(reasonOf(run(checker(bare), silent.endpoint().remote().getPort()))).isEqualTo(FailureReason.TIMEOUT);
        }
    }

    @Test
    void aMultiGroupPatternWithWildcardsMatchesAnEcho() throws Exception {
        try (var echo = new LocalUdpServer(List::of)) {
            int port = echo.endpoint().remote().getPort();
            assertThat(run(checker("UDP_CHECK {\n payload 01 02 0304\n require_reply 01 X2 03\n }"), port))
                    .isInstanceOf(ProbeResult.Up.class);
            assertThat(reasonOf(run(checker("UDP_CHECK {\n payload 01 02 0304\n require_reply 01 X3\n }"), port)))
                    .isEqualTo(FailureReason.REPLY_MISMATCH);
        }
    }
}
