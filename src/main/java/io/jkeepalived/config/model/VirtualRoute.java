package io.jkeepalived.config.model;

import java.util.List;
import java.util.Optional;

/**
 * One route line ({@code virtual_routes}, {@code static_routes}). The words follow {@code ip route}
 * syntax; the destination, gateway, device and table are pulled out, the rest is kept as written.
 */
public record VirtualRoute(
        List<String> words,
        Optional<String> type,
        Optional<String> destination,
        Optional<String> src,
        Optional<String> via,
        Optional<String> dev,
        Optional<String> table,
        Optional<Long> metric,
        boolean noTrack,
        Optional<String> trackGroup) {
    public VirtualRoute {
        words = List.copyOf(words);
    }
}
