package io.jkeepalived.config.lex;

import io.jkeepalived.config.Diagnostics;
import io.jkeepalived.config.SourcePos;
import io.jkeepalived.config.tree.Node;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Reads keepalived.conf text into the block tree: the one entry point of the config language.
 * Every problem becomes a diagnostic; nothing is thrown for bad input.
 */
public final class ConfigReader {
    private ConfigReader() {}

    /** Reads the file and everything it includes into top-level nodes; every problem goes to diags. Never throws (I/O errors become diagnostics). */
    public static List<Node> read(Path file, ReaderOptions options, Diagnostics diags) {
        var pp = new Preprocessor(options, diags);
        pp.pushFile(file);
        return run(pp, diags, file.toString());
    }

    /** Same, from text (for tests and fuzzing); includes resolve relative to baseDir. */
    public static List<Node> readString(String text, String fileName, Path baseDir, ReaderOptions options,
            Diagnostics diags) {
        var pp = new Preprocessor(options, diags);
        pp.pushText(fileName, baseDir, text);
        return run(pp, diags, fileName);
    }

    private static List<Node> run(Preprocessor pp, Diagnostics diags, String name) {
        var tree = new TreeBuilder(diags);
        try {
            for (Optional<Line> line = pp.next(); line.isPresent(); line = pp.next()) {
                tree.line(LineLexer.lex(line.get(), diags));
            }
        } catch (StackOverflowError | OutOfMemoryError e) {
            // a last line of defence: limits in the preprocessor should make this unreachable
            diags.error(SourcePos.of(name, 0, 0), "configuration too complex to read: " + e);
        }
        return tree.finish();
    }
}
