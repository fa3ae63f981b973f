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
    private final String[] lines;
    private int next;
    /** include_check in force when this file was opened, restored when it closes. */
    final int savedIncludeCheck;

    SourceFile(String name, Path realPath, Path dir, List<SourcePos> includedFrom, String text, int savedIncludeCheck) {
        this.name = name;
        this.realPath = realPath;
        this.dir = dir;
        this.includedFrom = List.copyOf(includedFrom);
        this.lines = splitLines(text);
        this.savedIncludeCheck = savedIncludeCheck;
    }

    boolean hasNext() {
        return next < lines.length;
    }

    /** The next raw line, positioned at its column 1. */
    Line nextLine() {
        int number = next + 1;
        return Line.verbatim(lines[next++], new SourcePos(name, number, 1, includedFrom));
    }

    private static String[] splitLines(String text) {
        var out = new java.util.ArrayList<String>();
        int start = 0;
        int n = text.length();
        for (int nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
            out.add(stripCr(text, start, nl));
            start = nl + 1;
        }
        if (start < n) {
            out.add(stripCr(text, start, n));
        }
        return out.toArray(String[]::new);
    }

    private static String stripCr(String text, int start, int end) {
        if (end > start && text.charAt(end - 1) == '\r') {
            end--;
        }
        return text.substring(start, end);
    }
}
