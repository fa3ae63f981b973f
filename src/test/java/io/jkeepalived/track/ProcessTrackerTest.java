package io.jkeepalived.track;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Quorum and delays in virtual time, over a fake /proc tree. */
class ProcessTrackerTest {

    @TempDir
    Path proc;

    private final ManualScheduler clock = new ManualScheduler();
    private final List<TrackerEvent> events = new ArrayList<>();
    private static final long MS = 1_000_000L;

    private void spawn(long pid, String comm) throws IOException {
        Path d = Files.createDirectories(proc.resolve(Long.toString(pid)));
        Files.writeString(d.resolve("stat"), pid + " (" + comm + ") S 1 1 1");
        Files.write(d.resolve("cmdline"), ("/usr/bin/" + comm + "\0").getBytes());
    }

    private void exit(long pid) throws IOException {
        Path d = proc.resolve(Long.toString(pid));
        Files.delete(d.resolve("stat"));
        Files.delete(d.resolve("cmdline"));
        Files.delete(d);
    }

    private ProcessTracker tracker(ProcessSpec spec) {
        ProcFs fs = new ProcFs(proc);
        return new ProcessTracker(List.of(spec), fs, new ProcScanSource(fs, clock, Duration.ofMillis(100)), clock, events::add);
    }

    private List<String> verdicts() {
        return events.stream().map(e -> {
            TrackerEvent.ProcessQuorum q = (TrackerEvent.ProcessQuorum) e;
            return q.state() + "/" + q.count();
        }).toList();
    }

    @Test
    void initialVerdictIsImmediateThenQuorumChangesAreReported() throws IOException {
        spawn(10, "nginx");
        spawn(11, "bash");
        ProcessTracker t = tracker(ProcessSpec.of("ng", "nginx").withQuorum(2, 3));
        t.start();
        clock.runDue();
        assertThat(verdicts()).containsExactly("DOWN/1");
        spawn(12, "nginx");
        clock.advance(100 * MS);
        assertThat(verdicts()).containsExactly("DOWN/1", "UP/2");
        spawn(13, "nginx");
        spawn(14, "nginx");
        clock.advance(100 * MS);
        assertThat(verdicts()).containsExactly("DOWN/1", "UP/2", "DOWN/4");
        exit(14);
        clock.advance(100 * MS);
        assertThat(verdicts()).last().isEqualTo("UP/3");
    }

    @Test
    void terminateDelaySwallowsARestart() throws IOException {
        spawn(20, "haproxy");
        ProcessTracker t = tracker(ProcessSpec.of("hp", "haproxy").withDelays(Duration.ofMillis(500), Duration.ofMillis(500)));
        t.start();
        clock.runDue();
        assertThat(verdicts()).containsExactly("UP/1");
        exit(20);
        clock.advance(100 * MS);
        spawn(21, "haproxy");
        clock.advance(300 * MS);
        clock.advance(1000 * MS);
        assertThat(verdicts()).containsExactly("UP/1");
        exit(21);
        clock.advance(100 * MS);
        assertThat(verdicts()).containsExactly("UP/1");
        clock.advance(500 * MS);
        assertThat(verdicts()).containsExactly("UP/1", "DOWN/0");
    }

    @Test
    void forkDelayPostponesUp() throws IOException {
        ProcessTracker t = tracker(ProcessSpec.of("hp", "haproxy").withDelays(Duration.ofMillis(300), Duration.ZERO));
        t.start();
        clock.runDue();
        assertThat(verdicts()).containsExactly("DOWN/0");
        spawn(30, "haproxy");
        clock.advance(100 * MS);
        assertThat(verdicts()).containsExactly("DOWN/0");
        clock.advance(300 * MS);
        assertThat(verdicts()).containsExactly("DOWN/0", "UP/1");
    }
}
