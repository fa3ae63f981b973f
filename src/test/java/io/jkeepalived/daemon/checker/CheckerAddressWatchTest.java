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
 * The checker's address monitor (thread {@code jk-check-addr}) exists only for ha_suspend: a
 * configuration without it starts no such thread, and one with it suspends the checkers of a
 * virtual server whose address is not on this host (198.18.0.1 is on no interface of the test host).
 */
class CheckerAddressWatchTest {

    private static Keepalived config(Path flag, boolean haSuspend) {
        return CheckerFixtures.fileChecked(flag, haSuspend ? "ha_suspend" : "");
    }

    private static long addressMonitors() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("jk-check-addr")).count();
    }

    private static LvsStatus.Checker theChecker(CheckerSubsystem c) throws Exception {
        c.refresh().get(5, TimeUnit.SECONDS);
        return c.snapshot().orElseThrow().virtualServers().getFirst().realServers().getFirst().checkers().getFirst();
    }

    @Test
    void noHaSuspendNoAddressMonitorThenAReloadThatAsksForItStartsIt(@TempDir Path dir) throws Exception {
        Path flag = dir.resolve("flag");
        Files.writeString(flag, "0\n");
        long before = addressMonitors();
        try (ScriptLauncher launcher = ScriptLauncher.system();
             CheckerSubsystem checker = CheckerSubsystem.start(true, config(flag, false), launcher,
                     CheckerFixtures::policy, Optional.empty(), LvsSettings.recordingOnly())) {
            assertThat(theChecker(checker).suspended()).isFalse();
            assertThat(addressMonitors()).as("no ha_suspend: no address monitor").isEqualTo(before);

            checker.reload(config(flag, true));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!theChecker(checker).suspended() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(theChecker(checker).suspended()).as("198.18.0.1 is not here: suspended").isTrue();
            assertThat(addressMonitors()).isEqualTo(before + 1);
        }
        assertThat(addressMonitors()).as("stopped with the checker").isEqualTo(before);
    }
}
