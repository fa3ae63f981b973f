package io.jkeepalived.netlink;

import java.net.InetAddress;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The identifying fields of a rule the kernel announced as deleted (RTM_DELRULE), enough to tell
 * whether it was one of our virtual rules. Layout in {@link RuleMessages}.
 */
public record RemovedRule(boolean ipv6, OptionalInt priority, Optional<InetAddress> from, int fromPrefix,
                          Optional<InetAddress> to, int toPrefix, OptionalInt table, OptionalInt fwmark) {

    private static final int FIB_RULE_HDR = 12;
    private static final int AF_INET6 = 10;

    /** Pure: empty when the body is too short for a {@code struct fib_rule_hdr}. */
    public static Optional<RemovedRule> parse(NetlinkMessage m) {
        var b = m.body();
        if (b.limit() < FIB_RULE_HDR) {
            return Optional.empty();
        }
        boolean six = Byte.toUnsignedInt(b.get(0)) == AF_INET6;
        int dstLen = Byte.toUnsignedInt(b.get(1));
        int srcLen = Byte.toUnsignedInt(b.get(2));
        int table = Byte.toUnsignedInt(b.get(4));
        var attrs = m.attributes(FIB_RULE_HDR);
        OptionalInt t = attrs.u32(Rtnl.FRA_TABLE);
        return Optional.of(new RemovedRule(six, attrs.u32(Rtnl.FRA_PRIORITY), attrs.address(Rtnl.FRA_SRC), srcLen,
                attrs.address(Rtnl.FRA_DST), dstLen, t.isPresent() ? t : table == 0 ? OptionalInt.empty()
                : OptionalInt.of(table), attrs.u32(Rtnl.FRA_FWMARK)));
    }

    /** Whether this deletion took away {@code spec}: the fields the spec sets must all agree. */
    public boolean is(RuleSpec spec) {
        return spec.ipv6() == ipv6 && spec.from().equals(from) && spec.to().equals(to)
                && (spec.from().isEmpty() || spec.fromPrefix() == fromPrefix)
                && (spec.to().isEmpty() || spec.toPrefix() == toPrefix)
                && (spec.priority().isEmpty() || spec.priority().equals(priority))
                && (spec.table().isEmpty() || spec.table().equals(table))
                && spec.fwmark().equals(fwmark);
    }
}
