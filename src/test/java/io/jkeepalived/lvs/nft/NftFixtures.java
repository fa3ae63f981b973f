package io.jkeepalived.lvs.nft;

import io.jkeepalived.lvs.Destination;
import io.jkeepalived.lvs.ForwardMethod;
import io.jkeepalived.lvs.Service;
import io.jkeepalived.lvs.ServiceEntry;
import io.jkeepalived.lvs.ServiceKey;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Optional;

/** Services and destinations the nft unit tests share. */
final class NftFixtures {
    private NftFixtures() {}

    static final ServiceKey TCP80 = new ServiceKey.Addr(ServiceKey.Protocol.TCP, ip("198.18.0.1"), 80);
    static final ServiceKey UDP53_V6 = new ServiceKey.Addr(ServiceKey.Protocol.UDP, ip("2001:db8::1"), 53);

    static InetAddress ip(String s) {
        return InetAddress.ofLiteral(s);
    }

    static Destination nat(String ip, int port, long weight) {
        return new Destination(ip(ip), port, weight, ForwardMethod.NAT, 0, 0);
    }

    static Service service(ServiceKey k, String scheduler) {
        return new Service(k, scheduler, Optional.empty(), Optional.empty());
    }

    static ServiceEntry entry(Service s, Destination... ds) {
        var m = new LinkedHashMap<Destination.Key, Destination>();
        for (var d : ds) m.put(d.key(), d);
        return new ServiceEntry(s, m);
    }
}
