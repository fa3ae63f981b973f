package io.jkeepalived.lvs.ipvs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The module loader's process handling: exit status, a missing program, a hang, and no JDK reaper thread. */
class ModprobeTest {

    private static boolean reaperThread() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("process reaper"));
    }

    @Test
    void successOnlyOnExitZero() {
        assertThat(Modprobe.run(List.of("/bin/true"), Duration.ofSeconds(10))).isTrue();
        assertThat(Modprobe.run(List.of("/bin/false"), Duration.ofSeconds(10))).isFalse();
        assertThat(Modprobe.run(List.of("/bin/sh", "-c", "exit 3"), Duration.ofSeconds(10))).isFalse();
    }

    @Test
    void aMissingProgramIsAFailureNotAnException() {
        assertThat(Modprobe.run(List.of("/nonexistent/modprobe", "ip_vs"), Duration.ofSeconds(10))).isFalse();
    }

    @Test
    void aHangingProgramIsKilledAtTheTimeoutWithWhatItStarted(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        var pidFile = dir.resolve("grandchild.pid");
        long t0 = System.nanoTime();
        boolean ok = Modprobe.run(List.of("/bin/sh", "-c", "sleep 30 & echo $! > " + pidFile + "; sleep 30"),
                Duration.ofMillis(500));
        long took = Duration.ofNanos(System.nanoTime() - t0).toMillis();
        assertThat(ok).isFalse();
        assertThat(took).isBetween(450L, 5_000L);
        // the shell's own child is in its process group: killed with it, not left running
        long grandchild = Long.parseLong(java.nio.file.Files.readString(pidFile).strip());
        long giveUp = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (ProcessHandle.of(grandchild).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < giveUp) {
            Thread.onSpinWait();
        }
        assertThat(ProcessHandle.of(grandchild).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void noJdkProcessReaperThread() {
        boolean before = reaperThread();
        Modprobe.run(List.of("/bin/true"), Duration.ofSeconds(10));
        // a reaper started by another test in this JVM would hide it; none is started by this one
        if (!before) assertThat(reaperThread()).as("a 'process reaper' thread after running modprobe").isFalse();
    }
}
