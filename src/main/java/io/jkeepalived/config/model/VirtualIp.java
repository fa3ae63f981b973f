package io.jkeepalived.config.model;

import java.util.Optional;

/** One line of {@code virtual_ipaddress}, {@code virtual_ipaddress_excluded} or {@code static_ipaddress}. */
public record VirtualIp(
        IpPrefix address,
        Optional<String> dev,
        Optional<String> label,
        Optional<String> brd,
        Optional<String> scope,
        Optional<IpPrefix> peer,
        boolean noTrack,
        Optional<Long> preferredLft,
        boolean home,
        boolean nodad,
        boolean mngtmpaddr,
        boolean noprefixroute,
        boolean autojoin,
        boolean useVmac,
        Optional<String> trackGroup) {}
