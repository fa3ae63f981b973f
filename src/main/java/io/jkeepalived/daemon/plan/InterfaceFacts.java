package io.jkeepalived.daemon.plan;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.util.Optional;

/**
 * What the adapter needs to know about the host's interfaces: the source address an instance
 * advertises from when no {@code unicast_src_ip}/{@code mcast_src_ip} is configured.
 */
public interface InterfaceFacts {

    /** The first (primary) IPv4 address on {@code ifname}. */
    Optional<Inet4Address> primaryIpv4(String ifname);

    /** The first non-tentative IPv6 link-local address on {@code ifname}. */
    Optional<Inet6Address> linkLocalIpv6(String ifname);

    /** Whether the host has an interface of that name now. */
    boolean exists(String ifname);

    /** Facts for a host with no interfaces at all (tests). */
    static InterfaceFacts none() {
        return new InterfaceFacts() {
            @Override
            public Optional<Inet4Address> primaryIpv4(String ifname) {
                return Optional.empty();
            }

            @Override
            public Optional<Inet6Address> linkLocalIpv6(String ifname) {
                return Optional.empty();
            }

            @Override
            public boolean exists(String ifname) {
                return false;
            }
        };
    }
}
