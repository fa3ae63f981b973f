package io.jkeepalived.netlink;

import java.net.InetAddress;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A policy-routing rule to add or remove ({@code virtual_rules}). {@code from}/{@code to} are
 * prefixes ({@code fromPrefix}/{@code toPrefix} bits); {@code fwmark} with {@code fwmask}
 * ({@code fwmark M/MASK}); {@code iif}/{@code oif} interface names. Always give a priority: the
 * kernel otherwise picks one, and deleting then matches the first equal rule.
 */
public record RuleSpec(
        boolean ipv6,
        RuleAction action,
        Optional<InetAddress> from,
        int fromPrefix,
        Optional<InetAddress> to,
        int toPrefix,
        OptionalInt table,
        OptionalInt priority,
        OptionalInt fwmark,
        OptionalInt fwmask,
        Optional<String> iif,
        Optional<String> oif,
        OptionalInt gotoPriority,
        int protocol) {

    /** A lookup rule: {@code lookup table} for everything, to be narrowed with the withers. */
    public static RuleSpec lookup(boolean ipv6, int table) {
        return new RuleSpec(ipv6, RuleAction.TO_TABLE, Optional.empty(), 0, Optional.empty(), 0, OptionalInt.of(table),
                OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(), Optional.empty(), Optional.empty(),
                OptionalInt.empty(), Rtnl.RTPROT_KEEPALIVED);
    }

    public RuleSpec from(InetAddress addr, int prefix) {
        return new RuleSpec(ipv6, action, Optional.of(addr), prefix, to, toPrefix, table, priority, fwmark, fwmask, iif,
                oif, gotoPriority, protocol);
    }

    public RuleSpec to(InetAddress addr, int prefix) {
        return new RuleSpec(ipv6, action, from, fromPrefix, Optional.of(addr), prefix, table, priority, fwmark, fwmask,
                iif, oif, gotoPriority, protocol);
    }

    public RuleSpec withPriority(int p) {
        return new RuleSpec(ipv6, action, from, fromPrefix, to, toPrefix, table, OptionalInt.of(p), fwmark, fwmask,
                iif, oif, gotoPriority, protocol);
    }

    public RuleSpec withFwmark(int mark, OptionalInt mask) {
        return new RuleSpec(ipv6, action, from, fromPrefix, to, toPrefix, table, priority, OptionalInt.of(mark), mask,
                iif, oif, gotoPriority, protocol);
    }

    public RuleSpec withIif(String name) {
        return new RuleSpec(ipv6, action, from, fromPrefix, to, toPrefix, table, priority, fwmark, fwmask,
                Optional.of(name), oif, gotoPriority, protocol);
    }

    public RuleSpec withOif(String name) {
        return new RuleSpec(ipv6, action, from, fromPrefix, to, toPrefix, table, priority, fwmark, fwmask, iif,
                Optional.of(name), gotoPriority, protocol);
    }

    public RuleSpec withAction(RuleAction a) {
        return new RuleSpec(ipv6, a, from, fromPrefix, to, toPrefix, a == RuleAction.TO_TABLE ? table
                : OptionalInt.empty(), priority, fwmark, fwmask, iif, oif, gotoPriority, protocol);
    }

    public String describe() {
        var s = new StringBuilder();
        priority.ifPresent(p -> s.append("priority ").append(p).append(' '));
        s.append("from ").append(from.map(f -> f.getHostAddress() + "/" + fromPrefix).orElse("all"));
        to.ifPresent(t -> s.append(" to ").append(t.getHostAddress()).append('/').append(toPrefix));
        fwmark.ifPresent(m -> s.append(" fwmark 0x").append(Integer.toHexString(m)));
        iif.ifPresent(i -> s.append(" iif ").append(i));
        oif.ifPresent(o -> s.append(" oif ").append(o));
        table.ifPresent(t -> s.append(" lookup ").append(t));
        if (action != RuleAction.TO_TABLE) {
            s.append(' ').append(action.name().toLowerCase(java.util.Locale.ROOT));
        }
        return s.toString();
    }
}
