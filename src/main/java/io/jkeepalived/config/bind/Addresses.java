package io.jkeepalived.config.bind;

import java.net.InetAddress;
import java.util.Optional;

/** Literal IP parsing that never touches DNS. */
final class Addresses {
    private Addresses() {}

    private static boolean dottedQuad(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) return false;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
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
