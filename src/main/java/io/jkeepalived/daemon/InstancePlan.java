package io.jkeepalived.daemon;

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
 */
public record InstancePlan(String name, RouterSpec router, ReceiveProfile profile, Advertisement advert,
                           String iface, String socketIface, String addressIface, Optional<VmacPlan> vmac,
                           Optional<InetAddress> source, boolean sourceConfigured, List<InetAddress> destinations,
                           boolean unicast, int ttl, Map<String, VipPlan> addresses, Map<String, RoutePlan> routes,
                           Map<String, RulePlan> rules, boolean trackPrimary) {
    public InstancePlan {
        destinations = List.copyOf(destinations);
        addresses = Map.copyOf(addresses);
        routes = Map.copyOf(routes);
        rules = Map.copyOf(rules);
    }

    public InstancePlan withSource(InetAddress a) {
        return new InstancePlan(name, router, profile, advert, iface, socketIface, addressIface, vmac, Optional.of(a),
                sourceConfigured, destinations, unicast, ttl, addresses, routes, rules, trackPrimary);
    }

    public InstancePlan withoutSource() {
        return new InstancePlan(name, router, profile, advert, iface, socketIface, addressIface, vmac,
                Optional.empty(), sourceConfigured, destinations, unicast, ttl, addresses, routes, rules, trackPrimary);
    }

    public boolean ipv6() {
        return router.ipv6();
    }

    public int vrid() {
        return router.vrid();
    }
}
