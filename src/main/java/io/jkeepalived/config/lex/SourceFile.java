package io.jkeepalived.config.lex;

import io.jkeepalived.config.SourcePos;
import java.nio.file.Path;
import java.util.List;

/**
 * One open configuration file: its lines, the next one to read, and how it was reached.
 *
 * <p>{@code realPath} is the canonical path include loops are detected with; {@code dir} is the
 * directory relative includes resolve against and {@code ${_PWD}} names.
 */
final class SourceFile implements Frame {
    final String name;
    final Path realPath;
    final Path dir;
    final List<SourcePos> includedFrom;
    /** The file's text; lines are views of it, found one at a time. */
    private final String text;
    /** Where the next line starts in {@link #text}. */
    private int cursor;
    private int lineNumber;
    /** Column 1 of this file (line 0): every line's position is made from it when needed. */
    private final SourcePos base;
    /** include_check in force when this file was opened, restored when it closes. */
    final int savedIncludeCheck;

    SourceFile(String name, Path realPath, Path dir, List<SourcePos> includedFrom, String text, int savedIncludeCheck) {
        this.name = name;
        this.realPath = realPath;
        this.dir = dir;
        this.includedFrom = List.copyOf(includedFrom);
        this.text = text;
        this.base = new SourcePos(name, 0, 1, this.includedFrom);
        this.savedIncludeCheck = savedIncludeCheck;
    }

    /** Lines end at '\n' (a '\r' before it is dropped); a final newline starts no empty line. */
    boolean hasNext() {
        return cursor < text.length();
    }

    /** The next raw line, positioned at its column 1. */
    Line nextLine() {
        int start = cursor;
        int nl = text.indexOf('\n', start);
        int end = nl < 0 ? text.length() : nl;
        cursor = nl < 0 ? text.length() : nl + 1;
        if (end > start && text.charAt(end - 1) == '\r') {
            end--;
        }
        return Line.verbatim(text, start, end, base, ++lineNumber);
    }
}
