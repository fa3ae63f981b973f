package io.jkeepalived.daemon.plan;

import io.jkeepalived.netlink.AddressSpec;
import java.net.InetAddress;

/**
 * One virtual address as the executor adds it: {@code spec} is complete except its ifindex (0
 * here), which is looked up by {@code ifname} when the address is added, so that VMACs created
 * after planning work too.
 *
 * @param id      the opaque id the engine carries in its actions
 * @param ifname  the interface the address goes on ({@code dev}, else the instance's)
 * @param track   false with {@code no_track}
 */
public record VipPlan(String id, String ifname, InetAddress address, AddressSpec spec, boolean track) {

    public AddressSpec onIndex(int ifindex) {
        return new AddressSpec(ifindex, spec.address(), spec.prefixLength(), spec.broadcast(), spec.peer(),
                spec.label(), spec.scope(), spec.flags(), spec.preferredLifetime());
    }

    /** As keepalived prints a VIP in its logs: the bare address. */
    public String text() {
        return io.jkeepalived.config.model.IpText.of(address);
    }
}
