package io.jkeepalived.check.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.config.model.Checker;
import io.jkeepalived.config.model.CheckerCommon;
import io.jkeepalived.config.model.Script;
import io.jkeepalived.config.model.TrackFile;
import io.jkeepalived.config.model.Url;
import io.jkeepalived.script.ScriptLauncher;
import io.jkeepalived.script.ScriptPolicy;
import io.jkeepalived.script.ScriptSecurity;
import io.jkeepalived.script.UserDb;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The factory: config records in, probes that really talk to the server out. */
class ProbesTest {

    @TempDir
    Path dir;

    private static final InetAddress LO = InetAddress.getLoopbackAddress();

    private Probes probes(Map<String, TrackFile> files) {
        var policy = new ScriptPolicy(UserDb.system(), ScriptSecurity.system(), Optional.empty(), false,
                ScriptLauncher.currentUid());
        return new Probes(new Probes.Environment(ScriptLauncher.system(), policy, TlsContexts.defaults(), files,
                PingService.shared()));
    }

    static CheckerCommon common(Optional<Integer> connectPort) {
        return new CheckerCommon(Optional.empty(), connectPort, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(Duration.ofSeconds(5)), Optional.of(1), Optional.of(Duration.ofSeconds(1)),
                Optional.empty(), Optional.empty(), false, false);
    }

    private static Url url(String path, Optional<String> vhost) {
        return new Url(path, Optional.empty(), List.of(new Url.StatusRange(200, 299)), vhost, Optional.empty());
    }

    @Test
    void httpGetGivesOneProbePerUrlWithTheInheritedVirtualhost() throws Exception {
        LocalTcpServer[] self = new LocalTcpServer[1];
        try (var s = new LocalTcpServer(sock -> {
            self[0].seen.add(HttpTestSupport.readHead(sock));
            HttpTestSupport.respond(sock, "HTTP/1.0 200 OK", "ok");
        })) {
            self[0] = s;
            var c = new Checker.HttpGet(common(Optional.empty()), false, List.of(url("/a", Optional.empty()),
                    url("/b", Optional.of("b.test"))), Optional.of("1.1"), Optional.empty(), false, false, Optional.empty(), false);
            var made = probes(Map.of()).create(c, LO, s.port(), new Probes.Inherited(Optional.of("vs.test"), 1));
            List<Probe> list = ((Probes.Made.Ready) made).probes();
            assertThat(list).hasSize(2);
            assertThat(list.get(0).run(Duration.ofSeconds(3))).isInstanceOf(ProbeResult.Up.class);
            assertThat(s.seen.poll(5, TimeUnit.SECONDS)).contains("GET /a HTTP/1.1").contains("Host: vs.test:" + s.port());
            assertThat(list.get(1).run(Duration.ofSeconds(3))).isInstanceOf(ProbeResult.Up.class);
            assertThat(s.seen.poll(5, TimeUnit.SECONDS)).contains("GET /b HTTP/1.1").contains("Host: b.test:" + s.port());
            assertThat(list.get(0).dedupKey()).isNotEqualTo(list.get(1).dedupKey());
        }
    }

    @Test
    void identicalCheckersOnTheSameServerShareTheKey() {
        var c = new Checker.TcpCheck(common(Optional.of(8080)));
        var a = ((Probes.Made.Ready) probes(Map.of()).create(c, LO, 80, Probes.Inherited.none())).probes().getFirst();
        var b = ((Probes.Made.Ready) probes(Map.of()).create(c, LO, 443, Probes.Inherited.none())).probes().getFirst();
        assertThat(a.dedupKey()).isEqualTo(b.dedupKey()).contains("127.0.0.1:8080");
    }

    @Test
    void noPortMeansDisabled() {
        var made = probes(Map.of()).create(new Checker.TcpCheck(common(Optional.empty())), LO, 0, Probes.Inherited.none());
        assertThat(made).isInstanceOfSatisfying(Probes.Made.Disabled.class, d -> assertThat(d.reason()).contains("connect_port"));
    }

    @Test
    void aMiscScriptForAnUnknownUserIsRefused() {
        var c = new Checker.MiscCheck(common(Optional.empty()), new Script("/bin/true", List.of("/bin/true"),
                Optional.of("no-such-user-jk"), Optional.empty()), Optional.empty(), false);
        assertThat(probes(Map.of()).create(c, LO, 0, Probes.Inherited.none())).isInstanceOf(Probes.Made.Disabled.class);
    }

    @Test
    void anAdmittedMiscScriptRuns() {
        var c = new Checker.MiscCheck(common(Optional.empty()), new Script("/bin/false", List.of("/bin/false"),
                Optional.empty(), Optional.empty()), Optional.empty(), false);
        var p = ((Probes.Made.Ready) probes(Map.of()).create(c, LO, 0, Probes.Inherited.none())).probes().getFirst();
        assertThat(HttpTestSupport.reasonOf(p.run(Duration.ofSeconds(10)))).isEqualTo(FailureReason.SCRIPT_FAILED);
    }

    @Test
    void fileCheckUsesTheTrackFileAndItsWeightUnlessItHasItsOwn() throws Exception {
        Path f = Files.writeString(dir.resolve("w"), "3");
        var tf = new TrackFile("tf", f.toString(), 2, false, false, Optional.empty(), false);
        var p = probes(Map.of("tf", tf));
        var inherit = new Probes.Inherited(Optional.empty(), 10);
        var own = ((Probes.Made.Ready) p.create(new Checker.FileCheck(common(Optional.empty()), "tf", Optional.of(-1), false),
                LO, 0, inherit)).probes().getFirst();
        var fromFile = ((Probes.Made.Ready) p.create(new Checker.FileCheck(common(Optional.empty()), "tf", Optional.empty(), false),
                LO, 0, inherit)).probes().getFirst();
        assertThat(((ProbeResult.Up) own.run(Duration.ofSeconds(1))).weight()).hasValue(7);
        assertThat(((ProbeResult.Up) fromFile.run(Duration.ofSeconds(1))).weight()).hasValue(16);
        assertThat(p.create(new Checker.FileCheck(common(Optional.empty()), "nope", Optional.empty(), false), LO, 0, inherit))
                .isInstanceOf(Probes.Made.Disabled.class);
    }

    @Test
    void udpCheckWithBadHexIsDisabled() {
        var c = new Checker.UdpCheck(common(Optional.empty()), Optional.of("zz"), Optional.empty(), 0, 255);
        assertThat(probes(Map.of()).create(c, LO, 53, Probes.Inherited.none())).isInstanceOf(Probes.Made.Disabled.class);
    }

    @Test
    void badRegexIsDisabled() {
        var u = new Url("/", Optional.empty(), List.of(), Optional.empty(), Optional.of(Url.Regex.of("(unclosed")));
        var c = new Checker.HttpGet(common(Optional.empty()), false, List.of(u), Optional.empty(), Optional.empty(), false,
                false, Optional.empty(), false);
        assertThat(probes(Map.of()).create(c, LO, 80, Probes.Inherited.none())).isInstanceOf(Probes.Made.Disabled.class);
    }
}
