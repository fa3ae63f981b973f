package io.jkeepalived.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Scripts carry keepalived's parent-death signal (SIGTERM). Linux ties it to the thread that
 * spawned the script, so the launcher spawns on its own long-lived thread: a caller's thread
 * ending does not kill the script, the daemon dying does.
 */
class ParentDeathTest {

    @Test
    void scriptOutlivesTheThreadThatStartedIt() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs setpriv");
        try (ScriptLauncher launcher = ScriptLauncher.system()) {
            AtomicReference<ScriptLauncher.Launch> launch = new AtomicReference<>();
            Thread shortLived = Thread.ofPlatform().start(() -> {
                launch.set(launcher.start(List.of("/bin/sh", "-c", "sleep 1; exit 7"), Optional.empty()));
                // end only once setpriv has set the signal and exec'd the shell, so that had the
                // signal been tied to this thread, it would be delivered
                awaitComm(((ScriptLauncher.Started) launch.get()).script().pid(), "sh");
            });
            shortLived.join();
            RunningScript rs = ((ScriptLauncher.Started) launch.get()).script();
            assertThat(rs.exit().get(10, TimeUnit.SECONDS)).isEqualTo(7);
        }
    }

    @Test
    void scriptGetsSigtermWhenTheDaemonIsKilled() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs setpriv");
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                LauncherProbe.class.getName(), "hold")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long sleepPid = -1;
        try {
            var out = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertThat(line).startsWith("pid ");
            sleepPid = Long.parseLong(line.substring(4));
            awaitComm(sleepPid, "sleep");
            jvm.destroyForcibly(); // SIGKILL: no shutdown hook runs, only the parent-death signal
            assertThat(jvm.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(awaitGone(sleepPid, TimeUnit.SECONDS.toNanos(10))).as("sleep %d ended", sleepPid).isTrue();
        } finally {
            jvm.destroyForcibly();
            if (sleepPid > 0) {
                ProcessHandle.of(sleepPid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    private static void awaitComm(long pid, String comm) {
        Path file = Path.of("/proc/" + pid + "/comm");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        try {
            while (!Files.readString(file).trim().equals(comm) && System.nanoTime() < deadline) {
                Thread.sleep(2); // an exec has no event we can wait on from here
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Gone, or a zombie waiting for whoever adopted it: either way it is no longer running. */
    private static boolean awaitGone(long pid, long timeoutNanos) throws InterruptedException {
        Path stat = Path.of("/proc/" + pid + "/stat");
        long deadline = System.nanoTime() + timeoutNanos;
        while (System.nanoTime() < deadline) {
            try {
                String s = Files.readString(stat);
                if (s.substring(s.lastIndexOf(')') + 2).startsWith("Z")) {
                    return true;
                }
            } catch (IOException gone) {
                return true;
            }
            Thread.sleep(20); // not our child: no pidfd or exit event to wait on from a test
        }
        return false;
    }
}
