package io.jkeepalived.netlink;

import io.jkeepalived.os.MacAddress;
import java.util.OptionalInt;

/**
 * A VMAC interface: a macvlan named {@code name} on {@code parentIndex} with the virtual router MAC,
 * in {@code mode} (keepalived uses {@link Mode#PRIVATE}), optionally in the parent's link group.
 */
public record MacvlanSpec(String name, int parentIndex, MacAddress mac, Mode mode, OptionalInt group) {

    public enum Mode {
        PRIVATE(1), VEPA(2), BRIDGE(4), PASSTHRU(8), SOURCE(16);

        private final int code;

        Mode(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    public MacvlanSpec {
        if (name.isEmpty() || name.length() > 15) {
            throw new IllegalArgumentException("interface name must have 1..15 characters: '" + name + "'");
        }
    }

    /** keepalived's VMAC: {@code 00:00:5e:00:01:VRID} (IPv4) or {@code :02:} (IPv6), private mode. */
    public static MacvlanSpec vmac(String name, int parentIndex, boolean ipv6, int vrid) {
        return new MacvlanSpec(name, parentIndex, MacAddress.vrrp(ipv6, vrid), Mode.PRIVATE, OptionalInt.empty());
    }
}
