package io.jkeepalived.check.probe;

import java.util.Locale;

/** {@code http_protocol}: 1.0 (default), 1.0C (1.0 plus {@code Connection: close}) or 1.1 (always closes). */
public enum HttpVersion {
    V1_0("HTTP/1.0", false),
    V1_0C("HTTP/1.0", true),
    V1_1("HTTP/1.1", true);

    final String token;
    final boolean connectionClose;

    HttpVersion(String token, boolean connectionClose) {
        this.token = token;
        this.connectionClose = connectionClose;
    }

    /** The keyword value as written in the config; unknown spellings fall back to 1.0 (the parser rejects them). */
    public static HttpVersion of(String keyword) {
        return switch (keyword.toUpperCase(Locale.ROOT)) {
            case "1.1" -> V1_1;
            case "1.0C" -> V1_0C;
            default -> V1_0;
        };
    }
}
