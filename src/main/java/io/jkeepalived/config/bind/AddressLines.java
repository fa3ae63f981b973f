package io.jkeepalived.config.bind;

import io.jkeepalived.config.model.IpPrefix;
import io.jkeepalived.config.model.VirtualIp;
import io.jkeepalived.config.model.VirtualRoute;
import io.jkeepalived.config.model.VirtualRule;
import io.jkeepalived.config.tree.Node;
import io.jkeepalived.config.tree.Token;
import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Parsers for VIP, route and rule lines (the same syntax in virtual_* and static_* blocks). */
final class AddressLines {
    private AddressLines() {}

    private static final Set<String> SCOPES = Set.of("site", "link", "host", "nowhere", "global");

    static Optional<IpPrefix> prefix(String what, Token t, Ctx ctx) {
        String s = t.text();
        int slash = s.indexOf('/');
        var addr = Addresses.parse(slash < 0 ? s : s.substring(0, slash));
        if (addr.isEmpty()) {
            ctx.error(t.pos(), what + " '" + s + "' is not a valid IP address");
            return Optional.empty();
        }
        int max = addr.get() instanceof Inet6Address ? 128 : 32;
        if (slash < 0) return Optional.of(new IpPrefix(addr.get(), max));
        return ctx.integer(what + " prefix", new Token(s.substring(slash + 1), t.pos(), false), 0, max)
                .map(p -> new IpPrefix(addr.get(), p.intValue()));
    }

    /** {@code ADDR[/PREFIX] [dev IF] [brd IP|+|-] [scope S] [label L] [peer IP] ... }. */
    static Optional<VirtualIp> vip(Node line, Ctx ctx, boolean isStatic) {
        var ip = prefix("address", line.keyword(), ctx);
        if (ip.isEmpty()) return Optional.empty();
        Optional<String> dev = Optional.empty(), label = Optional.empty(), brd = Optional.empty(),
                scope = Optional.empty(), trackGroup = Optional.empty();
        Optional<IpPrefix> peer = Optional.empty();
        Optional<Long> lft = Optional.empty();
        boolean noTrack = false, home = false, nodad = false, mngt = false, nopr = false, autojoin = false,
                useVmac = false;
        List<Token> a = line.args();
        for (int i = 0; i < a.size(); i++) {
            Token t = a.get(i);
            String w = t.text();
            boolean hasNext = i + 1 < a.size();
            switch (w) {
                case "dev", "brd", "broadcast", "scope", "label", "peer", "preferred_lft", "track_group" -> {
                    if (!hasNext) {
                        ctx.error(t.pos(), "'" + w + "' needs a value in address " + ip.get());
                        continue;
                    }
                    Token v = a.get(++i);
                    switch (w) {
                        case "dev" -> dev = Optional.of(v.text());
                        case "brd", "broadcast" -> brd = Optional.of(v.text());
                        case "label" -> label = Optional.of(v.text());
                        case "scope" -> {
                            if (ip.get().address() instanceof Inet6Address) {
                                ctx.error(v.pos(), "scope is not valid for IPv6 address " + ip.get());
                            } else if (SCOPES.contains(v.text()) || v.text().matches("\\d+")) {
                                scope = Optional.of(v.text());
                            } else {
                                ctx.error(v.pos(), "invalid scope '" + v.text() + "'");
                            }
                        }
                        case "peer" -> peer = prefix("peer", v, ctx);
                        case "preferred_lft" -> lft = v.text().equals("forever")
                                ? Optional.of(0xffffffffL) : ctx.integer("preferred_lft", v, 0, 0xffffffffL);
                        case "track_group" -> {
                            if (!isStatic) ctx.error(t.pos(), "track_group is only valid for static addresses");
                            trackGroup = Optional.of(v.text());
                        }
                        default -> throw new IllegalStateException(w);
                    }
                }
                case "no_track" -> noTrack = true;
                case "home" -> home = true;
                case "-nodad", "nodad" -> nodad = true;
                case "mngtmpaddr" -> mngt = true;
                case "noprefixroute" -> nopr = true;
                case "autojoin" -> autojoin = true;
                case "use_vmac" -> useVmac = true;
                default -> ctx.error(t.pos(), "unknown address option '" + w + "' for " + ip.get());
            }
        }
        if (lft.isEmpty() && ip.get().address() instanceof Inet6Address && ip.get().prefix() == 128) {
            lft = Optional.of(0L);
        }
        return Optional.of(new VirtualIp(ip.get(), dev, label, brd, scope, peer, noTrack, lft, home, nodad, mngt,
                nopr, autojoin, useVmac, trackGroup));
    }

    private static final Set<String> ROUTE_TYPES =
            Set.of("unicast", "blackhole", "unreachable", "prohibit", "throw", "local", "broadcast", "multicast",
                    "anycast", "nat");
    private static final Set<String> ROUTE_VALUED = Set.of("src", "to", "via", "gw", "or", "dev", "table",
            "metric", "priority", "preference", "protocol", "scope", "tos", "realms", "mtu", "advmss", "rtt",
            "rttvar", "reordering", "window", "cwnd", "ssthresh", "rto_min", "initcwnd", "initrwnd", "features",
            "congctl", "pref", "hoplimit", "ttl-propagate", "expires", "encap", "vrf", "weight", "track_group",
            "nexthop", "fastopen_no_cookie", "quickack", "dsfield");
    private static final Set<String> ROUTE_FLAGS = Set.of("onlink", "inet6", "inet", "add", "prepend", "append",
            "no_track", "lock");

