package io.jkeepalived;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Code, tests and docs cite the project's behaviour reference by section number ("behaviour", then
 * the section sign and a number such as 3.4). Every such citation must land on a numbered heading of
 * docs/behaviour.md, so a maintainer can follow it from a clone of this repository alone; section
 * numbers of the RFCs ("RFC 3768" followed by a section) are not ours and are skipped. The section
 * sign is written as a Unicode escape here so that this file does not cite anything itself.
 */
class BehaviourCitationsTest {
    private static final String SECTION = "\u00a7";
    private static final Path REFERENCE = Path.of("docs", "behaviour.md");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(\\d+(?:\\.\\d+)*)\\.?\\s");
    private static final Pattern CITATION = Pattern.compile(
            SECTION + "\\s*(\\d+(?:\\.\\d+)*)(?:\\s*[\u2013-]\\s*" + SECTION + "?(\\d+(?:\\.\\d+)*))?");
    private static final Pattern RFC_BEFORE = Pattern.compile("RFC\\s*\\d+\\s*$");
    private static final Pattern LIST_GLUE = Pattern.compile("^\\s*(?:,|/|and|or)\\s*$");
    private static final Pattern FOREIGN_PREFIX = Pattern.compile("(?i)\\b(?:spec|reference)\\s*" + SECTION);

    @Test
    void everyCitationInSrcDocsAndReadmeHasAHeadingInTheBehaviourReference() throws IOException {
        Set<String> headings = headings(Files.readString(REFERENCE, StandardCharsets.UTF_8));
        assertThat(headings).as("numbered headings of " + REFERENCE).contains("3.3", "3.13");
        List<String> problems = new ArrayList<>();
        int citations = 0;
        for (Path file : citingFiles()) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            citations += ours(text).size();
            for (String bad : unresolved(text, headings)) {
                problems.add(file + ": " + SECTION + bad + " has no heading in " + REFERENCE);
            }
            Matcher foreign = FOREIGN_PREFIX.matcher(text);
            while (foreign.find()) {
                problems.add(file + ": '" + foreign.group() + "' cites a document outside the repository;"
                        + " cite behaviour " + SECTION + " instead");
            }
        }
        assertThat(citations).as("citations found (is the scan looking at the right tree?)").isGreaterThan(40);
        assertThat(problems).isEmpty();
    }

    @Test
    void headingNumbersAreUnique() throws IOException {
        List<String> numbers = new ArrayList<>();
        for (String line : Files.readString(REFERENCE, StandardCharsets.UTF_8).split("\n")) {
            Matcher m = HEADING.matcher(line);
            if (m.find()) {
                numbers.add(m.group(1));
            }
        }
        assertThat(numbers).doesNotHaveDuplicates();
    }

    @Test
    void theCheckerFindsWhatDoesNotResolveAndSkipsTheRfcs() {
        Set<String> headings = headings("## 3. VRRP\n### 3.3 Timers\n### 3.4 Adverts\n");
        String text = "see behaviour " + SECTION + "3.3 and " + SECTION + "3.4, " + SECTION + "9.9\n"
                + "RFC 3768 " + SECTION + "6.4.2 / RFC 5798 " + SECTION + "6.4.2, " + SECTION + "7.1\n"
                + "(behaviour " + SECTION + "3.3\u20133.7, " + SECTION + "3)\n";
        assertThat(unresolved(text, headings)).containsExactly("9.9", "3.7");
        assertThat(ours(text)).containsExactly("3.3", "3.4", "9.9", "3.3", "3.7", "3");
    }

    /** The section numbers of the reference's numbered headings ("## 3.", "### 3.4 Receiving adverts"). */
    static Set<String> headings(String markdown) {
        Set<String> out = new LinkedHashSet<>();
        for (String line : markdown.split("\n")) {
            Matcher m = HEADING.matcher(line);
            if (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    static List<String> unresolved(String text, Set<String> headings) {
        return ours(text).stream().filter(n -> !headings.contains(n)).toList();
    }

    /**
     * Every section number cited in {@code text} that is not an RFC's: a citation right after
     * "RFC nnnn" is the RFC's, and so is one joined to it by a comma, slash, "and" or "or" only.
     * Both ends of a range are returned.
     */
    static List<String> ours(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher m = CITATION.matcher(line);
            int previousEnd = -1;
            boolean previousRfc = false;
            while (m.find()) {
                String before = line.substring(previousEnd < 0 ? 0 : previousEnd, m.start());
                boolean rfc = RFC_BEFORE.matcher(before).find()
                        || (previousEnd >= 0 && previousRfc && LIST_GLUE.matcher(before).matches());
                if (!rfc) {
                    out.add(m.group(1));
                    if (m.group(2) != null) {
                        out.add(m.group(2));
                    }
                }
                previousEnd = m.end();
                previousRfc = rfc;
            }
        }
        return out;
    }

    private static List<Path> citingFiles() throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path root : List.of(Path.of("src"), Path.of("docs"))) {
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(Files::isRegularFile)
                        .filter(p -> p.toString().endsWith(".java") || p.toString().endsWith(".md"))
                        .forEach(out::add);
            }
        }
        out.add(Path.of("README.md"));
        return out;
    }
}
