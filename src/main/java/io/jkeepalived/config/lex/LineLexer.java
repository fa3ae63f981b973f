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

    /**
     * The unquoted words read lately, by a hash of their characters: a config repeats its keywords and
     * many values ({@code real_server}, {@code weight}, {@code 1}, a port) on every few lines, and a
     * word found here is not copied again. One per reader; a slot holds the last word of its hash.
     */
    static final class Recent {
        private final String[] slots = new String[1024];

        String of(Line line, int from, int to, int hash) {
            int slot = (hash ^ hash >>> 10) & (slots.length - 1);
            String s = slots[slot];
            if (s == null || s.length() != to - from || !line.regionMatches(from, s)) {
                slots[slot] = s = line.substring(from, to);
            }
            return s;
        }
    }

    /**
     * The words of {@code line} from {@code from} to {@code to} added to {@code out} (the reader reuses
     * one list for every line), the unquoted ones shared through {@code recent}.
     */
    static List<Token> words(Line line, int from, int to, Diagnostics diags, List<Token> out, Recent recent) {
        int n = to;
        int i = from;
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
                if (close >= n) {
                    close = -1;
                }
                if (close < 0) {
                    diags.error(line.posAt(i), "missing closing '\"'", "the rest of the line is ignored");
                    return out;
                }
                out.add(new Token(line.substring(i + 1, close), line.posAt(i), true));
                i = close + 1;
                continue;
            }
            int start = i;
            int hash = 0;
            while (i < n && (c = line.charAt(i)) != ' ' && (c < '\t' || c > '\r') && c != '"') {
                hash = 31 * hash + c;
                i++;
            }
            out.add(new Token(recent.of(line, start, i, hash), line.posAt(start), false));
        }
    }
}
