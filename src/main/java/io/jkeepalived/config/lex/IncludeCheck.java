package io.jkeepalived.config.lex;

import io.jkeepalived.config.Diagnostics;
import io.jkeepalived.config.SourcePos;
import io.jkeepalived.config.tree.Token;
import java.util.List;

/**
 * The {@code include_check} level: which include failures are errors. It is saved when a file is
 * opened and restored when it closes, so an included file cannot change its includer's checks.
 */
final class IncludeCheck {
    static final int READABLE = 1;
    static final int MATCH = 2;
    static final int WILDCARD_MATCH = 4;
    static final int BRACE_MATCH = 8;
    static final int ALL = READABLE | MATCH | WILDCARD_MATCH | BRACE_MATCH;

    private final Diagnostics diags;
    private int current;

    IncludeCheck(Diagnostics diags) {
        this.diags = diags;
    }

    int current() {
        return current;
    }

    void restore(int saved) {
        current = saved;
    }

    /** Applies {@code include_check [[+|-]OPT...]}; no options means all checks. */
    void apply(List<Token> args, SourcePos at) {
        if (args.isEmpty()) {
            current = ALL;
            return;
        }
        int value = 0;
        boolean relative = false;
        for (Token t : args) {
            String w = t.text();
            char sign = 0;
            if (w.startsWith("+") || w.startsWith("-")) {
                sign = w.charAt(0);
                w = w.substring(1);
                relative = true;
            }
            int bit = bit(w);
            if (bit == 0) {
                diags.error(t.pos(), "unknown include_check option '" + w + "'",
                        "use readable, match, wildcard_match or brace_match");
                continue;
            }
            if (sign == '-') {
                // removing a check leaves the readable check it implied
                int own = bit == READABLE ? READABLE : bit & ~READABLE;
                value &= ~own;
                current &= ~own;
            } else {
                value |= bit;
                current |= bit;
            }
        }
        if (!relative) {
            current = value;
        }
    }

    static int bit(String word) {
        return switch (word) {
            case "readable" -> READABLE;
            case "match" -> MATCH | READABLE;
            case "wildcard_match" -> WILDCARD_MATCH | READABLE;
            case "brace_match" -> BRACE_MATCH | READABLE;
            default -> 0;
        };
    }
}
