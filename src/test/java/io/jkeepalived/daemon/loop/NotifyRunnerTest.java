package io.jkeepalived.daemon.loop;

import io.jkeepalived.daemon.plan.ConfigAdapterTest;

import static io.jkeepalived.testing.Await.until;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

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

/** STOP notifies are waited for briefly at shutdown, never longer; hung notifies are reported once. */
class NotifyRunnerTest {

    private static NotifyRunner runner(ScriptLauncher launcher) {
        return runner(launcher, NotifyRunner.HANG_WARNING);
    }

    private static NotifyRunner runner(ScriptLauncher launcher, Duration hangWarning) {
        ScriptPolicy policy = new ScriptPolicy(UserDb.system(), ScriptSecurity.system(),
                Optional.of(RunAs.user("root")), false, ScriptLauncher.currentUid());
        return new NotifyRunner(launcher, policy, List.of(), MailAlerts.from(ConfigAdapterTest.config("")), hangWarning);
    }

    @Test
    void aFinishedNotifyLeavesNoHangCheckBehind() throws InterruptedException {
        // Before: every notify's hang check held its script (output ring included) for 30 s, which
        // a flapping instance's notifies turned into a steady stream of promoted garbage.
        try (ScriptLauncher launcher = ScriptLauncher.system(); NotifyRunner n = runner(launcher)) {
            n.run(new Action.RunNotify("VI_1", Action.NotifyKind.MASTER, List.of("/bin/sleep", "0.5")));
            assertThat(n.awaitStop(Duration.ofSeconds(5))).as("the notify has started").isTrue();
            assertThat(n.pendingHangChecks()).as("a check while it runs").isEqualTo(1);
            until("no check once it has exited", () -> n.pendingHangChecks() == 0);
        }
    }

    @Test
    void aNotifyStillRunningAtTheHangDelayIsLoggedOnce() throws InterruptedException {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger("Keepalived_vrrp");
        log.start();
        logger.addAppender(log);
        try (ScriptLauncher launcher = ScriptLauncher.system();
             NotifyRunner n = runner(launcher, Duration.ofMillis(200))) {
            n.run(new Action.RunNotify("VI_1", Action.NotifyKind.MASTER, List.of("/bin/sleep", "5")));
            until("the hang warning", () -> log.list.stream().anyMatch(e -> e.getFormattedMessage().contains("still running")));
            assertThat(n.pendingHangChecks()).as("the check ran; nothing left to warn again").isZero();
            List<String> hung = log.list.stream().map(ILoggingEvent::getFormattedMessage)
                    .filter(m -> m.contains("still running")).toList();
            assertThat(hung).hasSize(1);
            assertThat(hung.getFirst()).startsWith("(VI_1) notify script [/bin/sleep, 5]");
            launcher.terminateAll(Duration.ofSeconds(1));
        } finally {
            logger.detachAppender(log);
        }
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
