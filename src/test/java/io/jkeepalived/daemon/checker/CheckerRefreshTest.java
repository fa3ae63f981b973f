package io.jkeepalived.daemon.checker;

import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.config.model.Keepalived;
import io.jkeepalived.script.ScriptLauncher;
import io.jkeepalived.status.LvsStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checker takes its status snapshot when asked ({@link CheckerSubsystem#refresh}), not on a
 * timer: a snapshot asked for after a change shows it, and no snapshot is taken unasked. A
 * FILE_CHECK drives the real checker thread without any network.
 */
class CheckerRefreshTest {

    private static LvsStatus.RealServer theRealServer(CheckerSubsystem c) {
        return c.snapshot().orElseThrow().virtualServers().getFirst().realServers().getFirst();
    }

    @Test
    void aRefreshedSnapshotShowsTheLatestVerdictAndNothingIsTakenUnasked(@TempDir Path dir) throws Exception {
        Path flag = dir.resolve("flag");
        Files.writeString(flag, "0\n");
        Keepalived config = CheckerFixtures.fileChecked(flag, "");
        try (ScriptLauncher launcher = ScriptLauncher.system();
             CheckerSubsystem checker = CheckerSubsystem.start(true, config, launcher, CheckerFixtures::policy,
                     Optional.empty(), LvsSettings.recordingOnly())) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (theRealServerProbes(checker) == 0 && System.nanoTime() < deadline) {
                checker.refresh().get(5, TimeUnit.SECONDS);
            }
            assertThat(theRealServer(checker).alive()).isTrue();

            Files.writeString(flag, "1\n"); // weight 0: down while non-zero
            while (theRealServer(checker).alive() && System.nanoTime() < deadline) {
                Optional<LvsStatus> before = checker.snapshot();
                Thread.sleep(1500); // more than a delay_loop: the old code republished within 500 ms
                assertThat(checker.snapshot()).as("no snapshot is taken unless asked for").isSameAs(before);
                checker.refresh().get(5, TimeUnit.SECONDS);
            }
            assertThat(theRealServer(checker).alive()).as("the refreshed snapshot shows the verdict").isFalse();
            assertThat(theRealServer(checker).inTable()).isFalse();
            assertThat(checker.healthy()).isTrue();
        }
    }

    private static long theRealServerProbes(CheckerSubsystem c) {
        return c.snapshot().map(s -> s.virtualServers().getFirst().realServers().getFirst().checkers().getFirst().probes())
                .orElse(0L);
    }
}
