package io.jkeepalived.track;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTrackerTest {

    @TempDir
    Path dir;

    private final ThreadScheduler scheduler = new ThreadScheduler("jk-test-files");
    private final EventQueue sink = new EventQueue();

    @AfterEach
    void tearDown() {
        scheduler.close();
    }

    private int nextValue() throws InterruptedException {
        return ((TrackerEvent.FileValue) sink.next(Duration.ofSeconds(10))).value();
    }

    @Test
    void reportsTheValueAtStartAndEveryChange() throws Exception {
        Path f = dir.resolve("weight");
        Files.writeString(f, "5\n");
        try (FileTracker t = new FileTracker(List.of(FileSpec.of("tf", f)), scheduler, sink)) {
            t.start();
            assertThat(nextValue()).isEqualTo(5);
            Files.writeString(f, "-3\n");
            assertThat(nextValue()).isEqualTo(-3);
            Path tmp = dir.resolve("weight.new");
            Files.writeString(tmp, "9");
            Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            assertThat(nextValue()).isEqualTo(9);
            Files.delete(f);
            assertThat(nextValue()).isZero();
            Files.writeString(f, "not a number");
            // 0 again after delete: no change, so no event; then a real change
            Files.writeString(f, "7");
            assertThat(nextValue()).isEqualTo(7);
        }
    }

    @Test
    void badContentIsZeroAndCounted() throws Exception {
        Path f = dir.resolve("bad");
        Files.writeString(f, "banana");
        try (FileTracker t = new FileTracker(List.of(FileSpec.of("b", f)), scheduler, sink)) {
            t.start();
            assertThat(nextValue()).isZero();
            assertThat(t.badContentCount()).isEqualTo(1);
        }
    }

    @Test
    void initFileCreatesAndOverwrites() throws Exception {
        Path created = dir.resolve("created");
        Path kept = dir.resolve("kept");
        Path overwritten = dir.resolve("overwritten");
        Files.writeString(kept, "3");
        Files.writeString(overwritten, "3");
        List<FileSpec> specs = List.of(
                new FileSpec("c", created, Optional.of(new FileSpec.InitFile(11, false))),
                new FileSpec("k", kept, Optional.of(new FileSpec.InitFile(12, false))),
                new FileSpec("o", overwritten, Optional.of(new FileSpec.InitFile(13, true))));
        try (FileTracker t = new FileTracker(specs, scheduler, sink)) {
            t.start();
            assertThat(List.of(nextValue(), nextValue(), nextValue())).containsExactly(11, 3, 13);
        }
        assertThat(Files.readString(created).trim()).isEqualTo("11");
    }
}
