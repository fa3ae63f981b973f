package io.jkeepalived.daemon.plan;

import io.jkeepalived.config.model.IpPrefix;
import io.jkeepalived.config.model.VirtualIp;
import io.jkeepalived.config.model.VirtualRoute;
import io.jkeepalived.config.model.VirtualRule;
import io.jkeepalived.netlink.AddressFlag;
import io.jkeepalived.netlink.AddressSpec;
import io.jkeepalived.netlink.RouteSpec;
import io.jkeepalived.netlink.RouteType;
import io.jkeepalived.netlink.RuleAction;
import io.jkeepalived.netlink.RuleSpec;
import io.jkeepalived.netlink.Rtnl;
import io.jkeepalived.netlink.Scope;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * Config lines ({@code virtual_ipaddress}, {@code virtual_routes}, {@code virtual_rules}) to
 * rtnetlink specs. What cannot be mapped is reported to {@code warn} and left out, never thrown.
 */
final class NetSpecs {
    private NetSpecs() {}

    /** keepalived adds IPv6 VIPs with IFA_F_NODAD, so that a VIP is usable at once, not tentative. */
    static AddressSpec address(VirtualIp v, Consumer<String> warn) {
        IpPrefix p = v.address();
        AddressSpec a = AddressSpec.of(0, p.address(), p.prefix());
        if (v.brd().isPresent()) {
            String brd = v.brd().get();
            if (brd.equals("+")) {
                a = a.withComputedBroadcast();
            } else if (!brd.equals("-")) {
                Optional<InetAddress> b = literal(brd);
                if (b.isPresent()) {
                    a = a.withBroadcast(b.get());
                } else {
                    warn.accept("VIP " + p + ": bad broadcast " + brd + " ignored");
                }
            }
        }
        if (v.peer().isPresent()) {
            a = new AddressSpec(0, p.address(), v.peer().get().prefix(), a.broadcast(),
                    Optional.of(v.peer().get().address()), a.label(), a.scope(), a.flags(), a.preferredLifetime());
        }
        if (v.label().isPresent()) {
            a = a.withLabel(v.label().get());
        }
        if (v.scope().isPresent()) {
            Optional<Scope> s = Scope.parse(v.scope().get());
            if (s.isPresent()) {
                a = a.withScope(s.get());
            } else {
                warn.accept("VIP " + p + ": unknown scope " + v.scope().get() + " ignored");
            }
        }
        if (v.preferredLft().isPresent()) {
            a = a.withPreferredLifetime(v.preferredLft().get());
        }
        if (p.address() instanceof Inet6Address || v.nodad()) {
            a = a.withFlag(AddressFlag.NODAD);
        }
        if (v.home()) {
            a = a.withFlag(AddressFlag.HOME);
        }
        if (v.mngtmpaddr()) {
            a = a.withFlag(AddressFlag.MNGTMPADDR);
        }
        if (v.noprefixroute()) {
            a = a.withFlag(AddressFlag.NOPREFIXROUTE);
        }
        if (v.autojoin()) {
            a = a.withFlag(AddressFlag.AUTOJOIN);
        }
        return a;
    }

    static Optional<RoutePlan> route(String id, VirtualRoute r, boolean defaultIpv6, Consumer<String> warn) {
        try {
            String dest = r.destination().orElse("default");
            RouteSpec spec;
            if (dest.equals("default")) {
                boolean v6 = r.via().flatMap(NetSpecs::literal).map(a -> a instanceof Inet6Address)
                        .orElse(defaultIpv6);
                spec = RouteSpec.defaultRoute(v6);
            } else {
                Optional<Prefix> p = prefix(dest);
                if (p.isEmpty()) {
                    warn.accept("virtual route '" + String.join(" ", r.words()) + "': bad destination " + dest);
                    return Optional.empty();
                }
                spec = RouteSpec.to(p.get().address(), p.get().length());
            }
            if (r.type().isPresent()) {
                Optional<RouteType> t = routeType(r.type().get());
                if (t.isEmpty()) {
                    warn.accept("virtual route '" + String.join(" ", r.words()) + "': type " + r.type().get()
                            + " not supported");
                    return Optional.empty();
                }
                spec = spec.withType(t.get());
            }
            if (r.via().isPresent()) {
                spec = spec.via(literal(r.via().get()).orElseThrow());
            }
            if (r.src().isPresent()) {
                spec = spec.withSource(literal(r.src().get()).orElseThrow());
            }
            if (r.table().isPresent()) {
                spec = spec.inTable(table(r.table().get()).orElseThrow());
            }
            if (r.metric().isPresent()) {
                spec = spec.withMetric((int) (long) r.metric().get());
            }
            if (r.words().contains("onlink")) {
                spec = spec.withOnlink(true);
            }
            return Optional.of(new RoutePlan(id, r.dev(), spec));
        } catch (RuntimeException e) {
            warn.accept("virtual route '" + String.join(" ", r.words()) + "' cannot be mapped: " + e.getMessage());
            return Optional.empty();
        }
    }

