package io.jkeepalived.check.probe;

import static io.jkeepalived.check.probe.HttpTestSupport.reasonOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.script.ScriptLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MiscProbeTest {

    private static final ScriptLauncher LAUNCHER = ScriptLauncher.system();
    private static final Duration T = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @AfterAll
    static void stopScripts() {
        LAUNCHER.close();
    }

    private Path script(String body) throws Exception {
        Path p = Files.createTempFile(dir, "misc", ".sh");
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        return p;
    }

    private MiscProbe probe(Path script, boolean dynamic, Optional<Duration> timeout, String... args) {
        List<String> argv = new java.util.ArrayList<>(List.of(script.toString()));
        argv.addAll(List.of(args));
        return new MiscProbe(LAUNCHER, argv, Optional.empty(), timeout, dynamic);
    }

    @Test
    void exitZeroPassesAndAnyOtherStatusFails() throws Exception {
        Path s = script("exit \"$1\"");
        assertThat(probe(s, false, Optional.empty(), "0").run(T)).isInstanceOfSatisfying(ProbeResult.Up.class, u -> {
            assertThat(u.weight()).isEmpty();
            assertThat(u.latency()).isPositive();
        });
        assertThat(reasonOf(probe(s, false, Optional.empty(), "1").run(T))).isEqualTo(FailureReason.SCRIPT_FAILED);
        assertThat(reasonOf(probe(s, false, Optional.empty(), "7").run(T))).isEqualTo(FailureReason.SCRIPT_FAILED);
    }

    @Test
    void miscDynamicTurnsTheStatusIntoAWeight() throws Exception {
        Path s = script("exit \"$1\"");
        assertThat(((ProbeResult.Up) probe(s, true, Optional.empty(), "0").run(T)).weight()).isEmpty();
        assertThat(reasonOf(probe(s, true, Optional.empty(), "1").run(T))).isEqualTo(FailureReason.SCRIPT_FAILED);
        assertThat(((ProbeResult.Up) probe(s, true, Optional.empty(), "2").run(T)).weight()).hasValue(0);
        assertThat(((ProbeResult.Up) probe(s, true, Optional.empty(), "12").run(T)).weight()).hasValue(10);
        assertThat(((ProbeResult.Up) probe(s, true, Optional.empty(), "255").run(T)).weight()).hasValue(253);
    }

    @Test
    void aMissingProgramFails() {
        var p = new MiscProbe(LAUNCHER, List.of(dir.resolve("nope").toString()), Optional.empty(), Optional.empty(), false);
        assertThat(reasonOf(p.run(T))).isEqualTo(FailureReason.SCRIPT_FAILED);
    }

    @Test
    void aHungScriptGetsSigtermThenSigkillTwoSecondsLater() throws Exception {
        Path pidFile = dir.resolve("pid");
        // ignores SIGTERM, so only the SIGKILL 2 s later ends it
        Path s = script("trap '' TERM\necho $$ > " + pidFile + "\nwhile :; do sleep 1; done");
        var r = probe(s, false, Optional.of(Duration.ofMillis(500))).run(Duration.ofSeconds(60));
        assertThat(r).isInstanceOfSatisfying(ProbeResult.Down.class, d -> {
            assertThat(d.reason()).isEqualTo(FailureReason.SCRIPT_TIMEOUT);
            assertThat(d.latency()).isLessThan(Duration.ofSeconds(2)); // misc_timeout wins over the run timeout
        });
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        var handle = ProcessHandle.of(pid);
        if (handle.isPresent()) {
            assertThat(handle.get().isAlive()).as("SIGTERM is ignored: alive until the SIGKILL").isTrue();
            handle.get().onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
    }

    @Test
    void aScriptThatStopsOnSigtermEndsAtTheTimeout() throws Exception {
        Path pidFile = dir.resolve("pid2");
        Path s = script("echo $$ > " + pidFile + "\nexec sleep 30");
        var r = probe(s, false, Optional.empty()).run(Duration.ofMillis(500));
        assertThat(reasonOf(r)).isEqualTo(FailureReason.SCRIPT_TIMEOUT);
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        ProcessHandle.of(pid).ifPresent(h -> h.onExit().join());
    }
}
