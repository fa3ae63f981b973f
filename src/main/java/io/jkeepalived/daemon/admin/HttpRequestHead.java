package io.jkeepalived.daemon.admin;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The request line of an HTTP/1.x request, which is all {@code /metrics} needs: method and path
 * (the query is ignored). Headers are read past but not kept. Pure.
 */
record HttpRequestHead(String method, String path) {
    /** Requests with a longer head are refused: a scraper sends a few hundred bytes. */
    static final int MAX_BYTES = 8192;

    /** Whether {@code buffer[0..length)} holds a whole head (ends with an empty line). */
    static boolean complete(byte[] buffer, int length) {
        for (int i = 0; i + 1 < length; i++) {
            if (buffer[i] == '\n' && (buffer[i + 1] == '\n'
                    || (buffer[i + 1] == '\r' && i + 2 < length && buffer[i + 2] == '\n'))) {
                return true;
            }
        }
        return false;
    }

    /** The request line of a complete head; empty when it is not {@code METHOD TARGET HTTP/1.x}. */
    static Optional<HttpRequestHead> parse(byte[] buffer, int length) {
        String text = new String(buffer, 0, length, StandardCharsets.ISO_8859_1);
        int eol = text.indexOf('\n');
        String line = (eol >= 0 ? text.substring(0, eol) : text).strip();
        String[] parts = line.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.") || parts[0].isEmpty() || parts[1].isEmpty()) {
            return Optional.empty();
        }
        String target = parts[1];
        int q = target.indexOf('?');
        return Optional.of(new HttpRequestHead(parts[0], q >= 0 ? target.substring(0, q) : target));
    }
}
