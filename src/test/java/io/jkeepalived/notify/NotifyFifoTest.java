package io.jkeepalived.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.script.RunningScript;
import io.jkeepalived.script.ScriptLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real FIFO on disk: creation, its reader script, reload, and writes that never block. */
class NotifyFifoTest {

    @TempDir
    Path dir;

    private final ScriptLauncher launcher = ScriptLauncher.system();

    @AfterEach
    void tearDown() {
        launcher.close();
    }

    private NotifyFifo open(Path path, Optional<List<String>> script) {
        return ((NotifyFifo.Ready) NotifyFifo.open(path, script, Optional.empty(), launcher)).fifo();
    }

    @Test
    void theFifoScriptGetsThePathAndReadsTheLinesInOrder() throws Exception {
        Path fifoPath = dir.resolve("notify.fifo");
        Path linesOut = dir.resolve("fifo-lines");
        Path argsOut = dir.resolve("fifo-args");
        List<String> script = List.of("/bin/sh", "-c",
                "printf '%s\\n' \"$@\" > " + argsOut + "; exec head -n 2 \"$1\" > " + linesOut, "fifo-script");
        NotifyFifo fifo = open(fifoPath, Optional.of(script));
        RunningScript reader = fifo.script().orElseThrow();
        try {
            assertThat(Files.readAttributes(fifoPath, PosixFileAttributes.class).isOther()).isTrue();
            fifo.write("INSTANCE \"VI_1\" BACKUP 90\n");
            fifo.write("GROUP \"G1\" MASTER 0\n");
            fifo.flush(TimeUnit.SECONDS.toNanos(5));
            assertThat(fifo.writtenLines()).isEqualTo(2);
            assertThat(reader.exit().get(5, TimeUnit.SECONDS)).isZero(); // head exits after two lines
        } finally {
            fifo.close();
        }
        assertThat(Files.readAllLines(linesOut)).containsExactly("INSTANCE \"VI_1\" BACKUP 90", "GROUP \"G1\" MASTER 0");
        assertThat(Files.readAllLines(argsOut)).containsExactly(fifoPath.toString());
        assertThat(Files.exists(fifoPath)).as("fifo we created is removed on close").isFalse();
    }

    @Test
    void reloadRecreatesTheFifoAndRestartsItsScript() throws Exception {
        Path fifoPath = dir.resolve("reload.fifo");
        List<String> script = List.of("/bin/sh", "-c", "exec sleep 100", "fifo-script");
        NotifyFifo first = open(fifoPath, Optional.of(script));
        RunningScript firstScript = first.script().orElseThrow();
        first.close();
        assertThat(firstScript.exit().get(5, TimeUnit.SECONDS)).isEqualTo(128 + 15); // SIGTERM
        assertThat(Files.exists(fifoPath)).isFalse();
        NotifyFifo second = open(fifoPath, Optional.of(script));
        try {
            assertThat(Files.readAttributes(fifoPath, PosixFileAttributes.class).isOther()).isTrue();
            assertThat(second.script().orElseThrow().isAlive()).isTrue();
            assertThat(second.script().orElseThrow().argv())
                    .containsExactly("/bin/sh", "-c", "exec sleep 100", "fifo-script", fifoPath.toString());
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
    void writesNeverBlockWithoutAReaderAndDropsAreCounted() {
        NotifyFifo fifo = open(dir.resolve("noreader.fifo"), Optional.empty());
        try {
            String line = "INSTANCE \"VI_" + "x".repeat(200) + "\" MASTER 100\n";
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
}
