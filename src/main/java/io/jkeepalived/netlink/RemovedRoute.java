package io.jkeepalived.netlink;

import java.net.InetAddress;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The identifying fields of a route the kernel announced as deleted (RTM_DELROUTE), enough to tell
 * whether it was one of our virtual routes. Layout in {@link RouteMessages}.
 */
public record RemovedRoute(boolean ipv6, Optional<InetAddress> destination, int prefixLength, int table,
                           OptionalInt metric, int type) {

    private static final int RTMSG = 12;
    private static final int AF_INET6 = 10;

    /** Pure: empty when the body is too short for a {@code struct rtmsg}. */
    public static Optional<RemovedRoute> parse(NetlinkMessage m) {
        var b = m.body();
        if (b.limit() < RTMSG) {
            return Optional.empty();
        }
        boolean six = Byte.toUnsignedInt(b.get(0)) == AF_INET6;
        int dstLen = Byte.toUnsignedInt(b.get(1));
        int table = Byte.toUnsignedInt(b.get(4));
        int type = Byte.toUnsignedInt(b.get(7));
        var attrs = m.attributes(RTMSG);
        return Optional.of(new RemovedRoute(six, attrs.address(Rtnl.RTA_DST), dstLen,
                attrs.u32(Rtnl.RTA_TABLE).orElse(table), attrs.u32(Rtnl.RTA_PRIORITY), type));
    }

    /** Whether this deletion took away {@code spec}: same family, prefix, table, type, and metric if set. */
    public boolean is(RouteSpec spec) {
        return spec.ipv6() == ipv6 && spec.destination().equals(destination)
                && (spec.destination().isEmpty() || spec.prefixLength() == prefixLength)
                && spec.table() == table && spec.type().code() == type
                && (spec.metric().isEmpty() || spec.metric().equals(metric));
    }
}
