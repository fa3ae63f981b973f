package io.jkeepalived.config.lex;

import io.jkeepalived.config.SourcePos;

/**
 * One line of configuration text on its way through the preprocessor, with the source column of
 * each character, so tokens keep pointing at the file even after macros rewrote the line.
 *
 * <p>A line is a view of {@code [start, end)} of a backing string: a verbatim line views the whole
 * file's text, and trimming or cutting it at a brace makes another view, not a copy. Its text is
 * copied out only when asked for ({@link #text()}); the lexer copies just the words. A reload of a
 * 100,000-line config made some 400,000 such copies before. Its position is made when asked for
 * too: a line holds its file's position and its number, so only its words get positions.
 */
final class Line {
    private final String src;
    private final int start;
    private final int end;
    /** The position of column 1 of the line, but for its line number: that of its file for a file's line. */
    private final SourcePos base;
    private final int lineNo;
    /** Source column of each character of the view; absent while the line is verbatim source. */
    private final int[] cols;
    /** Index of the view's first character in its source line, for verbatim lines. */
    private final int offset;

    private Line(String src, int start, int end, SourcePos base, int lineNo, int[] cols, int offset) {
        this.src = src;
        this.start = start;
        this.end = end;
        this.base = base;
        this.lineNo = lineNo;
        this.cols = cols;
        this.offset = offset;
    }

    /** A verbatim source line; {@code pos} is its column 1. */
    static Line verbatim(String text, SourcePos pos) {
        return new Line(text, 0, text.length(), pos, pos.line(), null, 0);
    }

    /**
     * Line {@code lineNo} of a file, {@code src[start, end)}; {@code file} is a position in that file
     * (and include chain) at column 1.
     */
    static Line verbatim(String src, int start, int end, SourcePos file, int lineNo) {
        return new Line(src, start, end, file, lineNo, null, 0);
    }

    /** Text produced by a macro: every character is reported at {@code pos}. */
    static Line at(String text, SourcePos pos) {
        int[] c = new int[text.length()];
        java.util.Arrays.fill(c, pos.col());
        return new Line(text, 0, text.length(), pos.at(pos.line(), 1), pos.line(), c, 0);
    }

    static Line mapped(String text, SourcePos pos, int[] cols) {
        return new Line(text, 0, text.length(), pos, pos.line(), cols, 0);
    }

    /** The text; a copy unless the line is all of its backing string (only slow paths ask). */
    String text() {
        return start == 0 && end == src.length() ? src : src.substring(start, end);
    }

    int length() {
        return end - start;
    }

    char charAt(int i) {
        return src.charAt(start + i);
    }

    /** The characters {@code [from, to)} as a string. */
    String substring(int from, int to) {
        return src.substring(start + from, start + to);
    }

    /** Whether the characters from {@code from} on start with all of {@code s}. */
    boolean regionMatches(int from, String s) {
        return src.regionMatches(start + from, s, 0, s.length());
    }

    /** The index of the first {@code c} at or after {@code from}, or -1. */
    int indexOf(char c, int from) {
        int i = src.indexOf(c, start + from, end);
        return i < 0 ? -1 : i - start;
    }

    int indexOf(char c) {
        return indexOf(c, 0);
    }

    boolean startsWith(String prefix) {
        return prefix.length() <= length() && src.startsWith(prefix, start);
    }

    /** Position of the line (column 1). */
    SourcePos pos() {
        return lineNo == base.line() ? base : base.at(lineNo, base.col());
    }

    int colAt(int index) {
        if (cols == null) {
            return base.col() + offset + index;
        }
        if (cols.length == 0) {
            return base.col();
        }
        return cols[Math.max(0, Math.min(index, cols.length - 1))];
    }

    SourcePos posAt(int index) {
        int col = colAt(index);
        return col == base.col() && lineNo == base.line() ? base : base.at(lineNo, col);
    }

    /** The characters from {@code start} to {@code end}, keeping their columns. */
    Line slice(int from, int to) {
        if (cols == null) {
            return new Line(src, start + from, start + to, base, lineNo, null, offset + from);
        }
        int[] c = new int[Math.max(to - from, 0)];
        for (int i = from; i < to; i++) {
            c[i - from] = colAt(i);
        }
        if (c.length == 0) {
            c = new int[] {colAt(from)};
            return new Line("", 0, 0, base, lineNo, c, 0);
        }
        return new Line(src, start + from, start + to, base, lineNo, c, 0);
    }

    /** Copies the columns of {@code [start, end)} into {@code out} from {@code at}. */
    void copyCols(int from, int to, int[] out, int at) {
        for (int i = from; i < to; i++) {
            out[at + i - from] = colAt(i);
        }
    }

    /** The index of the first character at or after {@code from} that is not a blank (space or tab); the length if none. */
    int skipBlanks(int from) {
        int s = start + from;
        while (s < end && isBlank(src.charAt(s))) {
            s++;
        }
        return s - start;
    }

    /** One past the last character of {@code [from, to)} that is not a blank; {@code from} if none. */
    int trimEnd(int from, int to) {
        int e = start + to;
        while (e > start + from && isBlank(src.charAt(e - 1))) {
            e--;
        }
        return e - start;
    }

    boolean startsWith(String prefix, int at) {
        return prefix.length() <= length() - at && src.startsWith(prefix, start + at);
    }

    /** The line without leading and trailing blanks (spaces and tabs). */
    Line trim() {
        int s = start;
        int e = end;
        while (s < e && isBlank(src.charAt(s))) {
            s++;
        }
        while (e > s && isBlank(src.charAt(e - 1))) {
            e--;
        }
        return s == start && e == end ? this : slice(s - start, e - start);
    }

    static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    boolean isEmpty() {
        return start == end;
    }

    @Override
    public String toString() {
        return pos() + ": " + text();
    }
}
