package io.jkeepalived.config.lex;

import java.util.ArrayList;
import java.util.List;

/**
 * keepalived's last step on a line: text after a brace is read as a new line. The brace split is
 * why {@code a { b }} is three statements and {@code virtual_ipaddress{} still opens a block.
 */
final class BraceSplitter {
    private BraceSplitter() {}

    /**
     * Lines up to this long are split exactly as keepalived does: at the first brace only, the rest
     * going through conditionals, definitions, substitution and include detection as a whole.
     * Longer lines (only hostile input has them) are cut at every brace in one pass, which keeps
     * the work linear; the pieces are then processed one by one.
     */
    static final int EXACT_SPLIT_LIMIT = 4096;

    /** {@link #plainBrace}'s answer for a line that needs the preprocessor's full treatment. */
    static final int NOT_PLAIN = -2;

    /**
     * For a line whose characters {@code [s, e)} are its text without the blanks around it, and which
     * needs no preprocessing (no comment character, double quote or parameter, not a conditional or a
     * repeat, not overlong), the index of its first brace, or -1; {@link #NOT_PLAIN} for any other line.
     */
    static int plainBrace(Line t, int s, int e) {
        if (e - s > EXACT_SPLIT_LIMIT || e > s && (t.charAt(s) == '@' || t.charAt(s) == '~')) {
            return NOT_PLAIN;
        }
        int brace = -1;
        for (int i = s; i < e; i++) {
            switch (t.charAt(i)) {
                case '#', '!', '\\', '$', '"' -> {
                    return NOT_PLAIN;
                }
                case '{', '}' -> {
                    if (brace < 0) brace = i;
                }
                default -> { }
            }
        }
        return brace;
    }

    /**
     * The line cut at its first brace outside double quotes: the text before it (or the brace
     * itself when the line starts with one), then the rest, which the caller reads as a new line.
     */
    static List<Line> split(Line buf) {
        if (buf.length() > EXACT_SPLIT_LIMIT) {
            return buf.indexOf('{') < 0 && buf.indexOf('}') < 0 ? List.of(buf) : splitAll(buf);
        }
        int brace = firstBrace(buf);
        if (brace < 0) {
            return List.of(buf);
        }
        int n = buf.length();
        if (brace == 0) {
            Line rest = buf.slice(1, n).trim();
            return rest.isEmpty() ? List.of(buf.slice(0, 1)) : List.of(buf.slice(0, 1), rest);
        }
        return List.of(buf.slice(0, brace).trim(), buf.slice(brace, n));
    }

    /**
     * The first '{' or '}' outside double quotes; an unclosed quote hides the rest of the line. One
     * pass over the view (lines up to {@link #EXACT_SPLIT_LIMIT}).
     */
    private static int firstBrace(Line s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c == '{' || c == '}') {
                return i;
            }
            if (c == '"') {
                int close = s.indexOf('"', i + 1);
                if (close < 0) {
                    return -1;
                }
                i = close;
            }
        }
        return -1;
    }

    /** Every cut at once, for overlong lines; all cuts fall outside quotes, so none depends on another. */
    private static List<Line> splitAll(Line buf) {
        String s = buf.text();
        var pieces = new ArrayList<Line>();
        int start = 0;
        int i = 0;
        int n = s.length();
        // next positions of each special character, recomputed only once passed (keeps this linear)
        int open = s.indexOf('{');
        int close = s.indexOf('}');
        int quote = s.indexOf('"');
        while (i < n) {
            if (open >= 0 && open < i) {
                open = s.indexOf('{', i);
            }
            if (close >= 0 && close < i) {
                close = s.indexOf('}', i);
            }
            if (quote >= 0 && quote < i) {
                quote = s.indexOf('"', i);
            }
            int brace = open < 0 ? close : close < 0 ? open : Math.min(open, close);
            if (brace < 0) {
                break;
            }
            if (quote >= 0 && quote < brace) {
                int endQuote = s.indexOf('"', quote + 1);
                if (endQuote < 0) {
                    break;
                }
                i = endQuote + 1;
                continue;
            }
            if (brace > start) {
                addPiece(pieces, buf.slice(start, brace));
            }
            pieces.add(buf.slice(brace, brace + 1));
            start = brace + 1;
            i = brace + 1;
        }
        if (pieces.isEmpty()) {
            return List.of(buf);
        }
        if (start < n) {
            addPiece(pieces, buf.slice(start, n));
        }
        return pieces;
    }

    private static void addPiece(List<Line> pieces, Line piece) {
        Line t = piece.trim();
        if (!t.isEmpty()) {
            pieces.add(t);
        }
    }
}
