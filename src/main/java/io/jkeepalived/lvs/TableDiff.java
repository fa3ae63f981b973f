package io.jkeepalived.lvs;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The operations that turn one table (or one virtual server's share of it) into another.
 *
 * <p>Inside a service, destinations are added and edited before others are removed, so a
 * quorum loss that swaps the real servers for the sorry server never leaves the service empty
 * in between. A service that disappears is removed whole (the kernel drops its destinations).
 */
public final class TableDiff {

    private TableDiff() {}

    public static List<LbOp> between(Map<ServiceKey, ServiceEntry> before, Map<ServiceKey, ServiceEntry> after) {
        List<LbOp> ops = new ArrayList<>();
        for (ServiceKey gone : before.keySet()) {
            if (!after.containsKey(gone)) {
                ops.add(new LbOp.RemoveService(gone));
            }
        }
        for (ServiceEntry now : after.values()) {
            ServiceEntry was = before.get(now.service().key());
            if (was == null) {
                ops.add(new LbOp.AddService(now.service()));
                now.destinations().values().forEach(d -> ops.add(new LbOp.AddDestination(now.service().key(), d)));
            } else {
                destinations(was, now, ops);
            }
        }
        return ops;
    }

    /** Whether the two are the same destination of a service (Destination.Key equality). */
    private static boolean sameKey(Destination a, Destination b) {
        return a.port() == b.port() && java.util.Objects.equals(a.ip(), b.ip());
    }

    private static void destinations(ServiceEntry was, ServiceEntry now, List<LbOp> ops) {
        ServiceKey key = now.service().key();
        if (!was.service().equals(now.service())) {
            ops.add(new LbOp.EditService(now.service()));
        }
        Map<Destination.Key, Destination> before = was.destinations();
        Map<Destination.Key, Destination> after = now.destinations();
        // A table built again from an unchanged config lists its destinations in the same order: while
        // the destinations match position by position, the old one is the one beside, no lookup needed
        Iterator<Destination> olds = before.values().iterator();
        boolean inStep = true;
        int found = 0;
        for (Destination d : after.values()) {
            Destination old = inStep && olds.hasNext() ? olds.next() : null;
            if (old == null || !sameKey(old, d)) {
                inStep = false;
                old = before.get(d.key());
                if (old == null) {
                    ops.add(new LbOp.AddDestination(key, d));
                    continue;
                }
            }
            found++;
            if (!old.equals(d)) {
                ops.add(new LbOp.EditDestination(key, d));
            }
        }
        if (found == before.size()) {
            return; // every old destination is still there
        }
        for (Destination.Key k : before.keySet()) {
            if (!after.containsKey(k)) {
                ops.add(new LbOp.RemoveDestination(key, k));
            }
        }
    }
}
