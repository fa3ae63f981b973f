package io.jkeepalived.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.jkeepalived.config.lex.ReaderOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Mutates corpus configs (byte flips, deleted/duplicated lines, braces, numbers, junk tokens) and
 * runs the whole loader: it must only ever produce diagnostics, never throw or hang.
 */
class ConfigFuzzTest {
    private static final String[] JUNK = {"{", "}", "\"", "'", "\\", "$X=", "${X}", "@id", "~SEQ(i,1,3)", "999999999999",
            "-1", "0.0000001", "::", "/33", "include", "virtual_ipaddress {", "#", "!", "\t", "\0", "é", "1e9"};

    @Test
    void mutatedConfigsOnlyYieldDiagnostics() {
        var rnd = new SplittableRandom(0x6b656570L);
        List<Path> corpus = CorpusFiles.all();
        var options = new ReaderOptions("fuzz", Map.of(), false);
        assertTimeoutPreemptively(Duration.ofMinutes(3), () -> {
            for (int round = 0; round < 3000; round++) {
                Path file = corpus.get(rnd.nextInt(corpus.size()));
                String text = mutate(Files.readString(file), rnd);
                LoadResult r = ConfigLoader.loadString(text, "fuzz.conf", Path.of("/nonexistent-dir"), options);
                assertThat(r.diagnostics()).as("round %d on %s", round, file)
                        .noneMatch(d -> d.message().startsWith("internal error"));
                assertThat(r.config()).isPresent();
            }
        });
    }

    static String mutate(String text, SplittableRandom rnd) {
        var sb = new StringBuilder(text);
        int edits = 1 + rnd.nextInt(8);
        for (int e = 0; e < edits && !sb.isEmpty(); e++) {
            int at = rnd.nextInt(sb.length());
            switch (rnd.nextInt(5)) {
                case 0 -> sb.setCharAt(at, (char) (32 + rnd.nextInt(95)));
                case 1 -> sb.insert(at, " " + JUNK[rnd.nextInt(JUNK.length)] + " ");
                case 2 -> sb.delete(at, Math.min(sb.length(), at + rnd.nextInt(40)));
                case 3 -> {
                    int end = sb.indexOf("\n", at);
                    if (end > 0) sb.insert(end, sb.substring(at, end));
                }
                default -> sb.insert(at, Integer.toString(rnd.nextInt() >> rnd.nextInt(31)));
            }
        }
        return sb.toString();
    }
}
