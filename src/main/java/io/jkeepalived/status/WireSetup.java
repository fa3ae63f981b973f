package io.jkeepalived.status;

import java.util.Optional;

/**
 * How an instance meets the network.
 *
 * @param source        the advert source address; empty while the interface has none
 * @param syncGroup     the vrrp_sync_group it belongs to, if any
 */
public record WireSetup(String iface, int vrid, int version, boolean ipv6, boolean unicast, Optional<String> source,
                        int advertIntervalCentis, Optional<String> syncGroup) {
}
