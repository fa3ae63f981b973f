package io.jkeepalived.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.script.RunningScript;
import io.jkeepalived.script.ScriptLauncher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotifierTest {

    @TempDir
    Path dir;

    private final ScriptLauncher launcher = ScriptLauncher.system();

    @AfterEach
    void tearDown() {
        launcher.close();
    }

    /** A script that writes its pid and then its arguments, one per line, to OUT (atomically). */
    private NotifyScript recorder(String out, String... configuredArgs) throws IOException {
        Path script = dir.resolve("rec.sh");
        if (!Files.exists(script)) {
            Files.writeString(script, "#!/bin/sh\nout=\"$1\"; shift\n{ echo $$; printf '%s\\n' \"$@\"; } > \"$out.tmp\"\nmv \"$out.tmp\" \"$out\"\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        List<String> argv = new java.util.ArrayList<>(List.of(script.toString(), dir.resolve(out).toString()));
        argv.addAll(List.of(configuredArgs));
        return NotifyScript.of(argv);
    }

    /** Waits for a file to appear (the script renames it into place when complete). */
    private List<String> await(String name) throws Exception {
        Path p = dir.resolve(name);
        try (var ws = dir.getFileSystem().newWatchService()) {
            dir.register(ws, java.nio.file.StandardWatchEventKinds.ENTRY_CREATE);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!Files.exists(p)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(name + " not written");
                }
                var key = ws.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
            }
        }
        return Files.readAllLines(p);
    }

    @Test
    void specificScriptGetsOnlyItsArgsAndGenericGetsFourMoreInThatOrder() throws Exception {
        NotifyScripts scripts = NotifyScripts.none()
                .withMaster(recorder("master", "a b", "c"))
                .withGeneric(recorder("generic", "x"));
        try (Notifier n = new Notifier(launcher, List.of(), Optional.empty(), "r1")) {
            n.instanceState("VI_1", NotifyState.MASTER, 100, scripts, false);
            List<String> master = await("master");
            List<String> generic = await("generic");
            assertThat(master.subList(1, master.size())).containsExactly("a b", "c");
            assertThat(generic.subList(1, generic.size())).containsExactly("x", "INSTANCE", "VI_1", "MASTER", "100");
            // started in keepalived's order: the specific script before the generic one
            assertThat(Long.parseLong(master.getFirst())).isLessThan(Long.parseLong(generic.getFirst()));
        }
    }

    @Test
    void groupNotifiesReportPriorityZero() throws Exception {
        NotifyScripts scripts = NotifyScripts.none().withGeneric(recorder("g"));
        try (Notifier n = new Notifier(launcher, List.of(), Optional.empty(), "r1")) {
            n.groupState("G1", NotifyState.FAULT, scripts, false);
            List<String> g = await("g");
            assertThat(g.subList(1, g.size())).containsExactly("GROUP", "G1", "FAULT", "0");
        }
    }

    @Test
    void fifoGetsTheLineAfterTheScriptsAndTheFifoScriptGetsThePath() throws Exception {
        Path fifoPath = dir.resolve("notify.fifo");
        Path linesOut = dir.resolve("fifo-lines");
        Path argsOut = dir.resolve("fifo-args");
        List<String> fifoScript = List.of("/bin/sh", "-c",
                "printf '%s\\n' \"$@\" > " + argsOut + "; exec cat \"$1\" > " + linesOut, "fifo-script");
        NotifyFifo fifo = ((NotifyFifo.Ready) NotifyFifo.open(fifoPath, Optional.of(fifoScript), Optional.empty(), launcher)).fifo();
        try (Notifier n = new Notifier(launcher, List.of(fifo), Optional.empty(), "r1")) {
            assertThat(Files.readAttributes(fifoPath, java.nio.file.attribute.PosixFileAttributes.class).isOther()).isTrue();
            n.instanceState("VI_1", NotifyState.BACKUP, 90, NotifyScripts.none(), false);
            n.masterRxLowerPri("VI_1", 150, NotifyScripts.none());
            n.priorityChanged("VI_1", true, 120);
            n.groupState("G1", NotifyState.MASTER, NotifyScripts.none(), false);
            assertThat(n.awaitStopNotifies(Duration.ofSeconds(5))).isTrue();
            assertThat(fifo.writtenLines()).isEqualTo(4);
            // the fifo script (cat) copies what it reads; no event tells when it has, so poll
            List<String> expected = List.of("INSTANCE \"VI_1\" BACKUP 90", "INSTANCE \"VI_1\" MASTER_RX_LOWER_PRI 150",
                    "INSTANCE \"VI_1\" MASTER_PRIORITY 120", "GROUP \"G1\" MASTER 0");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!(Files.exists(linesOut) && Files.readAllLines(linesOut).size() >= 4) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(Files.readAllLines(linesOut)).containsExactlyElementsOf(expected);
            assertThat(fifo.script()).isPresent();
        } finally {
            fifo.close();
        }
        assertThat(Files.readAllLines(argsOut)).containsExactly(fifoPath.toString());
        assertThat(Files.exists(fifoPath)).as("fifo removed on close").isFalse();
    }

    @Test
    void fifoLinesAreExactBytes() throws Exception {
        Path fifoPath = dir.resolve("exact.fifo");
        NotifyFifo fifo = ((NotifyFifo.Ready) NotifyFifo.open(fifoPath, Optional.empty(), Optional.empty(), launcher)).fifo();
        try (Notifier n = new Notifier(launcher, List.of(fifo), Optional.empty(), "r1");
             var in = Files.newInputStream(fifoPath)) {
            n.instanceState("VI_1", NotifyState.MASTER, 100, NotifyScripts.none(), false);
            n.groupState("G1", NotifyState.BACKUP, NotifyScripts.none(), false);
            n.masterRxLowerPri("VI_1", 100, NotifyScripts.none());
            String expected = "INSTANCE \"VI_1\" MASTER 100\nGROUP \"G1\" BACKUP 0\nINSTANCE \"VI_1\" MASTER_RX_LOWER_PRI 100\n";
            byte[] got = CompletableFuture.supplyAsync(() -> {
                try {
                    return in.readNBytes(expected.length());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).get(10, TimeUnit.SECONDS);
            assertThat(new String(got, StandardCharsets.US_ASCII)).isEqualTo(expected);
        } finally {
            fifo.close();
        }
    }

    @Test
    void lvsEventsRunTheirScriptWithoutExtraArgsAndWriteLvsLines() throws Exception {
        Path fifoPath = dir.resolve("lvs.fifo");
        NotifyFifo fifo = ((NotifyFifo.Ready) NotifyFifo.open(fifoPath, Optional.empty(), Optional.empty(), launcher)).fifo();
        LvsService vs = new LvsService.Endpoint("198.18.0.10", "tcp", 80);
        try (Notifier n = new Notifier(launcher, List.of(fifo), Optional.empty(), "r1");
             var in = Files.newInputStream(fifoPath)) {
            n.realServerState(new LvsService.Endpoint("198.18.1.2", "tcp", 8080), vs, false, Optional.of(recorder("rs", "down")));
            n.virtualServerQuorum(vs, false, Optional.empty());
            String expected = "RS [198.18.1.2]:tcp:8080 [198.18.0.10]:tcp:80 DOWN\nVS [198.18.0.10]:tcp:80 DOWN\n";
            byte[] got = CompletableFuture.supplyAsync(() -> {
                try {
                    return in.readNBytes(expected.length());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).get(10, TimeUnit.SECONDS);
            assertThat(new String(got, StandardCharsets.US_ASCII)).isEqualTo(expected);
            List<String> rs = await("rs");
            assertThat(rs.subList(1, rs.size())).containsExactly("down");
        } finally {
            fifo.close();
        }
    }

    @Test
    void reloadRecreatesTheFifoAndRestartsItsScript() throws Exception {
        Path fifoPath = dir.resolve("reload.fifo");
        List<String> script = List.of("/bin/sh", "-c", "exec sleep 100", "fifo-script");
        NotifyFifo first = ((NotifyFifo.Ready) NotifyFifo.open(fifoPath, Optional.of(script), Optional.empty(), launcher)).fifo();
        RunningScript firstScript = first.script().orElseThrow();
        first.close();
        assertThat(firstScript.exit().get(5, TimeUnit.SECONDS)).isEqualTo(128 + 15); // SIGTERM
        assertThat(Files.exists(fifoPath)).isFalse();
        NotifyFifo second = ((NotifyFifo.Ready) NotifyFifo.open(fifoPath, Optional.of(script), Optional.empty(), launcher)).fifo();
        try {
            assertThat(Files.readAttributes(fifoPath, java.nio.file.attribute.PosixFileAttributes.class).isOther()).isTrue();
            assertThat(second.script().orElseThrow().isAlive()).isTrue();
            assertThat(second.script().orElseThrow().argv()).containsExactly("/bin/sh", "-c", "exec sleep 100", "fifo-script", fifoPath.toString());
        } finally {
            second.close();
        }
    }

    @Test
    void aPathThatIsNotAFifoIsRefused() throws Exception {
        Path regular = dir.resolve("regular");
        Files.writeString(regular, "x");
        assertThat(NotifyFifo.open(regular, Optional.empty(), Optional.empty(), launcher)).isInstanceOf(NotifyFifo.Failed.class);
    }

    @Test
    void writesNeverBlockWithoutAReader() throws Exception {
        Path fifoPath = dir.resolve("noreader.fifo");
        NotifyFifo fifo = ((NotifyFifo.Ready) NotifyFifo.open(fifoPath, Optional.empty(), Optional.empty(), launcher)).fifo();
        try {
            String line = FifoLines.vrrp(NotifyKind.INSTANCE, "VI_" + "x".repeat(200), NotifyState.MASTER, 100);
            long start = System.nanoTime();
            for (int i = 0; i < 5000; i++) {
                fifo.write(line);
            }
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(2000);
            // 64 KiB pipe buffer + the bounded queue: the rest is dropped and counted
            assertThat(fifo.droppedLines()).isPositive();
        } finally {
            fifo.close();
        }
    }

    @Test
    void stopNotifiesAreAwaitedUpToTheLimit() throws Exception {
        NotifyScripts quick = NotifyScripts.none().withStop(NotifyScript.of(List.of("/bin/true")));
        NotifyScripts slow = NotifyScripts.none().withStop(NotifyScript.of(List.of("/bin/sleep", "5")));
        try (Notifier n = new Notifier(launcher, List.of(), Optional.empty(), "r1")) {
            n.instanceState("VI_1", NotifyState.STOP, 100, quick, false);
            assertThat(n.awaitStopNotifies(Duration.ofSeconds(5))).isTrue();
        }
        try (Notifier n = new Notifier(launcher, List.of(), Optional.empty(), "r1")) {
            n.instanceState("VI_1", NotifyState.STOP, 100, slow, false);
            long start = System.nanoTime();
            assertThat(n.awaitStopNotifies(Duration.ofMillis(300))).isFalse();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(3000);
        }
        launcher.terminateAll(Duration.ofSeconds(1));
        assertThat(launcher.liveCount()).isZero();
    }

    @Test
    void perScriptTimeoutKillsAHangingNotify() throws Exception {
        Path pid = dir.resolve("pid");
        NotifyScript hang = NotifyScript.of(List.of("/bin/sh", "-c", "echo $$ > " + pid + ".t; mv " + pid + ".t " + pid + "; exec sleep 100"))
                .withTimeout(Duration.ofMillis(300));
        try (Notifier n = new Notifier(launcher, List.of(), Optional.empty(), "r1")) {
            n.instanceState("VI_1", NotifyState.FAULT, 0, NotifyScripts.none().withFault(hang), false);
            long p = Long.parseLong(await("pid").getFirst().trim());
            Optional<ProcessHandle> h = ProcessHandle.of(p);
            if (h.isPresent()) {
                h.get().onExit().get(5, TimeUnit.SECONDS);
            }
        }
    }
}
