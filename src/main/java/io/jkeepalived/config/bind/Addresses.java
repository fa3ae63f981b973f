package io.jkeepalived.config.bind;

import java.net.InetAddress;
import java.util.Optional;

/** Literal IP parsing that never touches DNS. */
final class Addresses {
    private Addresses() {}

    /** Four decimal parts of 1-3 digits, each at most 255 (one pass: -t reads thousands of these). */
    static boolean dottedQuad(String s) {
        return quad(s) != null;
    }

    /** The four bytes of a dotted quad, or null when {@code s} is not one. */
    private static byte[] quad(String s) {
        byte[] out = new byte[4];
        int parts = 0;
        int digits = 0;
        int value = 0;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : '.';
            if (c == '.') {
                if (digits == 0 || value > 255 || parts == 4) return null;
                out[parts++] = (byte) value;
                digits = 0;
                value = 0;
            } else if (c >= '0' && c <= '9' && digits < 3) {
                digits++;
                value = value * 10 + (c - '0');
            } else {
                return null;
            }
        }
        return parts == 4 ? out : null;
    }

    static Optional<InetAddress> parse(String text) {
        if (text.isEmpty() || !(Character.digit(text.charAt(0), 16) >= 0 || text.charAt(0) == ':')) {
            return Optional.empty();
        }
        try {
            if (text.indexOf(':') < 0) {
                // InetAddress also takes inet_aton forms ("300", "10.1"); keepalived wants a dotted quad,
                // read as decimal as InetAddress.ofLiteral reads it (leading zeros are not octal)
                byte[] q = quad(text);
                return q == null ? Optional.empty() : Optional.of(InetAddress.getByAddress(q));
            }
            return Optional.of(InetAddress.ofLiteral(text));
        } catch (IllegalArgumentException | java.net.UnknownHostException e) {
            return Optional.empty();
        }
    }
}
