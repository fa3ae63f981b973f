package io.jkeepalived.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 item 8: scripts start with every signal at its default action and nothing blocked,
 * whatever the daemon ignores, handles or blocks (glibc's internal 32/33, the control signals that
 * bin/jkeepalived blocks for the signalfd).
 */
class ChildSignalStateTest {

    private static final List<String> PRINT_OWN_STATUS = List.of("/bin/grep", "^Sig", "/proc/self/status");

    @Test
    void aScriptIgnoresAndBlocksNothing() throws Exception {
        try (ScriptLauncher launcher = ScriptLauncher.system()) {
            RunningScript rs = ((ScriptLauncher.Started) launcher.start(PRINT_OWN_STATUS, Optional.empty())).script();
            assertThat(rs.exit().get(10, TimeUnit.SECONDS)).isZero();
            String status = rs.output().tail();
            assertThat(ProcSelf.sigField(status, "SigIgn")).as(status).isZero();
            assertThat(ProcSelf.sigField(status, "SigBlk")).as(status).isZero();
        }
    }

    @Test
    void notEvenWhenTheDaemonBlocksItsControlSignals() throws Exception {
        Path perl = Path.of("/usr/bin/perl");
        assumeTrue(Files.isExecutable(perl), "needs perl to block signals before exec, as bin/jkeepalived does");
        Process jvm = new ProcessBuilder(perl.toString(), "-e",
                "use POSIX qw(sigprocmask SIG_BLOCK); sigprocmask(SIG_BLOCK, POSIX::SigSet->new(1, 2, 3, 10, 12, 15, 36, 63)) or die; exec @ARGV or die",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                LauncherProbe.class.getName(), "signals")
                .redirectErrorStream(true).start();
        jvm.getOutputStream().close();
        String out = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(jvm.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).as(out).contains("exit 0");
        String parent = section(out, "parent ");
        String child = section(out, "child ");
        // the daemon-like parent really does block the control signals and handle glibc's 33 ...
        long control = ProcSelf.bit(1) | ProcSelf.bit(3) | ProcSelf.bit(10) | ProcSelf.bit(12) | ProcSelf.bit(36) | ProcSelf.bit(63);
        assertThat(ProcSelf.sigField(parent, "SigBlk") & control).as(parent).isEqualTo(control);
        assertThat(ProcSelf.sigField(parent, "SigCgt") & ProcSelf.bit(33)).as(parent).isNotZero();
        // ... and its script sees none of it
        assertThat(ProcSelf.sigField(child, "SigIgn")).as(child).isZero();
        assertThat(ProcSelf.sigField(child, "SigBlk")).as(child).isZero();
    }

    private static String section(String out, String prefix) {
        return out.lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()))
                .collect(Collectors.joining("\n"));
    }
}