    static Optional<RulePlan> rule(String id, VirtualRule r, boolean defaultIpv6, Consumer<String> warn) {
        try {
            Optional<Prefix> from = r.from().filter(s -> !s.equals("all")).flatMap(NetSpecs::prefix);
            Optional<Prefix> to = r.to().filter(s -> !s.equals("all")).flatMap(NetSpecs::prefix);
            boolean v6 = from.or(() -> to).map(p -> p.address() instanceof Inet6Address).orElse(defaultIpv6);
            RuleSpec spec = RuleSpec.lookup(v6, r.table().flatMap(NetSpecs::table).orElse(Rtnl.RT_TABLE_MAIN));
            if (from.isPresent()) {
                spec = spec.from(from.get().address(), from.get().length());
            }
            if (to.isPresent()) {
                spec = spec.to(to.get().address(), to.get().length());
            }
            if (r.preference().isPresent()) {
                spec = spec.withPriority((int) (long) r.preference().get());
            }
            List<String> w = r.words();
            for (int i = 0; i + 1 < w.size(); i++) {
                switch (w.get(i)) {
                    case "iif" -> spec = spec.withIif(w.get(i + 1));
                    case "oif" -> spec = spec.withOif(w.get(i + 1));
                    case "fwmark" -> {
                        String[] mm = w.get(i + 1).split("/");
                        spec = spec.withFwmark(Integer.decode(mm[0]),
                                mm.length > 1 ? OptionalInt.of(Integer.decode(mm[1])) : OptionalInt.empty());
                    }
                    default -> { }
                }
            }
            if (w.contains("blackhole")) {
                spec = spec.withAction(RuleAction.BLACKHOLE);
            } else if (w.contains("unreachable")) {
                spec = spec.withAction(RuleAction.UNREACHABLE);
            } else if (w.contains("prohibit")) {
                spec = spec.withAction(RuleAction.PROHIBIT);
            }
            return Optional.of(new RulePlan(id, spec));
        } catch (RuntimeException e) {
            warn.accept("virtual rule '" + String.join(" ", r.words()) + "' cannot be mapped: " + e.getMessage());
            return Optional.empty();
        }
    }

    record Prefix(InetAddress address, int length) {}

    static Optional<Prefix> prefix(String text) {
        int slash = text.indexOf('/');
        Optional<InetAddress> a = literal(slash < 0 ? text : text.substring(0, slash));
        if (a.isEmpty()) {
            return Optional.empty();
        }
        int max = a.get() instanceof Inet6Address ? 128 : 32;
        try {
            int len = slash < 0 ? max : Integer.parseInt(text.substring(slash + 1));
            return len < 0 || len > max ? Optional.empty() : Optional.of(new Prefix(a.get(), len));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static Optional<InetAddress> literal(String text) {
        try {
            return Optional.of(InetAddress.ofLiteral(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static Optional<Integer> table(String text) {
        return switch (text) {
            case "main" -> Optional.of(Rtnl.RT_TABLE_MAIN);
            case "local" -> Optional.of(255);
            case "default" -> Optional.of(253);
            default -> {
                try {
                    yield Optional.of(Integer.parseInt(text));
                } catch (NumberFormatException e) {
                    yield Optional.empty();
                }
            }
        };
    }

    private static Optional<RouteType> routeType(String text) {
        try {
            return Optional.of(RouteType.valueOf(text.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
