package io.jkeepalived.config.model;

import java.util.List;
import java.util.Optional;

/** One rule line ({@code virtual_rules}, {@code static_rules}) in {@code ip rule} syntax. */
public record VirtualRule(
        List<String> words,
        Optional<String> from,
        Optional<String> to,
        Optional<String> table,
        Optional<Long> preference,
        boolean noTrack,
        Optional<String> trackGroup) {
    public VirtualRule {
        words = List.copyOf(words);
    }
}
