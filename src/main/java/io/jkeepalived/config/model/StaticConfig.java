package io.jkeepalived.config.model;

import java.util.List;

/** {@code static_ipaddress}, {@code static_routes} and {@code static_rules}. */
public record StaticConfig(List<VirtualIp> addresses, List<VirtualRoute> routes, List<VirtualRule> rules) {
    public StaticConfig {
        addresses = List.copyOf(addresses);
        routes = List.copyOf(routes);
        rules = List.copyOf(rules);
    }
}
