package io.jkeepalived.daemon.loop;

import io.jkeepalived.daemon.plan.ConfigAdapter;
import io.jkeepalived.daemon.plan.ConfigAdapterTest;
import io.jkeepalived.daemon.plan.DaemonPlan;

import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.notify.GoldenScenario;
import io.jkeepalived.notify.NotifyFifo;
import io.jkeepalived.script.RunAs;
import io.jkeepalived.script.ScriptLauncher;
import io.jkeepalived.script.ScriptPolicy;
import io.jkeepalived.script.ScriptSecurity;
import io.jkeepalived.script.UserDb;
import io.jkeepalived.vrrp.engine.Action;
import io.jkeepalived.vrrp.engine.Event;
import io.jkeepalived.vrrp.engine.VrrpEngine;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon's notify path — config, engine actions, {@link NotifyRunner} — driven through the
 * golden scenario (start BACKUP, master-down timer expires, SIGTERM) must produce byte for byte
 * what C keepalived 2.2.7 produced for the same config ({@link GoldenScenario}; re-captured by
 * {@code KeepalivedNotifyInteropTest}).
 */
class GoldenNotifyTest {

    private static final long SECOND = 1_000_000_000L;

    @TempDir
    Path dir;

    /** Waits until {@code file} holds {@code records} complete argv records. */
    private void awaitRecords(String file, int records, int argsPerRecord) throws Exception {
        Path p = dir.resolve(file);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (Files.exists(p) && Files.readAllLines(p).size() >= records * (argsPerRecord + 1)) {
                return;
            }
            Thread.sleep(10); // scripts leave no event to wait on but their output
        }
        throw new AssertionError(file + " did not get " + records + " records");
    }

    @Test
    void engineActionsThroughTheNotifyRunnerMatchWhatKeepalivedProduced() throws Exception {
        GoldenScenario.writeRecorder(dir);
        var loaded = io.jkeepalived.config.ConfigLoader.loadString(GoldenScenario.keepalivedConf(dir, "eth0"), "test.conf",
                dir, io.jkeepalived.config.lex.ReaderOptions.defaults());
        // keepalived also flags a one-member sync group, and runs it as configured
        assertThat(loaded.errors()).extracting(d -> d.message()).allMatch(m -> m.contains("needs at least 2"));
        DaemonPlan plan = ConfigAdapter.plan(loaded.config().orElseThrow(), ConfigAdapterTest.FACTS);
        VrrpEngine engine = ((VrrpEngine.Build.Ok) VrrpEngine.create(plan.routers(), plan.groups())).engine();
        ScriptPolicy policy = new ScriptPolicy(UserDb.system(), ScriptSecurity.system(),
                Optional.of(RunAs.user("root")), false, ScriptLauncher.currentUid());
        Path fifoPath = dir.resolve("vrrp.fifo");
        String expectedFifo = GoldenScenario.golden("fifo.txt");
        try (ScriptLauncher launcher = ScriptLauncher.system()) {
            NotifyFifo fifo = ((NotifyFifo.Ready) NotifyFifo.open(fifoPath, Optional.empty(), Optional.empty(),
                    launcher)).fifo();
            try (InputStream reader = Files.newInputStream(fifoPath);
                 NotifyRunner runner = new NotifyRunner(launcher, policy, List.of(fifo), MailAlerts.from(
                         ConfigAdapterTest.config("")))) {
                CompletableFuture<byte[]> fifoBytes = CompletableFuture.supplyAsync(() -> {
                    try {
                        return reader.readNBytes(expectedFifo.length());
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                long t0 = 5 * SECOND;
                perform(runner, a -> engine.handleAll(new Event.Startup(), t0, a));
                awaitRecords("notify.args", 1, 4);
                awaitRecords("group-notify.args", 1, 4);
                perform(runner, a -> engine.tick(t0 + 10 * SECOND, a)); // no advert: master-down expires
                awaitRecords("notify.args", 2, 4);
                awaitRecords("group-notify.args", 2, 4);
                perform(runner, a -> engine.handleAll(new Event.Shutdown(), t0 + 11 * SECOND, a));
                assertThat(runner.awaitStop(Duration.ofSeconds(5))).isTrue();
                awaitRecords("group-notify.args", 3, 4);
                assertThat(new String(fifoBytes.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8))
                        .isEqualTo(expectedFifo);
            }
        }
        for (String f : GoldenScenario.ARG_FILES) {
            assertThat(Files.readString(dir.resolve(f))).as(f).isEqualTo(GoldenScenario.golden(f));
        }
    }

    /** Hands the notify actions of one engine call to the runner in order, as ActionExecutor does. */
    private static void perform(NotifyRunner runner, java.util.function.Consumer<java.util.function.Consumer<Action>> call) {
        List<Action> actions = new ArrayList<>();
        call.accept(actions::add);
        for (Action a : actions) {
            switch (a) {
                case Action.RunNotify n -> runner.run(n);
                case Action.WriteFifo f -> runner.fifo(f.line());
                default -> { }
            }
        }
    }
}
