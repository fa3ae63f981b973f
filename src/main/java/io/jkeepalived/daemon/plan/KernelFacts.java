package io.jkeepalived.daemon.plan;

import io.jkeepalived.netlink.InterfaceAddress;
import io.jkeepalived.netlink.Link;
import io.jkeepalived.netlink.Rtnl;
import io.jkeepalived.os.OsException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link InterfaceFacts} from one rtnetlink dump of links and addresses (taken at start and on reload). */
public final class KernelFacts implements InterfaceFacts {
    private final Map<String, Integer> indexByName = new HashMap<>();
    private final List<InterfaceAddress> addresses;

    public KernelFacts(List<Link> links, List<InterfaceAddress> addresses) {
        links.forEach(l -> indexByName.put(l.name(), l.index()));
        this.addresses = List.copyOf(addresses);
    }

    @Override
    public boolean exists(String ifname) {
        return indexByName.containsKey(ifname);
    }

    /** Every address some interface has, whatever its prefix. */
    public java.util.Set<java.net.InetAddress> heldAddresses() {
        return addresses.stream().map(InterfaceAddress::address).collect(java.util.stream.Collectors.toSet());
    }

    public static KernelFacts dump(io.jkeepalived.netlink.RtNetlink rtnl) throws OsException {
        return new KernelFacts(rtnl.links(), rtnl.addresses());
    }

    @Override
    public Optional<Inet4Address> primaryIpv4(String ifname) {
        Integer index = indexByName.get(ifname);
        if (index == null) {
            return Optional.empty();
        }
        return addresses.stream()
                .filter(a -> a.ifindex() == index && a.address() instanceof Inet4Address
                        && (a.flags() & Rtnl.IFA_F_SECONDARY) == 0)
                .map(a -> (Inet4Address) a.address())
                .findFirst();
    }

    @Override
    public Optional<Inet6Address> linkLocalIpv6(String ifname) {
        Integer index = indexByName.get(ifname);
        if (index == null) {
            return Optional.empty();
        }
        return addresses.stream()
                .filter(a -> a.ifindex() == index && a.address() instanceof Inet6Address v6
                        && v6.isLinkLocalAddress() && !a.isTentative())
                .map(a -> (Inet6Address) a.address())
                .findFirst();
    }
}
