package io.jkeepalived.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.script.ScriptArgv;
import io.jkeepalived.script.ScriptLauncher;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our notifier, driven through the golden scenario in keepalived's call order, must produce
 * byte-for-byte what C keepalived 2.2.7 produced (see {@link GoldenScenario}; re-captured by
 * {@code KeepalivedNotifyInteropTest}).
 */
class GoldenNotifyTest {

    @TempDir
    Path dir;

    private NotifyScript script(String configured) {
        return NotifyScript.of(((ScriptArgv.Argv) ScriptArgv.parse(configured)).argv());
    }

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
    void scriptsAndFifoMatchWhatKeepalivedProduced() throws Exception {
        GoldenScenario.writeRecorder(dir);
        String d = dir.toString();
        NotifyScripts instance = NotifyScripts.none()
                .withMaster(script(d + "/rec.sh " + d + "/notify_master.args M1 'two words'"))
                .withBackup(script(d + "/rec.sh " + d + "/notify_backup.args B1"))
                .withStop(script(d + "/rec.sh " + d + "/notify_stop.args S1"))
                .withGeneric(script(d + "/rec.sh " + d + "/notify.args"));
        NotifyScripts group = NotifyScripts.none().withGeneric(script(d + "/rec.sh " + d + "/group-notify.args"));
        Path fifoPath = dir.resolve("vrrp.fifo");
        String expectedFifo = GoldenScenario.golden("fifo.txt");
        try (ScriptLauncher launcher = ScriptLauncher.system()) {
            NotifyFifo fifo = ((NotifyFifo.Ready) NotifyFifo.open(fifoPath, Optional.empty(), Optional.empty(), launcher)).fifo();
            try (InputStream reader = Files.newInputStream(fifoPath);
                 Notifier n = new Notifier(launcher, List.of(fifo), Optional.empty(), "jk-trk-golden")) {
                CompletableFuture<byte[]> fifoBytes = CompletableFuture.supplyAsync(() -> {
                    try {
                        return reader.readNBytes(expectedFifo.length());
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                // keepalived's order: at start the group notifies before the instance; on
                // becoming master and on stop the instance goes first.
                n.groupState("G1", NotifyState.BACKUP, group, false);
                n.instanceState("VI_1", NotifyState.BACKUP, 100, instance, false);
                awaitRecords("notify.args", 1, 4);
                awaitRecords("group-notify.args", 1, 4);
                n.instanceState("VI_1", NotifyState.MASTER, 100, instance, false);
                n.groupState("G1", NotifyState.MASTER, group, false);
                awaitRecords("notify.args", 2, 4);
                awaitRecords("group-notify.args", 2, 4);
                n.instanceState("VI_1", NotifyState.STOP, 100, instance, false);
                n.groupState("G1", NotifyState.STOP, group, false);
                assertThat(n.awaitStopNotifies(Duration.ofSeconds(5))).isTrue();
                awaitRecords("group-notify.args", 3, 4);
                assertThat(new String(fifoBytes.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8)).isEqualTo(expectedFifo);
            } finally {
                fifo.close();
            }
        }
        for (String f : GoldenScenario.ARG_FILES) {
            assertThat(Files.readString(dir.resolve(f))).as(f).isEqualTo(GoldenScenario.golden(f));
        }
    }
}
