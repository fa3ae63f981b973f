package io.jkeepalived.config.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** A {@code url { }} of HTTP_GET / SSL_GET; status codes as inclusive ranges (default 200-299). */
public record Url(
        String path,
        Optional<String> digest,
        List<StatusRange> statusCode,
        Optional<String> virtualhost,
        Optional<Regex> regex) {
    public Url {
        statusCode = List.copyOf(statusCode);
    }

    /** Every component, written out for the daemon's C1 JIT (see CheckerCommon.equals). */
    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof Url u && Objects.equals(path, u.path) && Objects.equals(digest, u.digest)
                && Objects.equals(statusCode, u.statusCode) && Objects.equals(virtualhost, u.virtualhost)
                && Objects.equals(regex, u.regex);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, digest, statusCode, virtualhost, regex);
    }

    public record StatusRange(int from, int to) {
        @Override
        public boolean equals(Object o) {
            return o == this || o instanceof StatusRange r && from == r.from && to == r.to;
        }

        @Override
        public int hashCode() {
            return from * 31 + to;
        }

        @Override
        public String toString() {
            return from == to ? Integer.toString(from) : from + "-" + to;
        }
    }

    /**
     * {@code regex} with its companions: {@code regex_no_match} (a match fails the check),
     * {@code regex_options}, and the window for where a match may start, {@code regex_min_offset}
     * and {@code regex_max_offset} (inclusive; empty: the whole body). {@code regex_stack} sizes
     * PCRE2's JIT stack and has no counterpart here.
     */
    public record Regex(String pattern, boolean noMatch, Set<RegexOption> options, long minOffset,
                        OptionalLong maxOffset) {
        public Regex {
            options = Set.copyOf(options);
        }

        public static Regex of(String pattern) {
            return new Regex(pattern, false, Set.of(), 0, OptionalLong.empty());
        }
    }
}
