package io.jkeepalived.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The config corpus under src/test/resources/config-corpus, in a stable order. */
public final class CorpusFiles {
    private CorpusFiles() {}

    public static final Path ROOT = Path.of("src/test/resources/config-corpus").toAbsolutePath();

    /** Every config: samples/, seeds/, features/, errors/ (goldens and helpers excluded). */
    public static List<Path> all() {
        try (Stream<Path> s = Files.walk(ROOT)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> !p.getParent().equals(ROOT))
                    .filter(p -> !p.toString().contains("/golden/") && !p.toString().contains("/include/"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The path relative to the corpus root, e.g. {@code samples/keepalived.conf.sample}. */
    public static String name(Path p) {
        return ROOT.relativize(p.toAbsolutePath()).toString();
    }
}
