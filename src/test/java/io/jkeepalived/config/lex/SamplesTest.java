package io.jkeepalived.config.lex;

import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.config.Diagnostic;
import io.jkeepalived.config.Diagnostics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/**
 * Every sample Debian's keepalived package ships reads without a lexical problem. Interop tier: the samples
 * come with that package (the tier's peer), and a run without them fails saying so rather than passing empty.
 */
@Tag("interop")
class SamplesTest {
    static final Path SAMPLES = Path.of("/usr/share/doc/keepalived/samples");
    private static final String INSTALL = "keepalived samples missing in " + SAMPLES
            + ": install Debian's keepalived package (apt-get install keepalived, or ./jk setup)";

    static List<Path> samples() {
        if (!Files.isDirectory(SAMPLES)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(SAMPLES)) {
            return s.filter(p -> p.getFileName().toString().startsWith("keepalived.conf")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    @org.junit.jupiter.api.Test
    void conditionalSampleFollowsTheConfigId() {
        Path p = SAMPLES.resolve("keepalived.conf.conditional_conf");
        assertThat(Files.isReadable(p)).as(INSTALL).isTrue();
        for (String id : List.of("high", "low")) {
            var d = new Diagnostics();
            var nodes = ConfigReader.read(p, new ReaderOptions(id, java.util.Map.of(), false), d);
            assertThat(d.all()).isEmpty();
            String tree = LexTesting.render(nodes, 0);
            assertThat(tree).startsWith("net_namespace " + id + "\n")
                    .contains("  script /etc/keepalived/scripts/check_" + id + "_VI_0.sh\n")
                    .contains("  priority " + (id.equals("high") ? "170" : "85") + "\n");
        }
    }

    @TestFactory
    Stream<DynamicTest> samplesReadCleanly() {
        List<Path> files = samples();
        assertThat(files).as(INSTALL).isNotEmpty();
        return files.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            var d = new Diagnostics();
            var nodes = ConfigReader.read(p, new ReaderOptions("main", java.util.Map.of(), false), d);
            assertThat(d.all()).extracting(Diagnostic::render).isEmpty();
            assertThat(nodes).isNotEmpty();
        }));
    }
}
