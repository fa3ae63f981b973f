package io.jkeepalived.config.model;

import java.util.List;

/**
 * A keyword jkeepalived recognises but does not act on yet, kept with its arguments so the effective
 * config shows it instead of silently dropping it. {@code block} is the enclosing block keyword.
 */
public record IgnoredKeyword(String block, String keyword, List<String> args) {
    public IgnoredKeyword {
        args = List.copyOf(args);
    }
}
