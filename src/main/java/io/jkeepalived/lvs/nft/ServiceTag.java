package io.jkeepalived.lvs.nft;

import io.jkeepalived.config.model.IpText;
import io.jkeepalived.lvs.Service;
import io.jkeepalived.lvs.ServiceFlags;
import io.jkeepalived.lvs.ServiceKey;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Optional;

/**
 * A service's key and settings as one line, kept as the comment of its destination map
 * ({@code dst_<id>}) so that {@link NftDump} reads back exactly what was applied: the rules alone lose
 * weights (divided by their gcd) and the scheduler's name (wrr and sh share a slot list).
 *
 * <pre>{@code jk1 tcp 198.18.0.1 80 wrr 300 255.255.255.0 0100}   (proto vip port sched persistence granularity flags)
 * jk1 fwm 7 6 mh - - 0010}                                        (fwm mark family ...)</pre>
 * {@code -} is "none"; flags are ops, sched1, sched2, sched3 as 0/1. Under nft's 128-byte comment limit.
 */
final class ServiceTag {
    private ServiceTag() {}

    static final String MAGIC = "jk1";

    static String of(Service s) {
        String key = switch (s.key()) {
            case ServiceKey.Addr a -> a.protocol().lower() + " " + IpText.of(a.vip()) + " " + a.port();
            case ServiceKey.Fwmark f -> "fwm " + f.mark() + " " + (f.inet6() ? 6 : 4);
        };
        ServiceFlags f = s.flags();
        return MAGIC + " " + key + " " + s.scheduler() + " " + s.persistenceSeconds().map(String::valueOf).orElse("-")
                + " " + s.granularity().orElse("-") + " " + bit(f.onePacket()) + bit(f.sched1()) + bit(f.sched2())
                + bit(f.sched3());
    }

    private static char bit(boolean b) {
        return b ? '1' : '0';
    }

    /** The service a tag describes; empty when it is not one of ours or is damaged. */
    static Optional<Service> parse(String tag) {
        String[] t = tag.strip().split(" ");
        if (t.length != 8 || !t[0].equals(MAGIC)) return Optional.empty();
        try {
            ServiceKey key;
            if (t[1].equals("fwm")) {
                if (!t[3].equals("4") && !t[3].equals("6")) return Optional.empty();
                key = new ServiceKey.Fwmark(Long.parseUnsignedLong(t[2]), t[3].equals("6"));
            } else {
                var proto = ServiceKey.Protocol.valueOf(t[1].toUpperCase(Locale.ROOT));
                int port = Integer.parseInt(t[3]);
                if (port < 0 || port > 65535) return Optional.empty();
                key = new ServiceKey.Addr(proto, InetAddress.ofLiteral(t[2]), port);
            }
            Optional<Long> persistence = t[5].equals("-") ? Optional.empty() : Optional.of(Long.parseLong(t[5]));
            Optional<String> granularity = t[6].equals("-") ? Optional.empty() : Optional.of(t[6]);
            String f = t[7];
            if (f.length() != 4 || !f.matches("[01]{4}")) return Optional.empty();
            var flags = new ServiceFlags(f.charAt(0) == '1', f.charAt(1) == '1', f.charAt(2) == '1', f.charAt(3) == '1');
            return Optional.of(new Service(key, t[4], persistence, granularity, flags, Optional.empty()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
