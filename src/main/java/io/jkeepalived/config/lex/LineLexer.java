package io.jkeepalived.config.lex;

import io.jkeepalived.config.Diagnostics;
import io.jkeepalived.config.tree.Token;
import java.util.List;

/**
 * Splits one statement into words the way keepalived's parser does: words end at whitespace or at
 * a double quote; a word that starts with {@code "} runs to the next {@code "} and keeps everything
 * in between verbatim (no escapes; it is {@link Token#quoted()}). Single quotes are ordinary
 * characters here; they matter only inside script command lines (see {@link ScriptWords}).
 */
final class LineLexer {
    private LineLexer() {}

    /** keepalived's WHITE_SPACE: space, \t, \n, \v, \f, \r. */
    static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    /** The words of {@code line} added to {@code out} (the reader reuses one list for every line). */
    static List<Token> words(Line line, Diagnostics diags, List<Token> out) {
        int n = line.length();
        int i = 0;
        while (true) {
            char c = 0;
            while (i < n && ((c = line.charAt(i)) == ' ' || (c >= '\t' && c <= '\r'))) {
                i++;
            }
            if (i >= n) {
                return out;
            }
            if (c == '"') {
                int close = line.indexOf('"', i + 1);
                if (close < 0) {
                    diags.error(line.posAt(i), "missing closing '\"'", "the rest of the line is ignored");
                    return out;
                }
                out.add(new Token(line.substring(i + 1, close), line.posAt(i), true));
                i = close + 1;
                continue;
            }
            int start = i;
            while (i < n && (c = line.charAt(i)) != ' ' && (c < '\t' || c > '\r') && c != '"') {
                i++;
            }
            out.add(new Token(line.substring(start, i), line.posAt(start), false));
        }
    }
}
