package io.jkeepalived.config.lex;

/**
 * keepalived's comment removal: {@code #} or {@code !} outside double quotes ends the line,
 * {@code \#} and {@code \!} outside quotes stand for the characters themselves, and a backslash
 * ending the line is kept as the continuation mark of a multi-line definition. Leading and trailing
 * blanks go too (also those before a final backslash). Single quotes do not protect anything here.
 */
final class Comments {
    private Comments() {}

    static Line strip(Line line) {
        if (!hasSpecial(line)) {
            // nothing to remove (quotes only matter around comment characters)
            return line.trim();
        }
        String s = line.text();
        int n = s.length();
        StringBuilder out = null;
        int[] cols = null;
        int kept = 0;
        boolean quote = false;
        int end = n;
        boolean continuation = false;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '"') {
                quote = !quote;
            } else if (c == '\\') {
                if (i + 1 >= n) {
                    continuation = true;
                    end = i;
                    break;
                }
                char next = s.charAt(i + 1);
                if (!quote && (next == '#' || next == '!')) {
                    if (out == null) {
                        out = new StringBuilder(n);
                        cols = new int[n];
                    }
                    // drop the backslash: copy what came before it
                    kept = copy(line, kept, i, out, cols);
                    kept = i + 1;
                }
                i++;
            } else if (!quote && (c == '#' || c == '!')) {
                end = i;
                break;
            }
        }
        Line result;
        if (out == null) {
            result = end == n ? line : line.slice(0, end);
        } else {
            copy(line, kept, end, out, cols);
            result = Line.mapped(out.toString(), line.pos(), java.util.Arrays.copyOf(cols, out.length()));
        }
        result = result.trim();
        if (continuation) {
            int col = line.colAt(n - 1);
            String t = result.text() + "\\";
            int[] c = new int[t.length()];
            result.copyCols(0, result.length(), c, 0);
            c[t.length() - 1] = col;
            result = Line.mapped(t, line.pos(), c);
        }
        return result;
    }

    /** Whether the line has a '#', '!' or '\\' (one pass over a view: most lines have none). */
    private static boolean hasSpecial(Line line) {
        for (int i = 0, n = line.length(); i < n; i++) {
            char c = line.charAt(i);
            if (c == '#' || c == '!' || c == '\\') {
                return true;
            }
        }
        return false;
    }

    private static int copy(Line line, int from, int to, StringBuilder out, int[] cols) {
        for (int i = from; i < to; i++) {
            cols[out.length()] = line.colAt(i);
            out.append(line.charAt(i));
        }
        return to;
    }

    /** Whether the stripped line ends with the continuation backslash. */
    static boolean continues(Line line) {
        return !line.isEmpty() && line.charAt(line.length() - 1) == '\\';
    }
}
