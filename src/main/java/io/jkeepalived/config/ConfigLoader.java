package io.jkeepalived.config;

import io.jkeepalived.config.bind.Binder;
import io.jkeepalived.config.lex.ConfigReader;
import io.jkeepalived.config.lex.ReaderOptions;
import io.jkeepalived.config.tree.Node;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
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
        return streamed(diags, file.toString(), host, topLevel -> ConfigReader.read(file, options, diags, topLevel));
    }

    /** The same from text (tests, fuzzing); includes resolve relative to {@code baseDir}. */
    public static LoadResult loadString(String text, String fileName, Path baseDir, ReaderOptions options) {
        var diags = new Diagnostics();
        return streamed(diags, fileName, HostView.ASSUME_PRESENT,
                topLevel -> ConfigReader.readString(text, fileName, baseDir, options, diags, topLevel));
    }

    /** Binds an already-read tree (tests that build trees by hand). */
    public static LoadResult bind(List<Node> tree, Diagnostics diags) {
        return guarded(diags, "?", HostView.ASSUME_PRESENT, () -> tree);
    }

    /**
     * Reads and binds in one go: each top-level node is bound as soon as the reader completes it, so
     * its subtree is garbage at once instead of the whole tree of a big config living until the
     * binder starts (for 10 x 1,000 real servers the tree is twice the bound config; a reload's young
     * collections copied it). The result is that of {@link #guarded} on the finished tree: the binder
     * reports into its own list, added after the reader's; a failure of the binder stops binding, not
     * reading, and a failure of the reader keeps only the reader's diagnostics.
     */
    private static LoadResult streamed(Diagnostics diags, String name, HostView host, Consumer<Consumer<Node>> read) {
        var bindDiags = new Diagnostics();
        var session = new Binder.Session(bindDiags, host);
        var failure = new Throwable[1];
        try {
            read.accept(n -> {
                if (failure[0] != null) return;
                try {
                    session.accept(n);
                } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                    failure[0] = e;
                }
            });
        } catch (RuntimeException | StackOverflowError e) {
            return internalError(diags, name, e);
        }
        if (failure[0] instanceof OutOfMemoryError e) throw e;
        Optional<Binder.Bound> bound = Optional.empty();
        if (failure[0] == null) {
            try {
                bound = Optional.of(session.finish());
            } catch (RuntimeException | StackOverflowError e) {
                failure[0] = e;
            }
        }
        bindDiags.all().forEach(diags::add);
        return bound.map(b -> new LoadResult(Optional.of(b.config()), diags.all(),
                        new LoadResult.HostFindings(b.missingInterface(), b.runnableScripts())))
                .orElseGet(() -> internalError(diags, name, failure[0]));
    }

    private static LoadResult internalError(Diagnostics diags, String name, Throwable e) {
        // A bug of ours must not take the caller down: report it as a diagnostic instead.
        diags.error(SourcePos.of(name, 0, 0), "internal error while loading the configuration: " + e);
        return new LoadResult(Optional.empty(), diags.all(), LoadResult.HostFindings.NONE);
    }

    private static LoadResult guarded(Diagnostics diags, String name, HostView host, Supplier<List<Node>> read) {
        try {
            var bound = Binder.bind(read.get(), diags, host);
            return new LoadResult(Optional.of(bound.config()), diags.all(),
                    new LoadResult.HostFindings(bound.missingInterface(), bound.runnableScripts()));
        } catch (RuntimeException | StackOverflowError e) {
            return internalError(diags, name, e);
        }
    }
}
