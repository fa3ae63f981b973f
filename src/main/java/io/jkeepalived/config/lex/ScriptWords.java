package io.jkeepalived.config.lex;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Splits a script command line the way keepalived does for {@code notify*}, {@code script},
 * {@code misc_path} and friends: words end at unquoted whitespace; {@code "…"} and {@code '…'}
 * group text (and join with adjacent text: {@code abcd" efg"} is one word {@code abcd efg}); the
 * shell-like escapes {@code \a \b \E \f \n \r \t \v \nnn \xXX \cC} work everywhere, and
 * {@code \C} for any other C is C itself. The binder applies it to the text of a quoted script
 * token (a whole command line), which the lexer leaves verbatim.
 *
 * @param words the words, quotes removed and escapes decoded
 * @param error why the text could not be split (unterminated quote, trailing backslash); words
 *     is empty then
 */
public record ScriptWords(List<String> words, Optional<String> error) {

    public ScriptWords {
        words = List.copyOf(words);
    }

    public static ScriptWords split(String text) {
        var words = new ArrayList<String>();
        var word = new StringBuilder();
        int n = text.length();
        int i = 0;
        while (true) {
            while (i < n && LineLexer.isSpace(text.charAt(i))) {
                i++;
            }
            if (i >= n) {
                return new ScriptWords(words, Optional.empty());
            }
            word.setLength(0);
            char quote = 0;
            while (i < n) {
                char c = text.charAt(i);
                if (c == '\\') {
                    if (i + 1 >= n) {
                        return failed("missing character after '\\' at the end of '" + text + "'");
                    }
                    i = Escapes.decode(text, i, word);
                } else if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    } else {
                        word.append(c);
                    }
                    i++;
                } else if (c == '"' || c == '\'') {
                    quote = c;
                    i++;
                } else if (LineLexer.isSpace(c)) {
                    break;
                } else {
                    word.append(c);
                    i++;
                }
            }
            if (quote != 0) {
                return failed("missing terminating " + quote + " in '" + text + "'");
            }
            words.add(word.toString());
        }
    }

    private static ScriptWords failed(String why) {
        return new ScriptWords(List.of(), Optional.of(why));
    }
}
