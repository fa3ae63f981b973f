package io.jkeepalived.config.lex;

import io.jkeepalived.config.Diagnostics;
import io.jkeepalived.config.tree.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits one preprocessed line into words and braces. Quotes ({@code "} and {@code '}) are removed
 * and join with adjacent text; shell-like escapes are decoded outside single quotes.
 */
final class LineLexer {
    private LineLexer() {}

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == 0x0b;
    }

    static List<Lexeme> lex(Line line, Diagnostics diags) {
        String s = line.text();
        int n = s.length();
        var out = new ArrayList<Lexeme>();
        var word = new StringBuilder();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (isSpace(c)) {
                i++;
                continue;
            }
            if (c == '{') {
                out.add(new Lexeme.Open(line.posAt(i)));
                i++;
                continue;
            }
            if (c == '}') {
                out.add(new Lexeme.Close(line.posAt(i)));
                i++;
                continue;
            }
            int start = i;
            word.setLength(0);
            boolean quoted = false;
            char quote = 0;
            while (i < n) {
                c = s.charAt(i);
                if (quote == 0) {
                    if (isSpace(c) || c == '{' || c == '}') {
                        break;
                    }
                    if (c == '"' || c == '\'') {
                        quote = c;
                        quoted = true;
                        i++;
                        continue;
                    }
                    if (c == '\\') {
                        i = Escapes.decode(s, i, word);
                        continue;
                    }
                    word.append(c);
                    i++;
                } else if (c == quote) {
                    quote = 0;
                    i++;
                } else if (c == '\\' && quote == '"') {
                    i = Escapes.decode(s, i, word);
                } else {
                    word.append(c);
                    i++;
                }
            }
            if (quote != 0) {
                diags.error(line.posAt(start), "missing terminating " + quote + " in string");
            }
            out.add(new Lexeme.Word(new Token(word.toString(), line.posAt(start), quoted)));
        }
        return out;
    }
}
