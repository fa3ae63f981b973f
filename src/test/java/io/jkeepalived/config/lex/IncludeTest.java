package io.jkeepalived.config.lex;

import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.config.Diagnostic;
import io.jkeepalived.config.Diagnostics;
import io.jkeepalived.config.SourcePos;
import io.jkeepalived.config.tree.Node;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncludeTest {
    @TempDir
    Path dir;

    private void write(String rel, String text) throws IOException {
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private record Loaded(List<Node> nodes, List<String> messages) {
        String tree() {
            return LexTesting.render(nodes, 0);
        }
    }

    private Loaded load(String main) throws IOException {
        write("keepalived.conf", main);
        var d = new Diagnostics();
        var nodes = ConfigReader.read(dir.resolve("keepalived.conf"), LexTesting.OPTS, d);
        return new Loaded(nodes, d.all().stream().map(Diagnostic::render).map(s -> s.replace(dir + "/", "")).toList());
    }

    @Test
    void includeIsRelativeToTheIncludingFileAndNests() throws IOException {
        write("conf.d/a.conf", "a1\ninclude sub/b.conf\na2\n");
        write("conf.d/sub/b.conf", "b1\n");
        var r = load("top1\ninclude conf.d/a.conf\ntop2\n");
        assertThat(r.messages()).isEmpty();
        assertThat(r.tree()).isEqualTo("top1\na1\nb1\na2\ntop2\n");
        Node b1 = r.nodes().get(2);
        SourcePos pos = b1.pos();
        assertThat(pos.file()).isEqualTo(dir.resolve("conf.d/sub/b.conf").toString());
        assertThat(pos.includedFrom()).extracting(SourcePos::toString).containsExactly(
                dir.resolve("keepalived.conf") + ":2:1", dir.resolve("conf.d/a.conf") + ":2:1");
    }

    @Test
    void includedFileCanCarryBlockContents() throws IOException {
        write("vips.conf", "198.18.0.1/24\n198.18.0.2/24\n");
        var r = load("virtual_ipaddress {\n  include vips.conf\n}\n");
        assertThat(r.messages()).isEmpty();
        assertThat(r.tree()).isEqualTo("virtual_ipaddress {\n  198.18.0.1/24\n  198.18.0.2/24\n");
    }

    @Test
    void globsMatchSortedAndBracesExpandInOrder() throws IOException {
        write("d/b.conf", "b\n");
        write("d/a.conf", "a\n");
        write("d/c.txt", "c\n");
        write("d/.hidden.conf", "hidden\n");
        write("x/one.conf", "one\n");
        write("y/two.conf", "two\n");
        var r = load("include d/*.conf\ninclude {y,x}/*.conf\n");
        assertThat(r.messages()).isEmpty();
        assertThat(r.tree()).isEqualTo("a\nb\ntwo\none\n");
    }

    @Test
    void plainIncludeOfAMissingFileIsOnlyAWarning() throws IOException {
        var r = load("include missing.conf\ninclude none/*.conf\nafter\n");
        assertThat(r.messages()).containsExactly("keepalived.conf:1:9: warning: include: no file matches 'missing.conf'\n"
                + "    hint: use includem to make this an error, or check the path");
        assertThat(r.tree()).isEqualTo("after\n");
    }

    @Test
    void checkedVariantsMakeMissingFilesErrors() throws IOException {
        write("d/a.conf", "a\n");
        var r = load("includem missing.conf\nincludew none/*.conf\nincludeb d/{a,zz}.conf\nincluder gone.conf\n");
        assertThat(r.messages()).containsExactly(
                "keepalived.conf:1:10: error: include: no file matches 'missing.conf'",
                "keepalived.conf:2:10: error: include: no file matches 'none/*.conf'",
                "keepalived.conf:3:10: error: include: no file matches 'd/zz.conf' from the braces of 'd/{a,zz}.conf'",
                "keepalived.conf:4:10: warning: include: no file matches 'gone.conf'\n"
                        + "    hint: use includem to make this an error, or check the path");
        assertThat(r.tree()).isEqualTo("a\n");
    }

    @Test
    void includeCheckSetsTheDefaultAndIsRestoredAfterAnIncludedFile() throws IOException {
        write("inner.conf", "global_defs {\n include_check -match\n}\ninclude missing-inner.conf\n");
        var r = load("global_defs {\n  include_check match\n}\ninclude inner.conf\ninclude missing-outer.conf\n");
        assertThat(r.messages()).containsExactly(
                "inner.conf:4:9: warning: include: no file matches 'missing-inner.conf'\n"
                        + "    hint: use includem to make this an error, or check the path\n"
                        + "    included from keepalived.conf:4:1",
                "keepalived.conf:5:9: error: include: no file matches 'missing-outer.conf'");
    }

    @Test
    void includeCheckAddsAndRemovesSingleChecks() throws IOException {
        write("d/a.conf", "a\n");
        var r = load("include_check wildcard_match\ninclude none/*.conf\ninclude_check -wildcard_match +brace_match\n"
                + "include none/*.conf\ninclude d/{a,b}.conf\ninclude_check bogus\n");
        assertThat(r.messages()).containsExactly(
                "keepalived.conf:2:9: error: include: no file matches 'none/*.conf'",
                "keepalived.conf:5:9: error: include: no file matches 'd/b.conf' from the braces of 'd/{a,b}.conf'",
                "keepalived.conf:6:15: error: unknown include_check option 'bogus'\n"
                        + "    hint: use readable, match, wildcard_match or brace_match");
    }

    @Test
    void allConfigMakesEveryMissingIncludeAnError() throws IOException {
        write("keepalived.conf", "include missing.conf\n");
        var d = new Diagnostics();
        ConfigReader.read(dir.resolve("keepalived.conf"), new ReaderOptions("main", java.util.Map.of(), true), d);
        assertThat(d.hasErrors()).isTrue();
    }

    @Test
    void includeLoopsAreDetected() throws IOException {
        write("a.conf", "a\ninclude b.conf\n");
        write("b.conf", "b\ninclude a.conf\n");
        var r = load("include a.conf\nend\n");
        assertThat(r.tree()).isEqualTo("a\nb\nend\n");
        assertThat(r.messages()).hasSize(1);
        assertThat(r.messages().getFirst()).startsWith("b.conf:2:1: error: include loop: ")
                .contains("a.conf is already being read")
                .endsWith("included from a.conf:2:1\n    included from keepalived.conf:1:1");
    }

    @Test
    void selfIncludeThroughAGlobIsDetected() throws IOException {
        var r = load("include *.conf\n");
        assertThat(r.messages()).hasSize(1);
        assertThat(r.messages().getFirst()).contains("include loop");
    }

    @Test
    void executableIncludesAreSkipped() throws IOException {
        write("x.conf", "x\n");
        Files.setPosixFilePermissions(dir.resolve("x.conf"), PosixFilePermissions.fromString("rwxr-xr-x"));
        var r = load("include x.conf\nafter\n");
        assertThat(r.tree()).isEqualTo("after\n");
        assertThat(r.messages()).hasSize(1);
        assertThat(r.messages().getFirst()).contains("warning: included file").contains("is not a regular non-executable file");
    }

    @Test
    void includeIsRecognisedAfterParametersAndConditionals() throws IOException {
        write("a.conf", "from_a\n");
        write("b.conf", "from_b\n");
        var r = load("$INC=include a.conf\n$INC\n@main include b.conf\n@other include a.conf\n$F=b.conf\ninclude $F\n");
        assertThat(r.messages()).isEmpty();
        assertThat(r.tree()).isEqualTo("from_a\nfrom_b\nfrom_b\n");
    }

    @Test
    void fileNameIsTheRestOfTheLine() throws IOException {
        write("my file.conf", "spaced\n");
        var r = load("include my file.conf\ninclude \"my file.conf\"\n");
        assertThat(r.messages()).isEmpty();
        assertThat(r.tree()).isEqualTo("spaced\nspaced\n");
    }

    @Test
    void pwdIsTheIncludedFilesDirectory() throws IOException {
        write("sub/s.conf", "pwd ${_PWD}\n");
        var r = load("pwd ${_PWD}\ninclude sub/s.conf\n");
        assertThat(r.tree()).isEqualTo("pwd " + dir + "\npwd " + dir.resolve("sub") + "\n");
    }

    @Test
    void missingMainFileIsAnErrorNotAnException() {
        var d = new Diagnostics();
        var nodes = ConfigReader.read(dir.resolve("nope.conf"), LexTesting.OPTS, d);
        assertThat(nodes).isEmpty();
        assertThat(d.all()).hasSize(1);
        assertThat(d.all().getFirst().render()).contains("error: cannot read configuration file");
    }

    @Test
    void blockOpenedInOneFileMayCloseInTheIncluder() throws IOException {
        write("head.conf", "vrrp_instance X {\n state MASTER\n");
        var r = load("include head.conf\n}\n");
        assertThat(r.messages()).isEmpty();
        assertThat(r.tree()).isEqualTo("vrrp_instance X {\n  state MASTER\n");
    }
}
