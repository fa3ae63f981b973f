package io.jkeepalived.config.lex;

import io.jkeepalived.config.Diagnostics;
import io.jkeepalived.config.SourcePos;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Turns the raw lines of the main file and everything it includes into the logical lines the lexer
 * sees: comments removed, includes followed, conditionals decided, parameters defined and
 * substituted, sequences and lists unrolled.
 */
final class Preprocessor {
    private final ReaderOptions options;
    private final Diagnostics diags;
    /** Open files, innermost first, with the not yet opened matches of each include between them. */
    private final Deque<Object> files = new ArrayDeque<>();

    /** Files an include matched that are still to be read, in order. */
    private static final class PendingIncludes {
        final List<Path> paths;
        final SourcePos at;
        final boolean reportUnreadable;
        int next;

        PendingIncludes(List<Path> paths, SourcePos at, boolean reportUnreadable) {
            this.paths = paths;
            this.at = at;
            this.reportUnreadable = reportUnreadable;
        }
    }
    private final IncludeCheck includeCheck;

    Preprocessor(ReaderOptions options, Diagnostics diags) {
        this.options = options;
        this.diags = diags;
        this.includeCheck = new IncludeCheck(diags);
    }

    void pushText(String name, Path dir, String text) {
        Path real = dir.resolve(name).toAbsolutePath().normalize();
        files.push(new SourceFile(name, real, dir, List.of(), text, includeCheck.current()));
    }

    void pushFile(Path file) {
        String name = file.toString();
        Optional<String> text = readFile(file, SourcePos.of(name, 0, 0), true);
        text.ifPresent(t -> files.push(new SourceFile(name, realPath(file), dirOf(file), List.of(), t,
                includeCheck.current())));
    }

    /** The next non-blank logical line, or empty at the end of the main file. */
    Optional<Line> next() {
        while (true) {
            Object top = files.peek();
            if (top == null) {
                return Optional.empty();
            }
            if (top instanceof PendingIncludes p) {
                if (p.next < p.paths.size()) {
                    openIncluded(p.paths.get(p.next++), p.at, p.reportUnreadable);
                } else {
                    files.pop();
                }
                continue;
            }
            SourceFile f = (SourceFile) top;
            if (!f.hasNext()) {
                files.pop();
                includeCheck.restore(f.savedIncludeCheck);
                continue;
            }
            Line raw = f.nextLine();
            Line line = Comments.strip(raw);
            if (line.isBlank()) {
                continue;
            }
            if (Includes.tryInclude(line, this)) {
                continue;
            }
            return Optional.of(line);
        }
    }

    ReaderOptions options() {
        return options;
    }

    Diagnostics diags() {
        return diags;
    }

    IncludeCheck includeCheck() {
        return includeCheck;
    }

    SourceFile current() {
        for (Object o : files) {
            if (o instanceof SourceFile f) {
                return f;
            }
        }
        throw new IllegalStateException("no open file");
    }

    /** Queues the files an include matched; they are read one after the other from the next line on. */
    void include(List<Path> paths, SourcePos at, boolean reportUnreadable) {
        if (!paths.isEmpty()) {
            files.push(new PendingIncludes(List.copyOf(paths), at, reportUnreadable));
        }
    }

    private int openFiles() {
        int n = 0;
        for (Object o : files) {
            if (o instanceof SourceFile) {
                n++;
            }
        }
        return n;
    }

    boolean isOpen(Path real) {
        for (Object o : files) {
            if (o instanceof SourceFile f && f.realPath.equals(real)) {
                return true;
            }
        }
        return false;
    }

    /** Opens an included file on top of the stack; {@code at} is the include line. */
    private void openIncluded(Path file, SourcePos at, boolean reportUnreadable) {
        Path real = realPath(file);
        if (isOpen(real)) {
            diags.error(at, "include loop: " + file + " is already being read");
            return;
        }
        if (openFiles() >= MAX_INCLUDE_DEPTH) {
            diags.error(at, "includes nested deeper than " + MAX_INCLUDE_DEPTH + " files");
            return;
        }
        String name = file.toString();
        readFile(file, at, reportUnreadable).ifPresent(text -> {
            var chain = new ArrayList<>(at.includedFrom());
            chain.add(SourcePos.of(at.file(), at.line(), at.col()));
            files.push(new SourceFile(name, real, dirOf(file), chain, text, includeCheck.current()));
        });
    }

    static final int MAX_INCLUDE_DEPTH = 64;

    private Optional<String> readFile(Path file, SourcePos at, boolean report) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            return Optional.of(new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            if (report) {
                String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                if (at.line() == 0) {
                    diags.error(at, "cannot read configuration file: " + why);
                } else {
                    diags.error(at, "cannot read included file " + file + ": " + why);
                }
            }
            return Optional.empty();
        }
    }

    private static Path realPath(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException | RuntimeException e) {
            return file.toAbsolutePath().normalize();
        }
    }

    private static Path dirOf(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        return parent == null ? abs : parent;
    }
}
