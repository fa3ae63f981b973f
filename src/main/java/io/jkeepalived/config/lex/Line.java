package io.jkeepalived.config.lex;

import io.jkeepalived.config.SourcePos;

/**
 * One line of configuration text on its way through the preprocessor, with the source column of
 * each character, so tokens keep pointing at the file even after macros rewrote the line.
 *
 * <p>A line is a view of {@code [start, end)} of a backing string: a verbatim line views the whole
 * file's text, and trimming or cutting it at a brace makes another view, not a copy. Its text is
 * copied out only when asked for ({@link #text()}); the lexer copies just the words. A reload of a
 * 100,000-line config made some 400,000 such copies before.
 */
final class Line {
    private final String src;
    private final int start;
    private final int end;
    private final SourcePos pos;
    /** Source column of each character of the view; absent while the line is verbatim source. */
    private final int[] cols;
    /** Index of the view's first character in its source line, for verbatim lines. */
    private final int offset;
    /** {@code src[start, end)}, made on the first {@link #text()}. */
    private String text;

    private Line(String src, int start, int end, SourcePos pos, int[] cols, int offset) {
        this.src = src;
        this.start = start;
        this.end = end;
        this.pos = pos;
        this.cols = cols;
        this.offset = offset;
    }

    /** A verbatim source line; {@code pos} is its column 1. */
    static Line verbatim(String text, SourcePos pos) {
        return new Line(text, 0, text.length(), pos, null, 0);
    }

    /** The verbatim source line {@code src[start, end)}; {@code pos} is its column 1. */
    static Line verbatim(String src, int start, int end, SourcePos pos) {
        return new Line(src, start, end, pos, null, 0);
    }

    /** Text produced by a macro: every character is reported at {@code pos}. */
    static Line at(String text, SourcePos pos) {
        int[] c = new int[text.length()];
        java.util.Arrays.fill(c, pos.col());
        return new Line(text, 0, text.length(), pos.at(pos.line(), 1), c, 0);
    }

    static Line mapped(String text, SourcePos pos, int[] cols) {
        return new Line(text, 0, text.length(), pos, cols, 0);
    }

    String text() {
        String t = text;
        if (t == null) {
            text = t = start == 0 && end == src.length() ? src : src.substring(start, end);
        }
        return t;
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

    /** Whether the line is this one character. */
    boolean is(char c) {
        return end - start == 1 && src.charAt(start) == c;
    }

    /** Position of the line (column 1). */
    SourcePos pos() {
        return pos;
    }

    int colAt(int index) {
        if (cols == null) {
            return pos.col() + offset + index;
        }
        if (cols.length == 0) {
            return pos.col();
        }
        return cols[Math.max(0, Math.min(index, cols.length - 1))];
    }

    SourcePos posAt(int index) {
        int col = colAt(index);
        return col == pos.col() ? pos : pos.at(pos.line(), col);
    }

    /** The characters from {@code start} to {@code end}, keeping their columns. */
    Line slice(int from, int to) {
        if (cols == null) {
            return new Line(src, start + from, start + to, pos, null, offset + from);
        }
        int[] c = new int[Math.max(to - from, 0)];
        for (int i = from; i < to; i++) {
            c[i - from] = colAt(i);
        }
        if (c.length == 0) {
            c = new int[] {colAt(from)};
            return new Line("", 0, 0, pos, c, 0);
        }
        return new Line(src, start + from, start + to, pos, c, 0);
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
        return pos + ": " + text();
    }
}
