package io.jkeepalived.config.bind;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Every keyword listed for the blocks of behaviour §1.3–§1.8 (spec-keywords.txt: "block keyword", extracted from
 * keepalived's keyword tables) is recognised in its block: no "unknown keyword" for any of them.
 */
class KeywordCoverageTest {

    @Test
    void everySpecKeywordIsRecognised() throws IOException {
        String list;
        try (var in = Objects.requireNonNull(getClass().getResourceAsStream("/spec-keywords.txt"))) {
            list = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        var unknown = new ArrayList<String>();
        int n = 0;
        for (String line : list.split("\n")) {
            if (line.isBlank()) continue;
            String[] p = line.split(" ");
            String block = p[0];
            String keyword = p[1] + " 1";
            String conf = switch (block) {
                case "global_defs" -> "global_defs {\n" + keyword + "\n}\n";
                case "real_server" -> "virtual_server 198.18.0.1 80 {\n real_server 198.18.0.2 80 {\n" + keyword + "\n}\n}\n";
                case "TCP_CHECK" -> "virtual_server 198.18.0.1 80 {\n real_server 198.18.0.2 80 {\n TCP_CHECK {\n"
                        + keyword + "\n}\n}\n}\n";
                default -> block + " N {\n" + keyword + "\n}\n";
            };
            n++;
            Load.text(conf).diagnostics().stream().filter(d -> d.message().startsWith("unknown keyword"))
                    .forEach(d -> unknown.add(block + ": " + d.message()));
        }
        assertThat(n).isGreaterThan(250);
        assertThat(unknown).isEmpty();
    }
}
