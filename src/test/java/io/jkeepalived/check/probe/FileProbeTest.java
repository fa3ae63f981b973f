package io.jkeepalived.check.probe;

import static io.jkeepalived.check.probe.HttpTestSupport.reasonOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileProbeTest {

    private static final Duration T = Duration.ofSeconds(1);

    @TempDir
    Path dir;

    private Path file(String content) throws Exception {
        return Files.writeString(dir.resolve("f" + content.hashCode()), content);
    }

    @Test
    void weightZeroMeansZeroIsUpAndAnythingElseDown() throws Exception {
        assertThat(new FileProbe(file("0\n"), 0, false, 5).run(T)).isInstanceOf(ProbeResult.Up.class);
        assertThat(reasonOf(new FileProbe(file("3\n"), 0, false, 5).run(T))).isEqualTo(FailureReason.FILE_DOWN);
        assertThat(reasonOf(new FileProbe(file("0\n"), 0, true, 5).run(T))).isEqualTo(FailureReason.FILE_DOWN);
        assertThat(new FileProbe(file("3\n"), 0, true, 5).run(T)).isInstanceOf(ProbeResult.Up.class);
    }

    @Test
    void aWeightAddsValueTimesWeightToTheServerWeight() throws Exception {
        assertThat(((ProbeResult.Up) new FileProbe(file("4"), 2, false, 10).run(T)).weight()).hasValue(18);
        assertThat(((ProbeResult.Up) new FileProbe(file("4"), 2, true, 10).run(T)).weight()).hasValue(2);
        assertThat(((ProbeResult.Up) new FileProbe(file("-40"), 1, false, 10).run(T)).weight()).hasValue(0);
        assertThat(reasonOf(new FileProbe(file("-2147483648"), 1, false, 10).run(T))).isEqualTo(FailureReason.FILE_DOWN);
    }

    @Test
    void readsNumbersLikeStrtol() {
        assertThat(FileProbe.strtol("  0x1f junk")).isEqualTo(31);
        assertThat(FileProbe.strtol("010")).isEqualTo(8);
        assertThat(FileProbe.strtol("garbage")).isZero();
        assertThat(FileProbe.strtol("-99999999999")).isEqualTo(Integer.MIN_VALUE);
    }

    @Test
    void aMissingFileIsAnIoError() {
        assertThat(reasonOf(new FileProbe(dir.resolve("none"), 1, false, 1).run(T))).isEqualTo(FailureReason.IO_ERROR);
    }
}
