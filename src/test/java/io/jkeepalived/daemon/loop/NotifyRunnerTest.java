package io.jkeepalived.daemon.loop;

import io.jkeepalived.daemon.plan.ConfigAdapterTest;

import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.script.RunAs;
import io.jkeepalived.script.ScriptLauncher;
import io.jkeepalived.script.ScriptPolicy;
import io.jkeepalived.script.ScriptSecurity;
import io.jkeepalived.script.UserDb;
import io.jkeepalived.vrrp.engine.Action;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** STOP notifies are waited for briefly at shutdown, never longer. */
class NotifyRunnerTest {

    private static NotifyRunner runner(ScriptLauncher launcher) {
        ScriptPolicy policy = new ScriptPolicy(UserDb.system(), ScriptSecurity.system(),
                Optional.of(RunAs.user("root")), false, ScriptLauncher.currentUid());
        return new NotifyRunner(launcher, policy, List.of(), MailAlerts.from(ConfigAdapterTest.config("")));
    }

    @Test
    void aQuickStopNotifyIsAwaited() {
        try (ScriptLauncher launcher = ScriptLauncher.system(); NotifyRunner n = runner(launcher)) {
            n.run(new Action.RunNotify("VI_1", Action.NotifyKind.STOP, List.of("/bin/true")));
            assertThat(n.awaitStop(Duration.ofSeconds(5))).isTrue();
        }
    }

    @Test
    void aSlowStopNotifyIsAwaitedOnlyUpToTheLimit() {
        try (ScriptLauncher launcher = ScriptLauncher.system(); NotifyRunner n = runner(launcher)) {
            n.run(new Action.RunNotify("VI_1", Action.NotifyKind.STOP, List.of("/bin/sleep", "5")));
            long start = System.nanoTime();
            assertThat(n.awaitStop(Duration.ofMillis(300))).isFalse();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(3000);
            launcher.terminateAll(Duration.ofSeconds(1));
            assertThat(launcher.liveCount()).isZero();
        }
    }

    @Test
    void theGenericNotifyForTheStopStateIsAwaitedToo() {
        try (ScriptLauncher launcher = ScriptLauncher.system(); NotifyRunner n = runner(launcher)) {
            // a generic notify gets TYPE name STATE priority appended; sh -c takes them as $0..$3
            n.run(new Action.RunNotify("VI_1", Action.NotifyKind.GENERIC,
                    List.of("/bin/sh", "-c", "sleep 5", "INSTANCE", "VI_1", "STOP", "100"), true));
            assertThat(n.awaitStop(Duration.ofMillis(300))).as("still running: not done waiting").isFalse();
            launcher.terminateAll(Duration.ofSeconds(1));
        }
    }

    @Test
    void otherNotifiesAreNotAwaited() {
        try (ScriptLauncher launcher = ScriptLauncher.system(); NotifyRunner n = runner(launcher)) {
            n.run(new Action.RunNotify("VI_1", Action.NotifyKind.MASTER, List.of("/bin/sleep", "5")));
            assertThat(n.awaitStop(Duration.ofSeconds(2))).isTrue();
            launcher.terminateAll(Duration.ofSeconds(1));
        }
    }
}
