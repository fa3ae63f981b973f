package io.jkeepalived.config.model;

import java.util.List;
import java.util.Optional;

/** A {@code url { }} of HTTP_GET / SSL_GET; status codes as inclusive ranges (default 200-299). */
public record Url(
        String path,
        Optional<String> digest,
        List<StatusRange> statusCode,
        Optional<String> virtualhost,
        Optional<String> regex,
        boolean regexNoMatch) {
    public Url {
        statusCode = List.copyOf(statusCode);
    }

    public record StatusRange(int from, int to) {
        @Override
        public String toString() {
            return from == to ? Integer.toString(from) : from + "-" + to;
        }
    }
}
