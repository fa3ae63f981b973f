package io.jkeepalived.config;

import io.jkeepalived.config.bind.Binder;
import io.jkeepalived.config.lex.ConfigReader;
import io.jkeepalived.config.lex.ReaderOptions;
import io.jkeepalived.config.tree.Node;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** keepalived.conf → typed, validated config plus diagnostics. Never throws. */
public final class ConfigLoader {
    private ConfigLoader() {}

    /** Loads without looking at the machine (interfaces and scripts are assumed present). */
    public static LoadResult load(Path file, ReaderOptions options) {
        return load(file, options, HostView.ASSUME_PRESENT);
    }

    /** Loads and checks interfaces and script commands against {@code host}, as keepalived -t does. */
    public static LoadResult load(Path file, ReaderOptions options, HostView host) {
        var diags = new Diagnostics();
        if (!Files.isReadable(file)) {
            diags.error(SourcePos.of(file.toString(), 0, 0), "configuration file " + file + " cannot be read");
            return new LoadResult(Optional.empty(), diags.all(), LoadResult.HostFindings.NONE);
        }
        return guarded(diags, file.toString(), host, () -> ConfigReader.read(file, options, diags));
    }

    /** The same from text (tests, fuzzing); includes resolve relative to {@code baseDir}. */
    public static LoadResult loadString(String text, String fileName, Path baseDir, ReaderOptions options) {
        var diags = new Diagnostics();
        return guarded(diags, fileName, HostView.ASSUME_PRESENT,
                () -> ConfigReader.readString(text, fileName, baseDir, options, diags));
    }

    /** Binds an already-read tree (tests that build trees by hand). */
    public static LoadResult bind(List<Node> tree, Diagnostics diags) {
        return guarded(diags, "?", HostView.ASSUME_PRESENT, () -> tree);
    }

    private static LoadResult guarded(Diagnostics diags, String name, HostView host, Supplier<List<Node>> read) {
        try {
            var bound = Binder.bind(read.get(), diags, host);
            return new LoadResult(Optional.of(bound.config()), diags.all(),
                    new LoadResult.HostFindings(bound.missingInterface(), bound.runnableScripts()));
        } catch (RuntimeException | StackOverflowError e) {
            // A bug of ours must not take the caller down: report it as a diagnostic instead.
            diags.error(SourcePos.of(name, 0, 0), "internal error while loading the configuration: " + e);
            return new LoadResult(Optional.empty(), diags.all(), LoadResult.HostFindings.NONE);
        }
    }
}
