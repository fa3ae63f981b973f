package io.jkeepalived.config.bind;

import java.net.InetAddress;
import java.util.Optional;

/** Literal IP parsing that never touches DNS. */
final class Addresses {
    private Addresses() {}

    static Optional<InetAddress> parse(String text) {
        if (text.isEmpty() || !(Character.digit(text.charAt(0), 16) >= 0 || text.charAt(0) == ':')) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.ofLiteral(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
