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

    private static void destinations(ServiceEntry was, ServiceEntry now, List<LbOp> ops) {
        ServiceKey key = now.service().key();
        if (!was.service().equals(now.service())) {
            ops.add(new LbOp.EditService(now.service()));
        }
        Map<Destination.Key, Destination> before = was.destinations();
        Map<Destination.Key, Destination> after = now.destinations();
        // A table built again from an unchanged config lists its destinations in the same order: while
        // the keys match position by position, the old destination is the one beside, no lookup needed
        Iterator<Destination.Key> oldKeys = before.keySet().iterator();
        Iterator<Destination> oldValues = before.values().iterator();
        boolean inStep = true;
        int found = 0;
        Iterator<Destination> values = after.values().iterator();
        for (Destination.Key k : after.keySet()) {
            Destination d = values.next();
            Destination old;
            if (inStep && oldKeys.hasNext() && oldKeys.next().equals(k)) {
                old = oldValues.next();
            } else {
                inStep = false;
                old = before.get(k);
            }
            if (old == null) {
                ops.add(new LbOp.AddDestination(key, d));
            } else {
                found++;
                if (!old.equals(d)) {
                    ops.add(new LbOp.EditDestination(key, d));
                }
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
