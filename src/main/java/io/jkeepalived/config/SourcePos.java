package io.jkeepalived.config;

import java.util.List;

/**
 * Where a piece of configuration text came from: file, 1-based line and column, and the chain of
 * {@code include} lines that led to that file (outermost first), so a diagnostic in an included
 * file can say how it was reached.
 */
public record SourcePos(String file, int line, int col, List<SourcePos> includedFrom) {

    /** What {@link List#of()} returns: the include chain of every position outside included files. */
    private static final List<SourcePos> NOT_INCLUDED = List.of();

    public SourcePos {
        // the lexer makes one position per word: skip the copy's call for the common, empty chain
        if (includedFrom != NOT_INCLUDED) includedFrom = List.copyOf(includedFrom);
    }

    public static SourcePos of(String file, int line, int col) {
        return new SourcePos(file, line, col, List.of());
    }

    /** The same file and include chain at another line and column. */
    public SourcePos at(int newLine, int newCol) {
        return new SourcePos(file, newLine, newCol, includedFrom);
    }

    /** {@code FILE:LINE:COL}, the form editors and compilers use. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + col;
    }
}
