package io.jkeepalived.cli;

import java.util.Map;
import java.util.Optional;

/**
 * {@code --signum}: the signal each control function uses, as keepalived 2.2.7 prints them on Linux
 * x86_64 (STATS_CLEAR and JSON are real-time signals: SIGRTMIN+29 and SIGRTMIN+2 with glibc's
 * SIGRTMIN of 34). 2.2.7 does not know TDUMP and rejects it, so we do too.
 */
final class Signums {
    private Signums() {}

    private static final Map<String, Integer> NUMBERS = Map.of(
            "STOP", 15, "RELOAD", 1, "DATA", 10, "STATS", 12, "STATS_CLEAR", 63, "JSON", 36);

    static Optional<Integer> of(String function) {
        return Optional.ofNullable(NUMBERS.get(function));
    }
}
