package io.jkeepalived.check.probe;

import static io.jkeepalived.check.probe.HttpTestSupport.readHead;
import static io.jkeepalived.check.probe.HttpTestSupport.reasonOf;
import static io.jkeepalived.check.probe.HttpTestSupport.respond;
import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.check.probe.ProbeLab.Family;
import io.jkeepalived.script.ScriptLauncher;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MISC_CHECK with a script that asks an HTTP server in the server namespace for its status line.
 * Scripts are spawned by the launcher's own thread, whose namespace is not ours to choose, so the
 * script enters the probe side itself ({@code ip netns exec}), as an operator's would on a host
 * with namespaces.
 */
@Tag("system")
class MiscProbeSystemTest {

    private static final ScriptLauncher LAUNCHER = ScriptLauncher.system();
    private static final Duration T = Duration.ofSeconds(10);
    private static ProbeLab lab;
    private static Path script;

    @BeforeAll
    static void setUp(@TempDir Path dir) throws Exception {
        lab = ProbeLab.create();
        // $1 namespace, $2 address, $3 port, $4 exit status when the server says 200 (default 0)
        script = Files.writeString(dir.resolve("http-status.sh"), """
                #!/bin/bash
                exec ip netns exec "$1" bash -c '
                  exec 3<>"/dev/tcp/$0/$1" || exit 1
                  printf "GET / HTTP/1.0\\r\\n\\r\\n" >&3
                  read -r status <&3
                  case "$status" in "HTTP/1."?" 200 "*) exit "${2:-0}" ;; *) exit 1 ;; esac' "$2" "$3" "${4:-0}"
                """, StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    }

    @AfterAll
    static void cleanUp() {
        LAUNCHER.close();
        lab.close();
    }

    private static MiscProbe probe(int port, boolean dynamic, Optional<Duration> timeout, String... extra) {
        var argv = new java.util.ArrayList<>(List.of(script.toString(), lab.probeSide.name(),
                ProbeLab.server(Family.V4).getHostAddress(), Integer.toString(port)));
        argv.addAll(List.of(extra));
        return new MiscProbe(LAUNCHER, argv, Optional.empty(), timeout, dynamic);
    }

    private static LocalTcpServer http(String statusLine) throws Exception {
        return lab.tcp(Family.V4, s -> {
            readHead(s);
            respond(s, statusLine, "body");
        });
    }

    @Test
    void successWrongStatusAndGarbage() throws Exception {
        try (var ok = http("HTTP/1.0 200 OK"); var busy = http("HTTP/1.0 503 Busy");
             var garbage = lab.tcp(Family.V4, s -> s.getOutputStream().write("SSH-2.0-x\r\n".getBytes(StandardCharsets.US_ASCII)))) {
            assertThat(probe(ok.port(), false, Optional.empty()).run(T)).isInstanceOf(ProbeResult.Up.class);
            var r = probe(busy.port(), false, Optional.empty()).run(T);
            assertThat(reasonOf(r)).isEqualTo(FailureReason.SCRIPT_FAILED);
            assertThat(((ProbeResult.Down) r).detail()).endsWith("exited 1");
            assertThat(reasonOf(probe(garbage.port(), false, Optional.empty()).run(T))).isEqualTo(FailureReason.SCRIPT_FAILED);
        }
    }

    @Test
    void miscDynamicTurnsTheExitStatusIntoAWeight() throws Exception {
        try (var ok = http("HTTP/1.0 200 OK")) {
            assertThat(((ProbeResult.Up) probe(ok.port(), true, Optional.empty(), "12").run(T)).weight()).hasValue(10);
        }
    }

    @Test
    void refusedIsAFailedScript() throws Exception {
        var r = probe(lab.closedTcpPort(Family.V4), false, Optional.empty()).run(T);
        assertThat(reasonOf(r)).isEqualTo(FailureReason.SCRIPT_FAILED);
    }

    @Test
    void aServerThatNeverAnswersHitsMiscTimeout() throws Exception {
        try (var silent = lab.tcp(Family.V4, s -> Thread.sleep(10_000))) {
            var r = probe(silent.port(), false, Optional.of(Duration.ofMillis(700))).run(T);
            assertThat(r).isInstanceOfSatisfying(ProbeResult.Down.class, d -> {
                assertThat(d.reason()).isEqualTo(FailureReason.SCRIPT_TIMEOUT);
                assertThat(d.latency()).isLessThan(Duration.ofSeconds(3));
            });
        }
    }
}
