package io.jkeepalived.daemon.plan;

import io.jkeepalived.vrrp.engine.RouterSpec;
import io.jkeepalived.vrrp.wire.Advertisement;
import io.jkeepalived.vrrp.wire.ReceiveProfile;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the daemon needs for one vrrp_instance, derived once from the config (and again on
 * reload): the engine's spec, what the receive path validates against, what the sender encodes,
 * and the kernel objects behind the engine's opaque VIP/route/rule ids.
 *
 * @param iface         the configured interface (the VMAC's parent with use_vmac)
 * @param socketIface   where adverts are sent and received: the VMAC, or the parent with vmac_xmit_base
 * @param addressIface  where VIPs without {@code dev} go and GARPs leave: the VMAC, else the interface
 * @param source        the advert source address; empty when the interface has none yet (FAULT)
 * @param destinations  the multicast group, or every unicast peer
 * @param ttl           255, or {@code unicast_ttl} when unicast
 * @param splitBrain    jkeepalived's split-brain watch settings (not part of {@link #sameRouterAs})
 */
public record InstancePlan(String name, RouterSpec router, ReceiveProfile profile, Advertisement advert,
                           String iface, String socketIface, String addressIface, Optional<VmacPlan> vmac,
                           Optional<InetAddress> source, boolean sourceConfigured, List<InetAddress> destinations,
                           boolean unicast, int ttl, Map<String, VipPlan> addresses, Map<String, RoutePlan> routes,
                           Map<String, RulePlan> rules, boolean trackPrimary,
                           io.jkeepalived.config.model.SplitBrain splitBrain) {
    public InstancePlan {
        destinations = List.copyOf(destinations);
        addresses = Map.copyOf(addresses);
        routes = Map.copyOf(routes);
        rules = Map.copyOf(rules);
    }

    public InstancePlan withSource(InetAddress a) {
        return new InstancePlan(name, router, profile, advert, iface, socketIface, addressIface, vmac, Optional.of(a),
                sourceConfigured, destinations, unicast, ttl, addresses, routes, rules, trackPrimary, splitBrain);
    }

    public InstancePlan withoutSource() {
        return new InstancePlan(name, router, profile, advert, iface, socketIface, addressIface, vmac,
                Optional.empty(), sourceConfigured, destinations, unicast, ttl, addresses, routes, rules, trackPrimary, splitBrain);
    }

    /**
     * This plan, resolving also {@code older}'s VIP, route and rule ids (this plan's win): for the
     * moment a reload's actions run, when a MASTER removes ids that only the old plan knows.
     */
    public InstancePlan resolvingAlso(InstancePlan older) {
        return new InstancePlan(name, router, profile, advert, iface, socketIface, addressIface, vmac, source,
                sourceConfigured, destinations, unicast, ttl, union(older.addresses, addresses),
                union(older.routes, routes), union(older.rules, rules), trackPrimary, splitBrain);
    }

    private static <T> Map<String, T> union(Map<String, T> older, Map<String, T> newer) {
        Map<String, T> all = new java.util.HashMap<>(older);
        all.putAll(newer);
        return all;
    }

    /**
     * Whether {@code other} is the same router to peers and the kernel: changing the VRID, version,
     * family, interface, VMAC, unicast/multicast, the multicast group or a configured source needs
     * other sockets, memberships or a VMAC, so such a change restarts the instance on reload.
     */
    public boolean sameRouterAs(InstancePlan other) {
        InstancePlan a = this;
        InstancePlan b = other;
        return a.vrid() == b.vrid() && a.router.version() == b.router.version() && a.ipv6() == b.ipv6()
                && a.iface.equals(b.iface) && a.socketIface.equals(b.socketIface)
                && a.addressIface.equals(b.addressIface) && a.vmac.equals(b.vmac)
                && a.unicast == b.unicast && (a.unicast || a.destinations.equals(b.destinations))
                && a.sourceConfigured == b.sourceConfigured
                && (!a.sourceConfigured || a.source.equals(b.source)) && a.trackPrimary == b.trackPrimary;
    }

    public boolean ipv6() {
        return router.ipv6();
    }

    public int vrid() {
        return router.vrid();
    }
}
