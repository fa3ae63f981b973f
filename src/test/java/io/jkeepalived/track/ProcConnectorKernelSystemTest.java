package io.jkeepalived.track;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The codec and the source against the real kernel's proc connector (needs CAP_NET_ADMIN). */
@Tag("system")
class ProcConnectorKernelSystemTest {

    @TempDir
    Path dir;

    @Test
    void realForkExecAndExitEventsDriveTheTracker() throws Exception {
        String name = "jkcn" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        Path bin = dir.resolve(name);
        Files.copy(Path.of("/bin/sleep"), bin);
        bin.toFile().setExecutable(true);
        EventQueue sink = new EventQueue();
        Process p = null;
        try (ThreadScheduler sched = new ThreadScheduler("jk-test-cn-kernel");
             ProcessTracker t = new ProcessTracker(List.of(ProcessSpec.of("p", name)), ProcFs.system(),
                     new ProcConnectorSource(NetlinkProcConnectorChannel.open(), ProcFs.system()), sched, sink)) {
            t.start();
            assertThat(((TrackerEvent.ProcessQuorum) sink.next(Duration.ofSeconds(5))).state()).isEqualTo(TrackState.DOWN);
            p = new ProcessBuilder(bin.toString(), "60").start();
            assertThat(((TrackerEvent.ProcessQuorum) sink.next(Duration.ofSeconds(5))).state()).isEqualTo(TrackState.UP);
            p.destroy();
            assertThat(((TrackerEvent.ProcessQuorum) sink.next(Duration.ofSeconds(5))).state()).isEqualTo(TrackState.DOWN);
        } finally {
            if (p != null) {
                p.destroyForcibly();
            }
        }
    }
}
