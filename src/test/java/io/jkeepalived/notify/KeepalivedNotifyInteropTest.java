package io.jkeepalived.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jkeepalived.os.Mkfifo;
import io.jkeepalived.script.ScriptLauncher;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Re-captures the golden notify scenario from the real C keepalived in a namespace of our own and
 * checks it still matches the stored golden. The capture is also written to
 * target/interop-capture/ so the golden can be refreshed by copying it.
 */
@Tag("interop")
class KeepalivedNotifyInteropTest {

    @TempDir
    Path dir;

    private static void sh(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + ": " + out);
        }
    }

    private void awaitFile(String name, int minLines, long seconds) throws Exception {
        Path p = dir.resolve(name);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (Files.exists(p) && Files.readAllLines(p).size() >= minLines) {
                return;
            }
            Thread.sleep(50); // the daemon's scripts leave nothing to wait on but their files
        }
        throw new AssertionError(name + " not written by keepalived; log:\n" + Files.readString(dir.resolve("k.log")));
    }

    @Test
    void keepalivedStillProducesTheGolden() throws Exception {
        Path keepalived = Path.of("/usr/sbin/keepalived");
        assumeTrue(Files.isExecutable(keepalived) && ScriptLauncher.currentUid() == 0, "needs root and keepalived");
        String ns = "jk-trk-" + ThreadLocalRandom.current().nextInt(10000, 99999);
        GoldenScenario.writeRecorder(dir);
        Path conf = dir.resolve("k.conf");
        Files.writeString(conf, GoldenScenario.keepalivedConf(dir, "jktrk0"));
        Path fifo = dir.resolve("vrrp.fifo");
        Mkfifo.create(fifo, 0600);
        ByteArrayOutputStream fifoBytes = new ByteArrayOutputStream();
        CompletableFuture<Void> reader = new CompletableFuture<>();
        Thread.ofPlatform().daemon(true).start(() -> {
            try (InputStream in = Files.newInputStream(fifo)) {
                in.transferTo(fifoBytes);
                reader.complete(null);
            } catch (IOException e) {
                reader.completeExceptionally(e);
            }
        });
        sh("ip", "netns", "add", ns);
        Process daemon = null;
        try {
            sh("ip", "-n", ns, "link", "add", "jktrk0", "type", "veth", "peer", "name", "jktrk1");
            sh("ip", "-n", ns, "link", "set", "jktrk0", "up");
            sh("ip", "-n", ns, "link", "set", "jktrk1", "up");
            sh("ip", "-n", ns, "addr", "add", "198.18.10.1/24", "dev", "jktrk0");
            daemon = new ProcessBuilder("ip", "netns", "exec", ns, keepalived.toString(), "-n", "-l", "-D",
                    "-f", conf.toString(), "--vrrp", "-p", dir.resolve("k.pid").toString(),
                    "-r", dir.resolve("v.pid").toString(), "-c", dir.resolve("c.pid").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("k.log").toFile()).start();
            awaitFile("notify_master.args", 3, 20);
            awaitFile("group-notify.args", 10, 10);
            long pid = Long.parseLong(Files.readString(dir.resolve("k.pid")).trim());
            ProcessHandle.of(pid).orElseThrow().destroy(); // SIGTERM, as an operator would
            assertThat(daemon.waitFor(20, TimeUnit.SECONDS)).isTrue();
            awaitFile("group-notify.args", 15, 10);
            reader.get(10, TimeUnit.SECONDS);
        } finally {
            if (daemon != null && daemon.isAlive()) {
                daemon.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
                daemon.destroyForcibly();
            }
            if (!reader.isDone()) {
                try (OutputStream unblock = Files.newOutputStream(fifo)) {
                    unblock.flush();
                }
            }
            sh("ip", "netns", "del", ns);
        }
        Path capture = Path.of("target", "interop-capture", "keepalived-2.2.7-notify");
        Files.createDirectories(capture);
        Files.write(capture.resolve("fifo.txt"), fifoBytes.toByteArray());
        for (String f : GoldenScenario.ARG_FILES) {
            Files.copy(dir.resolve(f), capture.resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        assertThat(fifoBytes.toString(StandardCharsets.UTF_8)).isEqualTo(GoldenScenario.golden("fifo.txt"));
        for (String f : List.copyOf(GoldenScenario.ARG_FILES)) {
            assertThat(Files.readString(dir.resolve(f))).as(f).isEqualTo(GoldenScenario.golden(f));
        }
    }
}
