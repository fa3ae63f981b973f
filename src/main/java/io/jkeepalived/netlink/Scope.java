package io.jkeepalived.netlink;

import java.util.Optional;

/** Address and route scopes ({@code rt_scope_t}), with the names {@code ip} and keepalived use. */
public enum Scope {
    GLOBAL(0), SITE(200), LINK(253), HOST(254), NOWHERE(255);

    private final int code;

    Scope(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** Accepts {@code global|universe|site|link|host|nowhere} or a number 0..255 that has a name. */
    public static Optional<Scope> parse(String text) {
        var t = text.toLowerCase(java.util.Locale.ROOT);
        if (t.equals("universe")) {
            return Optional.of(GLOBAL);
        }
        for (var s : values()) {
            if (s.name().toLowerCase(java.util.Locale.ROOT).equals(t) || Integer.toString(s.code).equals(t)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    public static Optional<Scope> of(int code) {
        for (var s : values()) {
            if (s.code == code) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
