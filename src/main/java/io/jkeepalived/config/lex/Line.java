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

    private Line(String text, SourcePos pos, int[] cols) {
        this.text = text;
        this.pos = pos;
        this.cols = cols;
    }

    /** A verbatim source line starting at column {@code firstCol} of {@code pos}'s line. */
    static Line verbatim(String text, SourcePos pos) {
        return new Line(text, pos, null);
    }

    static Line mapped(String text, SourcePos pos, int[] cols) {
        return new Line(text, pos, cols);
    }

    String text() {
        return text;
    }

    /** Position of the line (column 1). */
    SourcePos pos() {
        return pos;
    }

    int colAt(int index) {
        if (cols == null) {
            return pos.col() + index;
        }
        if (cols.length == 0) {
            return pos.col();
        }
        return cols[Math.min(index, cols.length - 1)];
    }

    SourcePos posAt(int index) {
        return pos.at(pos.line(), colAt(index));
    }

    /** The characters from {@code start} to {@code end}, keeping their columns. */
    Line slice(int start, int end) {
        int[] c = new int[end - start];
        for (int i = start; i < end; i++) {
            c[i - start] = colAt(i);
        }
        return new Line(text.substring(start, end), pos, c);
    }

    /** The first {@code end} characters, keeping their columns. */
    Line prefix(int end) {
        return new Line(text.substring(0, end), pos, cols);
    }

    boolean isBlank() {
        return text.isBlank();
    }

    @Override
    public String toString() {
        return pos + ": " + text;
    }
}