    static Optional<VirtualRoute> route(Node line, Ctx ctx) {
        var words = new ArrayList<Token>();
        words.add(line.keyword());
        words.addAll(line.args());
        Optional<String> type = Optional.empty(), dest = Optional.empty(), src = Optional.empty(),
                via = Optional.empty(), dev = Optional.empty(), table = Optional.empty(), tg = Optional.empty();
        Optional<Long> metric = Optional.empty();
        boolean noTrack = false;
        for (int i = 0; i < words.size(); i++) {
            Token t = words.get(i);
            String w = t.text();
            if (ROUTE_TYPES.contains(w) && dest.isEmpty()) {
                type = Optional.of(w);
            } else if (ROUTE_FLAGS.contains(w) || w.equals("nexthop")) {
                if (w.equals("no_track")) noTrack = true;
            } else if (ROUTE_VALUED.contains(w)) {
                if (i + 1 >= words.size()) {
                    ctx.error(t.pos(), "route option '" + w + "' needs a value");
                    break;
                }
                Token v = words.get(++i);
                switch (w) {
                    case "src" -> src = Optional.of(v.text());
                    case "to" -> dest = Optional.of(v.text());
                    case "via", "gw", "or" -> {
                        if (!w.equals("via")) {
                            ctx.error(t.pos(), "'" + w + "' for routes is deprecated", w.equals("gw") ? "use 'via'" : "use 'nexthop'");
                        }
                        if (v.text().equals("inet") || v.text().equals("inet6")) v = i + 1 < words.size() ? words.get(++i) : v;
                        if (Addresses.parse(v.text()).isEmpty()) {
                            ctx.error(v.pos(), "route gateway '" + v.text() + "' is not a valid IP address");
                        }
                        via = Optional.of(v.text());
                    }
                    case "dev" -> dev = Optional.of(v.text());
                    case "table" -> table = Optional.of(v.text());
                    case "metric", "priority", "preference" -> metric = ctx.integer(w, v, 0, 0xffffffffL);
                    case "track_group" -> tg = Optional.of(v.text());
                    default -> { }
                }
            } else if (dest.isEmpty() && (w.equals("default") || prefixOk(w))) {
                dest = Optional.of(w);
            } else {
                ctx.error(t.pos(), "unknown route option '" + w + "'");
            }
        }
        if (dest.isEmpty()) {
            ctx.error(line.pos(), "route has no destination");
            return Optional.empty();
        }
        return Optional.of(new VirtualRoute(words.stream().map(Token::text).toList(), type, dest, src, via, dev,
                table, metric, noTrack, tg));
    }

    private static Optional<String> ruleAddress(String what, Token v, Ctx ctx) {
        if (v.text().equals("all") || v.text().equals("default")) return Optional.of(v.text());
        return prefix("rule " + what, v, ctx).map(p -> v.text());
    }

    private static boolean prefixOk(String w) {
        int slash = w.indexOf('/');
        return Addresses.parse(slash < 0 ? w : w.substring(0, slash)).isPresent();
    }

    private static final Set<String> RULE_VALUED = Set.of("from", "to", "table", "lookup", "preference", "order",
            "priority", "tos", "dsfield", "fwmark", "realms", "suppress_prefixlength", "suppress_ifgroup", "iif",
            "dev", "oif", "tunnel-id", "uidrange", "protocol", "ipproto", "sport", "dport", "type", "goto",
            "track_group");
    private static final Set<String> RULE_FLAGS = Set.of("not", "l3mdev", "nop", "no_track", "inet", "inet6",
            "unicast", "blackhole", "unreachable", "prohibit");

    static Optional<VirtualRule> rule(Node line, Ctx ctx) {
        var words = new ArrayList<Token>();
        words.add(line.keyword());
        words.addAll(line.args());
        Optional<String> from = Optional.empty(), to = Optional.empty(), table = Optional.empty(), tg = Optional.empty();
        Optional<Long> pref = Optional.empty();
        boolean noTrack = false;
        for (int i = 0; i < words.size(); i++) {
            Token t = words.get(i);
            String w = t.text();
            if (RULE_FLAGS.contains(w)) {
                if (w.equals("no_track")) noTrack = true;
            } else if (RULE_VALUED.contains(w)) {
                if (i + 1 >= words.size()) {
                    ctx.error(t.pos(), "rule option '" + w + "' needs a value");
                    break;
                }
                Token v = words.get(++i);
                switch (w) {
                    case "from" -> from = ruleAddress(w, v, ctx);
                    case "to" -> to = ruleAddress(w, v, ctx);
                    case "table", "lookup" -> table = Optional.of(v.text());
                    case "preference", "order", "priority" -> pref = ctx.integer(w, v, 0, 0xffffffffL);
                    case "track_group" -> tg = Optional.of(v.text());
                    default -> { }
                }
            } else {
                ctx.error(t.pos(), "unknown rule option '" + w + "'");
            }
        }
        if (pref.isEmpty()) {
            ctx.error(line.pos(), "rule has no preference; it is set to 16384",
                    "set 'preference N' so the rule's position is stable");
        }
        return Optional.of(new VirtualRule(words.stream().map(Token::text).toList(), from, to, table, pref, noTrack, tg));
    }
}
