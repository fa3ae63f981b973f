package io.jkeepalived.netlink;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A route to add or remove ({@code virtual_routes}). The model is deliberately flat: new route
 * attributes (mtu, realms, nexthops...) become new fields and new lines in {@link RouteMessages}.
 * {@code destination} empty means the default route. {@code scope} empty means "as {@code ip} would
 * choose" (link for a direct unicast route, host for local, universe otherwise).
 */
public record RouteSpec(
        boolean ipv6,
        RouteType type,
        Optional<InetAddress> destination,
        int prefixLength,
        Optional<InetAddress> gateway,
        OptionalInt outputInterface,
        int table,
        OptionalInt metric,
        Optional<InetAddress> preferredSource,
        Optional<Scope> scope,
        int protocol,
        boolean onlink) {

    public RouteSpec {
        int max = ipv6 ? 128 : 32;
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " out of range 0.." + max);
        }
        if (table < 0) {
            throw new IllegalArgumentException("table " + table);
        }
    }

    /** A unicast route to {@code dest/prefix} in the main table, protocol {@code keepalived}. */
    public static RouteSpec to(InetAddress dest, int prefix) {
        return new RouteSpec(!(dest instanceof Inet4Address), RouteType.UNICAST, Optional.of(dest), prefix,
                Optional.empty(), OptionalInt.empty(), Rtnl.RT_TABLE_MAIN, OptionalInt.empty(), Optional.empty(),
                Optional.empty(), Rtnl.RTPROT_KEEPALIVED, false);
    }

    public static RouteSpec defaultRoute(boolean ipv6) {
        return new RouteSpec(ipv6, RouteType.UNICAST, Optional.empty(), 0, Optional.empty(), OptionalInt.empty(),
                Rtnl.RT_TABLE_MAIN, OptionalInt.empty(), Optional.empty(), Optional.empty(), Rtnl.RTPROT_KEEPALIVED,
                false);
    }

    public RouteSpec withType(RouteType t) {
        return new RouteSpec(ipv6, t, destination, prefixLength, gateway, outputInterface, table, metric,
                preferredSource, scope, protocol, onlink);
    }

    public RouteSpec via(InetAddress gw) {
        return new RouteSpec(ipv6, type, destination, prefixLength, Optional.of(gw), outputInterface, table, metric,
                preferredSource, scope, protocol, onlink);
    }

    public RouteSpec dev(int ifindex) {
        return new RouteSpec(ipv6, type, destination, prefixLength, gateway, OptionalInt.of(ifindex), table, metric,
                preferredSource, scope, protocol, onlink);
    }

    public RouteSpec inTable(int t) {
        return new RouteSpec(ipv6, type, destination, prefixLength, gateway, outputInterface, t, metric,
                preferredSource, scope, protocol, onlink);
    }

    public RouteSpec withMetric(int m) {
        return new RouteSpec(ipv6, type, destination, prefixLength, gateway, outputInterface, table,
                OptionalInt.of(m), preferredSource, scope, protocol, onlink);
    }

    public RouteSpec withSource(InetAddress src) {
        return new RouteSpec(ipv6, type, destination, prefixLength, gateway, outputInterface, table, metric,
                Optional.of(src), scope, protocol, onlink);
    }

    public RouteSpec withScope(Scope s) {
        return new RouteSpec(ipv6, type, destination, prefixLength, gateway, outputInterface, table, metric,
                preferredSource, Optional.of(s), protocol, onlink);
    }

    public RouteSpec withOnlink(boolean o) {
        return new RouteSpec(ipv6, type, destination, prefixLength, gateway, outputInterface, table, metric,
                preferredSource, scope, protocol, o);
    }

    /** {@code blackhole 198.18.5.0/24 table 100}, for error messages. */
    public String describe() {
        var s = new StringBuilder();
        if (type != RouteType.UNICAST) {
            s.append(type.name().toLowerCase(java.util.Locale.ROOT)).append(' ');
        }
        s.append(destination.map(d -> d.getHostAddress() + "/" + prefixLength).orElse("default"));
        gateway.ifPresent(g -> s.append(" via ").append(g.getHostAddress()));
        outputInterface.ifPresent(i -> s.append(" dev #").append(i));
        s.append(" table ").append(table);
        metric.ifPresent(m -> s.append(" metric ").append(m));
        return s.toString();
    }
}
