package io.jkeepalived.script;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a keepalived script string into an argv.
 *
 * <p>The config lexer has already removed the outer double quotes, so the input is e.g.
 * {@code /usr/bin/check 'arg with space' x}. keepalived's rules: unquoted whitespace separates
 * arguments, single quotes group an argument containing spaces (the quotes are removed), and a
 * backslash outside single quotes takes the next character literally. No variable expansion,
 * globbing or shell operators: the first word is the program, exec'd directly.
 */
public final class ScriptArgv {

    /** The outcome of a parse: an argv, or why there is none. */
    public sealed interface Parsed permits Argv, Rejected {}

    /** A non-empty argv; {@code argv.getFirst()} is the program. */
    public record Argv(List<String> argv) implements Parsed {
        public Argv {
            argv = List.copyOf(argv);
        }
    }

    /** The string yields no runnable argv. */
    public record Rejected(String reason) implements Parsed {}

    private ScriptArgv() {}

    public static Parsed parse(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inWord = false;
        boolean inSingle = false;
        for (int i = 0; i < script.length(); i++) {
            char c = script.charAt(i);
            if (inSingle) {
                if (c == '\'') {
                    inSingle = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '\'') {
                inSingle = true;
                inWord = true;
            } else if (c == '\\' && i + 1 < script.length()) {
                cur.append(script.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    inWord = false;
                }
            } else {
                cur.append(c);
                inWord = true;
            }
        }
        if (inSingle) {
            return new Rejected("unterminated single quote in script '" + script + "'");
        }
        if (inWord) {
            out.add(cur.toString());
        }
        if (out.isEmpty()) {
            return new Rejected("empty script");
        }
        return new Argv(out);
    }
}
