package io.jkeepalived.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.config.json.ConfigJson;
import io.jkeepalived.config.lex.ReaderOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every corpus config against its reviewed goldens: the rendered diagnostics ({@code .diag}) and
 * the effective-config JSON ({@code .json}) under config-corpus/golden/. Regenerate with
 * {@code -Dgolden.update=true}, then review the diff before committing.
 */
class CorpusGoldenTest {
    static final Path GOLDEN = CorpusFiles.ROOT.resolve("golden");
    static final ReaderOptions OPTIONS = new ReaderOptions("jk-golden", Map.of(), false);

    @TestFactory
    Stream<DynamicTest> corpusMatchesGoldens() {
        boolean update = Boolean.getBoolean("golden.update");
        return CorpusFiles.all().stream().map(file -> DynamicTest.dynamicTest(CorpusFiles.name(file), () -> {
            LoadResult r = ConfigLoader.load(file, OPTIONS);
            String prefix = CorpusFiles.ROOT + "/";
            var diag = new StringBuilder();
            r.diagnostics().forEach(d -> diag.append(d.render().replace(prefix, "")).append('\n'));
            String json = r.config().map(ConfigJson::render).orElse("null\n");
            assertThat(r.config()).as("a config is always produced").isPresent();
            check(GOLDEN.resolve(CorpusFiles.name(file) + ".diag"), diag.toString(), update);
            check(GOLDEN.resolve(CorpusFiles.name(file) + ".json"), json, update);
        }));
    }

    /** The loader binds each top-level block as soon as it is read: the same as binding the whole tree. */
    @TestFactory
    Stream<DynamicTest> bindingWhileReadingEqualsBindingTheFinishedTree() {
        return CorpusFiles.all().stream().map(file -> DynamicTest.dynamicTest(CorpusFiles.name(file), () -> {
            LoadResult streamed = ConfigLoader.load(file, OPTIONS);
            var diags = new Diagnostics();
            LoadResult whole = ConfigLoader.bind(io.jkeepalived.config.lex.ConfigReader.read(file, OPTIONS, diags), diags);
            assertThat(streamed.diagnostics()).isEqualTo(whole.diagnostics());
            assertThat(streamed.config()).isEqualTo(whole.config());
            assertThat(streamed.host()).isEqualTo(whole.host());
        }));
    }

    private static void check(Path golden, String actual, boolean update) throws IOException {
        if (update) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, actual);
            return;
        }
        assertThat(golden).as("golden file (run with -Dgolden.update=true)").exists();
        assertThat(actual).isEqualTo(Files.readString(golden));
    }
}
