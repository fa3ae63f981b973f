package io.jkeepalived.check.engine;

import io.jkeepalived.lvs.Destination;
import io.jkeepalived.lvs.ServiceEntry;
import java.net.InetAddress;
import java.util.HashSet;
import java.util.Set;

/** Snapshots of engine state for status, dumps and metrics. */
final class Views {
    private Views() {}

    static VirtualServerView of(VirtualServerState vs) {
        Set<Destination.Key> keys = new HashSet<>();
        Set<InetAddress> ips = new HashSet<>();
        for (ServiceEntry e : vs.fragment.values()) {
            keys.addAll(e.destinations().keySet());
            e.destinations().keySet().forEach(k -> ips.add(k.ip()));
        }
        var reals = vs.reals.stream().map(r -> new VirtualServerView.RealServer(r.spec.id().toString(), r.weight,
                r.alive, inTable(keys, ips, r), r.lastChangeAt, r.checkers.stream().map(Views::of).toList())).toList();
        return new VirtualServerView(vs.spec.name(), vs.quorumUp, vs.sorryActive(), vs.aliveWeight(), vs.spec.quorum(),
                vs.spec.hysteresis(), vs.lastChangeAt, reals);
    }

    /** Looked up, not searched: a snapshot of 100 × 100 real servers compared a million pairs. */
    private static boolean inTable(Set<Destination.Key> keys, Set<InetAddress> ips, RealServerState r) {
        return r.spec.port().isPresent() ? keys.contains(new Destination.Key(r.spec.ip(), r.spec.port().get()))
                : ips.contains(r.spec.ip());
    }

    private static VirtualServerView.Checker of(CheckerPolicy c) {
        return new VirtualServerView.Checker(c.spec.describe(), c.up(), c.stalled, c.suspended, c.last(),
                c.lastChangeAt, c.probes, c.failed, c.subscribers.size());
    }
}
