package io.jkeepalived.config;

import io.jkeepalived.config.bind.Binder;
import io.jkeepalived.config.lex.ConfigReader;
import io.jkeepalived.config.lex.ReaderOptions;
import io.jkeepalived.config.tree.Node;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** keepalived.conf → typed, validated config plus diagnostics. Never throws. */
public final class ConfigLoader {
    private ConfigLoader() {}

    public static LoadResult load(Path file, ReaderOptions options) {
        var diags = new Diagnostics();
        if (!Files.isReadable(file)) {
            diags.error(SourcePos.of(file.toString(), 0, 0), "configuration file " + file + " cannot be read");
            return new LoadResult(Optional.empty(), diags.all());
        }
        return guarded(diags, file.toString(), () -> ConfigReader.read(file, options, diags));
    }

    /** The same from text (tests, fuzzing); includes resolve relative to {@code baseDir}. */
    public static LoadResult loadString(String text, String fileName, Path baseDir, ReaderOptions options) {
        var diags = new Diagnostics();
        return guarded(diags, fileName, () -> ConfigReader.readString(text, fileName, baseDir, options, diags));
    }

    /** Binds an already-read tree. */
    public static LoadResult bind(List<Node> tree, Diagnostics diags) {
        return guarded(diags, "?", () -> tree);
    }

    private static LoadResult guarded(Diagnostics diags, String name, java.util.function.Supplier<List<Node>> read) {
        try {
            var tree = read.get();
            return new LoadResult(Optional.of(Binder.bind(tree, diags)), diags.all());
        } catch (RuntimeException | StackOverflowError e) {
            // A bug of ours must not take the caller down: report it as a diagnostic instead.
            diags.error(SourcePos.of(name, 0, 0), "internal error while loading the configuration: " + e);
            return new LoadResult(Optional.empty(), diags.all());
        }
    }
}
