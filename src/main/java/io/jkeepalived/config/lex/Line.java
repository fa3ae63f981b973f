package io.jkeepalived.config.lex;

import io.jkeepalived.config.SourcePos;

/**
 * One line of configuration text on its way through the preprocessor, with the source column of
 * each character, so tokens keep pointing at the file even after macros rewrote the line.
 */
final class Line {
    private final String text;
    private final SourcePos pos;
    /** Source column of each character; absent while the line is verbatim source. */
    private final int[] cols;
    /** Index of the first character in the source line, for verbatim lines. */
    private final int offset;

    private Line(String text, SourcePos pos, int[] cols, int offset) {
        this.text = text;
        this.pos = pos;
        this.cols = cols;
        this.offset = offset;
    }

    /** A verbatim source line; {@code pos} is its column 1. */
    static Line verbatim(String text, SourcePos pos) {
        return new Line(text, pos, null, 0);
    }

    /** Text produced by a macro: every character is reported at {@code pos}. */
    static Line at(String text, SourcePos pos) {
        int[] c = new int[text.length()];
        java.util.Arrays.fill(c, pos.col());
        return new Line(text, pos.at(pos.line(), 1), c, 0);
    }

    static Line mapped(String text, SourcePos pos, int[] cols) {
        return new Line(text, pos, cols, 0);
    }

    String text() {
        return text;
    }

    int length() {
        return text.length();
    }

    char charAt(int i) {
        return text.charAt(i);
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
        return pos.at(pos.line(), colAt(index));
    }

    /** The characters from {@code start} to {@code end}, keeping their columns. */
    Line slice(int start, int end) {
        if (cols == null) {
            return new Line(text.substring(start, end), pos, null, offset + start);
        }
        int[] c = new int[Math.max(end - start, 0)];
        for (int i = start; i < end; i++) {
            c[i - start] = colAt(i);
        }
        if (c.length == 0) {
            c = new int[] {colAt(start)};
            return new Line("", pos, c, 0);
        }
        return new Line(text.substring(start, end), pos, c, 0);
    }

    /** Copies the columns of {@code [start, end)} into {@code out} from {@code at}. */
    void copyCols(int start, int end, int[] out, int at) {
        for (int i = start; i < end; i++) {
            out[at + i - start] = colAt(i);
        }
    }

    /** The line without leading and trailing blanks (spaces and tabs). */
    Line trim() {
        int s = 0;
        int e = text.length();
        while (s < e && isBlank(text.charAt(s))) {
            s++;
        }
        while (e > s && isBlank(text.charAt(e - 1))) {
            e--;
        }
        return s == 0 && e == text.length() ? this : slice(s, e);
    }

    static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    boolean isEmpty() {
        return text.isEmpty();
    }

    @Override
    public String toString() {
        return pos + ": " + text;
    }
}
