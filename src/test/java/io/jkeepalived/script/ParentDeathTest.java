package io.jkeepalived.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Scripts carry keepalived's parent-death signal (SIGTERM). Linux ties it to the forking thread,
 * so a script started from a thread that then ends is terminated: this is why the runners own
 * long-lived platform threads, and it proves the signal is really set.
 */
class ParentDeathTest {

    @Test
    void scriptGetsSigtermWhenItsForkingThreadEnds() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs setpriv");
        try (ScriptLauncher launcher = ScriptLauncher.system()) {
            AtomicReference<ScriptLauncher.Launch> launch = new AtomicReference<>();
            Thread shortLived = Thread.ofPlatform().start(() -> {
                launch.set(launcher.start(List.of("/bin/sleep", "100"), Optional.empty()));
                // end only once setpriv has set the signal and exec'd sleep; a parent that dies
                // before prctl(PR_SET_PDEATHSIG) is a race no signal can cover
                long pid = ((ScriptLauncher.Started) launch.get()).script().pid();
                Path comm = Path.of("/proc/" + pid + "/comm");
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                try {
                    while (!Files.readString(comm).trim().equals("sleep") && System.nanoTime() < deadline) {
                        Thread.sleep(2);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            shortLived.join();
            RunningScript rs = ((ScriptLauncher.Started) launch.get()).script();
            int code = rs.exit().get(10, TimeUnit.SECONDS);
            assertThat(code).isEqualTo(128 + 15);
        }
    }
}
