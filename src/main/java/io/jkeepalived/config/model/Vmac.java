package io.jkeepalived.config.model;

import java.util.Optional;

/** {@code use_vmac [name] [MAC]}: the macvlan interface name (default vrrp.VRID) and MAC override. */
public record Vmac(Optional<String> name, Optional<String> mac, boolean xmitBase) {}
