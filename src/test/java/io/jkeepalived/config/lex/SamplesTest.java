package io.jkeepalived.config.lex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jkeepalived.config.Diagnostic;
import io.jkeepalived.config.Diagnostics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every sample Debian's keepalived package ships reads without a lexical problem. */
class SamplesTest {
    static final Path SAMPLES = Path.of("/usr/share/doc/keepalived/samples");

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

    @TestFactory
    Stream<DynamicTest> samplesReadCleanly() {
        List<Path> files = samples();
        assumeTrue(!files.isEmpty(), "keepalived samples are not installed");
        return files.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            var d = new Diagnostics();
            var nodes = ConfigReader.read(p, new ReaderOptions("main", java.util.Map.of(), false), d);
            assertThat(d.all()).extracting(Diagnostic::render).isEmpty();
            assertThat(nodes).isNotEmpty();
        }));
    }
}
