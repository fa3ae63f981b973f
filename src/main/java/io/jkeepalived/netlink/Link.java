package io.jkeepalived.netlink;

import io.jkeepalived.os.MacAddress;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An interface as the kernel reports it. {@code flags} are IFF_* bits; {@code kind} is the link
 * type from IFLA_LINKINFO ({@code macvlan}, {@code veth}, {@code bridge}...), empty for plain devices.
 */
public record Link(
        int index,
        String name,
        int flags,
        Optional<MacAddress> mac,
        OperState operState,
        int mtu,
        OptionalInt parentIndex,
        Optional<String> kind,
        OptionalInt macvlanMode) {

    /** Administratively up ({@code ip link set X up}). */
    public boolean isUp() {
        return (flags & Rtnl.IFF_UP) != 0;
    }

    /** Up with carrier: what keepalived treats as "interface usable". */
    public boolean isRunning() {
        return (flags & Rtnl.IFF_RUNNING) != 0;
    }
}
