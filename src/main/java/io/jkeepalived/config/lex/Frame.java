package io.jkeepalived.config.lex;

import io.jkeepalived.config.SourcePos;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the preprocessor's next raw line comes from. Frames stack: an include opens a file on top
 * of its includer, a {@code ~SEQ} repeats its text on top of the line that started it, the rest of
 * a multi-line definition is read before whatever was below.
 */
sealed interface Frame permits SourceFile, Frame.PendingIncludes, Frame.Continuation, Repeat {

    /** Files an include matched that are still to be opened, in order. */
    final class PendingIncludes implements Frame {
        final List<Path> paths;
        final SourcePos at;
        final boolean reportUnreadable;
        int next;

        PendingIncludes(List<Path> paths, SourcePos at, boolean reportUnreadable) {
            this.paths = List.copyOf(paths);
            this.at = at;
            this.reportUnreadable = reportUnreadable;
        }
    }

    /** The remaining lines of a multi-line definition, reported at the place it was used. */
    final class Continuation implements Frame {
        final List<String> lines;
        final SourcePos at;
        int next;

        Continuation(List<String> lines, SourcePos at) {
            this.lines = List.copyOf(lines);
            this.at = at;
        }
    }
}
