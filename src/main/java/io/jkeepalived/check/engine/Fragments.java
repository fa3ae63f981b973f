package io.jkeepalived.check.engine;

import io.jkeepalived.check.plan.SorrySpec;
import io.jkeepalived.lvs.Destination;
import io.jkeepalived.lvs.Service;
import io.jkeepalived.lvs.ServiceEntry;
import io.jkeepalived.lvs.ServiceKey;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The table a virtual server wants, from its state. Per service:
 * <ul>
 *   <li>a real server is there with its weight while alive and quorum holds (or there is no
 *       sorry server); otherwise with weight 0 under {@code inhibit_on_failure}, else absent;</li>
 *   <li>the sorry server is there with weight 1 while quorum is lost, with weight 0 under
 *       {@code sorry_server_inhibit} otherwise, else absent.</li>
 * </ul>
 */
final class Fragments {
    private Fragments() {}

    static Map<ServiceKey, ServiceEntry> of(VirtualServerState vs) {
        Map<ServiceKey, ServiceEntry> out = new LinkedHashMap<>();
        boolean sorry = vs.sorryActive();
        for (Service s : vs.spec.services()) {
            int servicePort = s.key() instanceof ServiceKey.Addr a ? a.port() : 0;
            Map<Destination.Key, Destination> dests = new LinkedHashMap<>();
            for (RealServerState r : vs.reals) {
                boolean serving = r.alive && !sorry;
                if (!serving && !r.spec.inhibitOnFailure()) continue;
                Destination d = new Destination(r.spec.ip(), r.spec.port().orElse(servicePort), serving ? r.weight : 0,
                        r.spec.method(), r.spec.uthreshold(), r.spec.lthreshold(), r.spec.tunnel());
                dests.put(d.key(), d);
            }
            if (vs.spec.sorry().isPresent() && (sorry || vs.spec.sorry().get().inhibit())) {
                SorrySpec ss = vs.spec.sorry().get();
                Destination d = new Destination(ss.ip(), ss.port().orElse(servicePort), sorry ? 1 : 0, ss.method(), 0, 0);
                dests.put(d.key(), d);
            }
            out.put(s.key(), new ServiceEntry(s, dests));
        }
        return out;
    }
}
