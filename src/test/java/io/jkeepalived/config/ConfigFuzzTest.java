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

    private static final String[] WORDS = {"vrrp_instance", "virtual_server", "real_server", "global_defs",
            "vrrp_script", "vrrp_sync_group", "group", "track_script", "virtual_ipaddress", "interface", "priority",
            "state", "MASTER", "advert_int", "version", "3", "TCP_CHECK", "HTTP_GET", "url", "path", "/", "weight",
            "198.18.0.1", "2001:db8::1", "198.18.0.0/15", "fwmark", "lb_algo", "rr", "{", "}", "{", "}", "\n", "\n",
            "authentication", "auth_pass", "vrrp_strict", "nopreempt", "preempt_delay", "unicast_peer", "dev", "eth0",
            "virtual_routes", "virtual_rules", "from", "to", "table", "via", "MISC_CHECK", "misc_path", "\"/bin/true x\"",
            "A", "B", "-7", "1e3", "0x10", "sorry_server", "persistence_timeout", "static_ipaddress", "SSL"};

    @Test
    void randomTokenSoupOnlyYieldsDiagnostics() {
        var rnd = new SplittableRandom(42);
        var options = new ReaderOptions("fuzz", Map.of(), false);
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            for (int round = 0; round < 2000; round++) {
                var sb = new StringBuilder();
                int n = rnd.nextInt(200);
                for (int i = 0; i < n; i++) {
                    String w = WORDS[rnd.nextInt(WORDS.length)];
                    sb.append(w).append(rnd.nextInt(4) == 0 ? "\n" : " ");
                }
                LoadResult r = ConfigLoader.loadString(sb.toString(), "soup.conf", Path.of("/nonexistent-dir"), options);
                assertThat(r.diagnostics()).as("round %d:%n%s", round, sb)
                        .noneMatch(d -> d.message().startsWith("internal error"));
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
