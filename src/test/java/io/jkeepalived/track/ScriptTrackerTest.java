package io.jkeepalived.track;

import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.script.ScriptLauncher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptTrackerTest {

    @TempDir
    Path dir;

    private final ThreadScheduler scheduler = new ThreadScheduler("jk-test-scripts");
    private final ScriptLauncher launcher = ScriptLauncher.system();
    private final EventQueue sink = new EventQueue();

    @AfterEach
    void tearDown() {
        launcher.close();
        scheduler.close();
    }

    private ScriptTracker tracker(ScriptSpec spec) {
        return new ScriptTracker(spec, Optional.empty(), launcher, scheduler, sink);
    }

    private static ScriptSpec sh(String name, String body) {
        return ScriptSpec.of(name, List.of("/bin/sh", "-c", body));
    }

    @Test
    void followsTheScriptsExitStatusWithRiseAndFall() throws Exception {
        // The script's result is whatever the control file says: the test flips it.
        Path control = dir.resolve("ok");
        Files.writeString(control, "0");
        ScriptSpec spec = sh("chk", "exit $(cat " + control + ")")
                .withInterval(Duration.ofMillis(50)).withRiseFall(2, 3);
        try (ScriptTracker t = tracker(spec)) {
            t.start();
            assertThat(sink.next(Duration.ofSeconds(10))).isInstanceOfSatisfying(TrackerEvent.ScriptChanged.class,
                    e -> assertThat(e.state()).isEqualTo(TrackState.UP));
            long failuresBefore = t.stats().failures();
            Files.writeString(control, "1");
            TrackerEvent down = sink.next(Duration.ofSeconds(10));
            assertThat(down).isEqualTo(new TrackerEvent.ScriptChanged("chk", TrackState.DOWN, down.atNanos()));
            // fall 3: at least three failures were seen before DOWN.
            assertThat(t.stats().failures() - failuresBefore).isGreaterThanOrEqualTo(3);
            Files.writeString(control, "0");
            assertThat(((TrackerEvent.ScriptChanged) sink.next(Duration.ofSeconds(10))).state()).isEqualTo(TrackState.UP);
        }
    }

    @Test
    void aFailingRunKeepsTheLastLineItPrinted() throws Exception {
        ScriptSpec spec = sh("talk", "echo starting; echo 'backend 198.18.0.9 refused' >&2; exit 2")
                .withInterval(Duration.ofSeconds(30));
        try (ScriptTracker t = tracker(spec)) {
            t.start();
            assertThat(((TrackerEvent.ScriptChanged) sink.next(Duration.ofSeconds(10))).state()).isEqualTo(TrackState.DOWN);
            assertThat(t.stats().lastExitCode()).contains(2);
            assertThat(t.stats().lastFailureOutput()).isEqualTo("backend 198.18.0.9 refused");
        }
    }

    @Test
    void missingProgramIsAFailureNotAnException() throws Exception {
        ScriptSpec spec = ScriptSpec.of("missing", List.of(dir.resolve("no-such-script").toString()))
                .withInterval(Duration.ofSeconds(30));
        try (ScriptTracker t = tracker(spec)) {
            t.start();
            assertThat(((TrackerEvent.ScriptChanged) sink.next(Duration.ofSeconds(10))).state()).isEqualTo(TrackState.DOWN);
            assertThat(t.stats().failures()).isEqualTo(1);
        }
    }

    @Test
    void initFailReportsDownBeforeAnyRun() throws Exception {
        try (ScriptTracker t = tracker(sh("f", "exit 0").withInterval(Duration.ofSeconds(30)).withInitFail(true).withRiseFall(2, 1))) {
            t.start();
            assertThat(((TrackerEvent.ScriptChanged) sink.next(Duration.ofSeconds(5))).state()).isEqualTo(TrackState.DOWN);
        }
    }

    @Test
    void hangingScriptIsKilledAtTimeoutAndCountsAsFailure() throws Exception {
        Path pidFile = dir.resolve("pid");
        ScriptSpec spec = sh("hang", "sleep 100 & echo $! > " + pidFile + "; wait")
                .withInterval(Duration.ofSeconds(30)).withTimeout(Duration.ofMillis(300));
        try (ScriptTracker t = tracker(spec)) {
            long start = System.nanoTime();
            t.start();
            TrackerEvent e = sink.next(Duration.ofSeconds(10));
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(((TrackerEvent.ScriptChanged) e).state()).isEqualTo(TrackState.DOWN);
            assertThat(elapsedMs).isBetween(250L, 300L + 3000L);
            assertThat(t.stats().timeouts()).isEqualTo(1);
            // the grandchild (sleep 100) is killed too, not left orphaned
            long sleepPid = Long.parseLong(Files.readString(pidFile).trim());
            Optional<ProcessHandle> sleeper = ProcessHandle.of(sleepPid);
            if (sleeper.isPresent()) {
                sleeper.get().onExit().get(3, java.util.concurrent.TimeUnit.SECONDS);
            }
            assertThat(ProcessHandle.of(sleepPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        }
    }

    @Test
    void scriptPrintingFiftyMegabytesNeitherBlocksNorFails() throws Exception {
        ScriptSpec spec = sh("loud", "head -c 52428800 /dev/zero; exit 0")
                .withInterval(Duration.ofSeconds(30)).withTimeout(Duration.ofSeconds(20));
        try (ScriptTracker t = tracker(spec)) {
            t.start();
            assertThat(((TrackerEvent.ScriptChanged) sink.next(Duration.ofSeconds(25))).state()).isEqualTo(TrackState.UP);
            assertThat(t.stats().timeouts()).isZero();
        }
    }

    @Test
    void runsNeverOverlapAndSkipsAreCounted() throws Exception {
        Path log = dir.resolve("log");
        Files.createFile(log);
        // each run appends "start", sleeps 400 ms, appends "end"; interval 100 ms, so most ticks find a run
        // still going and must skip
        ScriptSpec spec = sh("slow", "echo start >> " + log + "; sleep 0.4; echo end >> " + log)
                .withInterval(Duration.ofMillis(100)).withTimeout(Duration.ofSeconds(5));
        int mostAlive = 0;
        List<String> lines;
        try (ScriptTracker t = tracker(spec)) {
            t.start();
            assertThat(sink.next(Duration.ofSeconds(10))).isInstanceOf(TrackerEvent.ScriptChanged.class);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            // polling counters: there is no event for "third run started"; meanwhile sample how many runs live
            while (t.stats().runs() < 3 || t.stats().skipped() < 2) {
                mostAlive = Math.max(mostAlive, launcher.liveCount());
                assertThat(System.nanoTime()).as("3 runs and 2 skips within 20 s; runs %d, skipped %d",
                        t.stats().runs(), t.stats().skipped()).isLessThan(deadline);
                Thread.sleep(10);
            }
            // read while the tracker still runs: closing kills the run in flight, cutting its pair short
            lines = Files.readAllLines(log);
        }
        assertThat(mostAlive).as("scripts alive at once").isEqualTo(1);
        // the third run started, so (no overlap) the first two have ended; the third may not have written yet
        assertThat(lines.size()).as("lines of two finished runs at least: %s", lines).isGreaterThanOrEqualTo(4);
        for (int i = 0; i < lines.size(); i++) {
            assertThat(lines.get(i)).as("line %d of %s: runs alternate start/end", i, lines)
                    .isEqualTo(i % 2 == 0 ? "start" : "end");
        }
    }
}
