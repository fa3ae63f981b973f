package io.jkeepalived.daemon;

import io.jkeepalived.vrrp.engine.SyncGroupSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a reload does to each instance, by name (spec §3.13), decided from the running plans and
 * the new ones:
 *
 * <ul>
 *   <li>unchanged: not touched;</li>
 *   <li>reconfigured: same identity on the wire and in the kernel, other settings differ; the
 *       instance keeps its state and takes the new settings in place (no election, no GARP);</li>
 *   <li>restarted: VRID, version, family, interface, VMAC, unicast/multicast, multicast group or
 *       configured source changed, so it is a different router to its peers (or needs another
 *       socket membership): stopped (priority 0) and started anew;</li>
 *   <li>added / removed.</li>
 * </ul>
 *
 * A sync group is one unit: when its definition changed, or one of its members is added or
 * restarted, all its members restart together in the new engine that holds the group.
 */
record ReloadDiff(List<InstancePlan> added, List<String> removed, List<InstancePlan> restarted,
                  List<InstancePlan> reconfigured, List<SyncGroupSpec> startingGroups) {

    ReloadDiff {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        restarted = List.copyOf(restarted);
        reconfigured = List.copyOf(reconfigured);
        startingGroups = List.copyOf(startingGroups);
    }

    boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && restarted.isEmpty() && reconfigured.isEmpty();
    }

    /** The instances that start in a new engine: added, then restarted, in the new config's order. */
    List<InstancePlan> starting() {
        List<InstancePlan> out = new ArrayList<>(added);
        out.addAll(restarted);
        return out;
    }

    static ReloadDiff of(Map<String, InstancePlan> running, List<SyncGroupSpec> runningGroups, DaemonPlan next) {
        Set<String> added = new LinkedHashSet<>();
        Set<String> restarted = new LinkedHashSet<>();
        Set<String> reconfigured = new LinkedHashSet<>();
        for (InstancePlan p : next.instances()) {
            InstancePlan old = running.get(p.name());
            if (old == null) {
                added.add(p.name());
            } else if (!sameIdentity(old, p)) {
                restarted.add(p.name());
            } else if (!old.equals(p)) {
                reconfigured.add(p.name());
            }
        }
        List<String> removed = running.keySet().stream().filter(n -> next.instance(n).isEmpty()).toList();

        Map<String, SyncGroupSpec> before = new HashMap<>();
        runningGroups.forEach(g -> before.put(g.name(), g));
        // Members of a group that disappeared or changed must leave their old group object.
        for (SyncGroupSpec g : runningGroups) {
            SyncGroupSpec now = next.groups().stream().filter(x -> x.name().equals(g.name())).findFirst().orElse(null);
            if (!Objects.equals(g, now)) {
                g.members().stream().filter(m -> next.instance(m).isPresent() && !added.contains(m))
                        .forEach(restarted::add);
            }
        }
        List<SyncGroupSpec> starting = new ArrayList<>();
        for (SyncGroupSpec g : next.groups()) {
            boolean moves = !Objects.equals(before.get(g.name()), g)
                    || g.members().stream().anyMatch(m -> added.contains(m) || restarted.contains(m));
            if (moves) {
                g.members().stream().filter(m -> !added.contains(m)).forEach(restarted::add);
                starting.add(g);
            }
        }
        reconfigured.removeAll(restarted);
        return new ReloadDiff(pick(next, added), removed, pick(next, restarted), pick(next, reconfigured), starting);
    }

    private static List<InstancePlan> pick(DaemonPlan next, Set<String> names) {
        return next.instances().stream().filter(p -> names.contains(p.name())).toList();
    }

    /**
     * What a peer and the kernel know the instance by: changing any of these makes it another
     * router (new sockets, VMAC, multicast membership or source address), so it must restart.
     */
    static boolean sameIdentity(InstancePlan a, InstancePlan b) {
        return a.vrid() == b.vrid() && a.router().version() == b.router().version() && a.ipv6() == b.ipv6()
                && a.iface().equals(b.iface()) && a.socketIface().equals(b.socketIface())
                && a.addressIface().equals(b.addressIface()) && a.vmac().equals(b.vmac())
                && a.unicast() == b.unicast() && (a.unicast() || a.destinations().equals(b.destinations()))
                && a.sourceConfigured() == b.sourceConfigured()
                && (!a.sourceConfigured() || a.source().equals(b.source())) && a.trackPrimary() == b.trackPrimary();
    }
}
