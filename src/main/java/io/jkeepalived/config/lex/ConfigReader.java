package io.jkeepalived.config.lex;

import io.jkeepalived.config.Diagnostics;
import io.jkeepalived.config.SourcePos;
import io.jkeepalived.config.tree.Node;
import io.jkeepalived.config.tree.Token;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads keepalived.conf text into the block tree: the one entry point of the config language.
 * Every problem becomes a diagnostic; nothing is thrown for bad input.
 */
public final class ConfigReader {
    private ConfigReader() {}

    /** Reads the file and everything it includes into top-level nodes; every problem goes to diags. Never throws (I/O errors become diagnostics). */
    public static List<Node> read(Path file, ReaderOptions options, Diagnostics diags) {
        var pp = new Preprocessor(options, diags, Preprocessor.Limits.DEFAULT);
        pp.pushFile(file);
        return run(pp, diags, file.toString(), new TreeBuilder(diags)).finish();
    }

    /**
     * Reads the file as {@link #read(Path, ReaderOptions, Diagnostics)} does, handing each top-level
     * node to {@code topLevel} as soon as it is complete, so a caller that binds it at once lets its
     * subtree go: the whole tree of a big config never lives at one time.
     */
    public static void read(Path file, ReaderOptions options, Diagnostics diags, Consumer<Node> topLevel) {
        var pp = new Preprocessor(options, diags, Preprocessor.Limits.DEFAULT);
        pp.pushFile(file);
        run(pp, diags, file.toString(), new TreeBuilder(diags, topLevel)).end();
    }

    /** {@link #read(Path, ReaderOptions, Diagnostics, Consumer)} from text. */
    public static void readString(String text, String fileName, Path baseDir, ReaderOptions options,
            Diagnostics diags, Consumer<Node> topLevel) {
        var pp = new Preprocessor(options, diags, Preprocessor.Limits.DEFAULT);
        pp.pushText(fileName, baseDir, text);
        run(pp, diags, fileName, new TreeBuilder(diags, topLevel)).end();
    }

    /** Same, from text (for tests and fuzzing); includes resolve relative to baseDir. */
    public static List<Node> readString(String text, String fileName, Path baseDir, ReaderOptions options,
            Diagnostics diags) {
        return readString(text, fileName, baseDir, options, diags, Preprocessor.Limits.DEFAULT);
    }

    static List<Node> readString(String text, String fileName, Path baseDir, ReaderOptions options,
            Diagnostics diags, Preprocessor.Limits limits) {
        var pp = new Preprocessor(options, diags, limits);
        pp.pushText(fileName, baseDir, text);
        return run(pp, diags, fileName, new TreeBuilder(diags)).finish();
    }

    /** Feeds every logical line to {@code tree}; the caller finishes it. */
    private static TreeBuilder run(Preprocessor pp, Diagnostics diags, String name, TreeBuilder tree) {
        var words = new ArrayList<Token>();
        var recent = new LineLexer.Recent();
        try {
            while (pp.advance()) {
                Line line = pp.line();
                int from = pp.from();
                int to = pp.to();
                if (to - from == 1 && line.charAt(from) == '{') {
                    tree.openBrace(line, from);
                } else if (to - from == 1 && line.charAt(from) == '}') {
                    tree.closeBrace(line, from);
                } else {
                    words.clear();
                    LineLexer.words(line, from, to, diags, words, recent);
                    languageStatement(words, pp, diags);
                    tree.statement(words);
                }
            }
        } catch (StackOverflowError | OutOfMemoryError e) {
            // a last line of defence: the limits in the preprocessor should make this unreachable
            diags.error(SourcePos.of(name, 0, 0), "configuration too complex to read: " + e);
        }
        return tree;
    }

    /** The two global_defs keywords that change how the rest of the text is read. */
    private static void languageStatement(List<Token> words, Preprocessor pp, Diagnostics diags) {
        if (words.isEmpty()) {
            return;
        }
        switch (words.getFirst().text()) {
            case "include_check" -> pp.includeCheck().apply(words.subList(1, words.size()), words.getFirst().pos());
            case "random_seed" -> {
                if (words.size() >= 2) {
                    try {
                        pp.seedRandom(Long.parseUnsignedLong(words.get(1).text()));
                    } catch (NumberFormatException e) {
                        // the binder reports the bad number; ${_RANDOM} stays unseeded
                    }
                }
            }
            default -> { }
        }
    }
}
