package io.jkeepalived.track;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scan source against the real /proc, with processes of a name nobody else uses. */
class ProcessTrackerRealProcTest {

    @TempDir
    Path dir;

    @Test
    void countsRealProcessesByComm() throws Exception {
        String name = "jktrk" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        Path bin = dir.resolve(name);
        Files.copy(Path.of("/bin/sleep"), bin);
        bin.toFile().setExecutable(true);
        EventQueue sink = new EventQueue();
        Process a = new ProcessBuilder(bin.toString(), "60").start();
        Process b = null;
        try (ThreadScheduler sched = new ThreadScheduler("jk-test-proc");
             ProcessTracker t = new ProcessTracker(List.of(ProcessSpec.of("p", name).withQuorum(2, Integer.MAX_VALUE)),
                     ProcFs.system(), new ProcScanSource(ProcFs.system(), sched, Duration.ofMillis(50)), sched, sink)) {
            t.start();
            assertThat(sink.next(Duration.ofSeconds(5))).isInstanceOfSatisfying(TrackerEvent.ProcessQuorum.class,
                    q -> assertThat(q.state()).isEqualTo(TrackState.DOWN));
            b = new ProcessBuilder(bin.toString(), "60").start();
            TrackerEvent.ProcessQuorum up = (TrackerEvent.ProcessQuorum) sink.next(Duration.ofSeconds(5));
            assertThat(up.state()).isEqualTo(TrackState.UP);
            assertThat(up.count()).isEqualTo(2);
            a.destroy();
            TrackerEvent.ProcessQuorum down = (TrackerEvent.ProcessQuorum) sink.next(Duration.ofSeconds(5));
            assertThat(down.state()).isEqualTo(TrackState.DOWN);
        } finally {
            a.destroyForcibly();
            if (b != null) {
                b.destroyForcibly();
            }
        }
    }
}
