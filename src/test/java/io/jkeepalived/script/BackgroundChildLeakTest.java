package io.jkeepalived.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 item 2: a script that leaves a background child holding its stdout ends when the script
 * exits, and costs no thread and no descriptor once it has ended, however many times it runs.
 */
class BackgroundChildLeakTest {

    private static final int ROUNDS = 30;
    private static final int SCRIPTS = 5;

    @Test
    void runsWhoseChildKeepsStdoutOpenLeaveThreadsAndFdsFlat() throws Exception {
        // a sleep length no other process uses, so the test finds (and kills) exactly its own sleeps
        String marker = "9900." + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        List<String> argv = List.of("/bin/sh", "-c", "/bin/sleep " + marker + " & exit 0");
        List<String> sleepArgv = List.of("/bin/sleep", marker);
        try (ScriptLauncher launcher = ScriptLauncher.system()) {
            try {
                runRound(launcher, argv); // warm-up: classes, the launcher's own thread and descriptors
                int threads = ProcSelf.threads();
                int fds = ProcSelf.openFds();
                List<RunningScript> all = new ArrayList<>();
                for (int round = 0; round < ROUNDS; round++) {
                    all.addAll(runRound(launcher, argv));
                }
                System.out.printf("threads %d -> %d, fds %d -> %d after %d runs%n", threads, ProcSelf.threads(), fds,
                        ProcSelf.openFds(), ROUNDS * SCRIPTS);
                assertThat(ProcSelf.threads()).as("threads after %d runs", ROUNDS * SCRIPTS).isBetween(threads - 5, threads + 5);
                assertThat(ProcSelf.openFds()).as("open fds after %d runs", ROUNDS * SCRIPTS).isBetween(fds - 5, fds + 5);
                assertThat(launcher.liveCount()).isZero();
                // reading a run's output ended with the run: nothing waits on the child's open stdout
                assertThat(all).allSatisfy(rs -> assertThat(rs.output().finished()).isDone());
                assertThat(ProcSelf.pidsWithArgv(sleepArgv)).hasSize((ROUNDS + 1) * SCRIPTS);
            } finally {
                for (long pid : ProcSelf.pidsWithArgv(sleepArgv)) {
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
        }
    }

    private static List<RunningScript> runRound(ScriptLauncher launcher, List<String> argv) throws Exception {
        List<RunningScript> runs = new ArrayList<>();
        for (int i = 0; i < SCRIPTS; i++) {
            runs.add(((ScriptLauncher.Started) launcher.start(argv, Optional.empty())).script());
        }
        for (RunningScript rs : runs) {
            // the shell exits at once; its run must end then, whatever its child holds open
            assertThat(rs.exit().get(5, TimeUnit.SECONDS)).isZero();
        }
        return runs;
    }
}
