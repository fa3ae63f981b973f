package io.jkeepalived.config.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.config.CorpusFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Runs Debian's {@code keepalived -t} and ours on every corpus file, inside a namespace that has the
 * interfaces each config names. Asserts that we accept what keepalived accepts and that every line
 * keepalived flags is also flagged by us; documented differences are listed in
 * docs/compatibility.md and in {@link #KNOWN}. Writes target/interop-config-report.txt.
 */
@Tag("interop")
class KeepalivedComparisonTest {

    /** Interface names the corpus uses, plus the ones some configs name in passing. */
    private static final Pattern IFACE = Pattern.compile(
            "(?m)^\\s*(?:interface|lvs_sync_daemon_interface|lvs_sync_daemon)\\s+([A-Za-z][\\w.-]*)|\\bdev\\s+([A-Za-z][\\w.-]*)");
    private static final Pattern TRACK_IF = Pattern.compile("(?s)track_interface\\s*\\{(.*?)}");
    private static final Pattern K_LINE = Pattern.compile("\\((?:[^:()]*: )?Line (\\d+)\\)");
    private static final Pattern J_LINE = Pattern.compile("^[^\\s:]+:(\\d+):\\d+: (?:error|warning)", Pattern.MULTILINE);

    /** file → lines keepalived flags that we deliberately do not, with the reason. */
    private static final Map<String, Map<Integer, String>> KNOWN = Map.of(
            "samples/keepalived.conf.conditional_conf", Map.of(13,
                    "keepalived reports a vrrp_script without 'script' at its closing brace; we report at its opening line"),
            "features/trackers_and_sync.conf", Map.of(73,
                    "keepalived reports the unicast + use_vmac fix-up at the instance's closing brace; we report it"
                            + " at the use_vmac line (72)"),
            "errors/unknown_and_ranges.conf", Map.of(28,
                    "keepalived's lexer loses the block after an unknown 'TCP_CHEK {' and reports its '}' as a keyword;"
                            + " we skip the whole unknown block"));

    @Test
    void acceptsWhatKeepalivedAcceptsAndReportsWhatItReports() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String cp = System.getProperty("java.class.path");
        var report = new StringBuilder();
        var failures = new ArrayList<String>();
        int n = 0;
        for (Path file : CorpusFiles.all()) {
            String text = Files.readString(file);
            var ifaces = new TreeSet<String>();
            var m = IFACE.matcher(text);
            while (m.find()) {
                String name = m.group(1) != null ? m.group(1) : m.group(2);
                if (name.length() <= 15 && !name.contains(":")) ifaces.add(name);
            }
            var t = TRACK_IF.matcher(text);
            while (t.find()) {
                for (String line : t.group(1).split("\n")) {
                    String w = line.strip().split("\\s+")[0];
                    if (!w.isEmpty() && w.length() <= 15 && w.matches("[A-Za-z][\\w.-]*")) ifaces.add(w);
                }
            }
            ifaces.removeIf(s -> s.equals("lo"));
            try (var ns = new NetnsFixture("jk-cfg-cmp" + n++, ifaces)) {
                var k = ns.exec(List.of("keepalived", "-t", "-f", file.toString()), 60);
                var j = ns.exec(List.of(java.toString(), "-cp", cp, "io.jkeepalived.cli.Main", "-t", "-f",
                        file.toString()), 120);
                Set<Integer> kLines = lines(K_LINE, k.stderr());
                Set<Integer> jLines = lines(J_LINE, j.stderr());
                var missing = new TreeSet<>(kLines);
                missing.removeAll(jLines);
                missing.removeAll(KNOWN.getOrDefault(CorpusFiles.name(file), Map.of()).keySet());
                report.append("== ").append(CorpusFiles.name(file)).append("  interfaces ").append(ifaces)
                        .append("\n  keepalived exit ").append(k.exit()).append(", jkeepalived exit ").append(j.exit())
                        .append("\n").append(indent("K", k.stderr())).append(indent("J", j.stderr()));
                if (k.exit() == 0 && j.exit() != 0) failures.add(CorpusFiles.name(file) + ": keepalived accepts, we exit " + j.exit());
                if (k.exit() != 0 && j.exit() == 0 && !kLines.isEmpty() && !missing.isEmpty()) {
                    failures.add(CorpusFiles.name(file) + ": keepalived exits " + k.exit() + ", we accept");
                }
                if (!missing.isEmpty()) failures.add(CorpusFiles.name(file) + ": keepalived flags lines " + missing + " we do not");
            }
        }
        report.append("\nFAILURES\n").append(String.join("\n", failures)).append("\n");
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/interop-config-report.txt"), report);
        assertThat(failures).isEmpty();
    }

    private static Set<Integer> lines(Pattern p, String text) {
        var out = new TreeSet<Integer>();
        var m = p.matcher(text);
        while (m.find()) out.add(Integer.parseInt(m.group(1)));
        return out;
    }

    private static String indent(String tag, String text) {
        var sb = new StringBuilder();
        for (String l : text.split("\n")) if (!l.isBlank()) sb.append("  ").append(tag).append(": ").append(l).append("\n");
        return sb.toString();
    }
}
