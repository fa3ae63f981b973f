package io.jkeepalived.check.plan;

import io.jkeepalived.config.model.IpText;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;

/** Address helpers shared by the plan: literal parsing (never DNS) and keepalived's bracketed form. */
final class Targets {
    private Targets() {}

    /** The binder has validated these literals; an unparsable one is a plan problem, not an exception. */
    static Optional<InetAddress> literal(String text) {
        try {
            return Optional.of(InetAddress.ofLiteral(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static String bracket(InetAddress a) {
        return a instanceof Inet6Address ? "[" + IpText.of(a) + "]" : IpText.of(a);
    }
}
