package io.jkeepalived.config.bind;

import java.net.InetAddress;
import java.util.Optional;

/** Literal IP parsing that never touches DNS. */
final class Addresses {
    private Addresses() {}

    /** Four decimal parts of 1-3 digits, each at most 255 (one pass: -t reads thousands of these). */
    static boolean dottedQuad(String s) {
        int parts = 0;
        int digits = 0;
        int value = 0;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : '.';
            if (c == '.') {
                if (digits == 0 || value > 255 || ++parts > 4) return false;
                digits = 0;
                value = 0;
            } else if (c >= '0' && c <= '9' && digits < 3) {
                digits++;
                value = value * 10 + (c - '0');
            } else {
                return false;
            }
        }
        return parts == 4;
    }

    static Optional<InetAddress> parse(String text) {
        if (text.isEmpty() || !(Character.digit(text.charAt(0), 16) >= 0 || text.charAt(0) == ':')) {
            return Optional.empty();
        }
        // InetAddress also takes inet_aton forms ("300", "10.1"); keepalived wants a dotted quad
        if (text.indexOf(':') < 0 && !dottedQuad(text)) return Optional.empty();
        try {
            return Optional.of(InetAddress.ofLiteral(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
