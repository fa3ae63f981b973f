package io.jkeepalived.lvs;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What makes the kernel hold the desired table again, touching only what is ours. Pure.
 *
 * <p>A service is ours when this daemon created it (now or in an earlier life, as the state file
 * under /run remembers). The rules, in the order they are applied:
 * <ol>
 *   <li>an owned service in the kernel that is no longer desired is removed;</li>
 *   <li>a desired service missing from the kernel is added with its destinations (someone ran
 *       {@code ipvsadm -C} or {@code nft flush ruleset}, or an earlier add failed);</li>
 *   <li>a desired service present but not owned is foreign: it is reported and left alone, even
 *       when it has the same key (the operator's own {@code ipvsadm -A});</li>
 *   <li>an owned service present gets the difference of its settings and destinations.</li>
 * </ol>
 */
public final class Reconciler {

    private Reconciler() {}

    /**
     * @param repairs operations in backend order
     * @param foreign desired services the kernel holds for someone else
     */
    public record Plan(List<LbOp> repairs, Set<ServiceKey> foreign) {
        public Plan {
            repairs = List.copyOf(repairs);
            foreign = Set.copyOf(foreign);
        }

        public boolean inSync() {
            return repairs.isEmpty();
        }
    }

    public static Plan plan(Map<ServiceKey, ServiceEntry> desired, Set<ServiceKey> owned,
                            Map<ServiceKey, ServiceEntry> kernel) {
        List<LbOp> ops = new ArrayList<>();
        Set<ServiceKey> foreign = new LinkedHashSet<>();
        for (ServiceKey k : kernel.keySet()) {
            if (owned.contains(k) && !desired.containsKey(k)) ops.add(new LbOp.RemoveService(k));
        }
        for (ServiceEntry want : desired.values()) {
            ServiceKey k = want.service().key();
            ServiceEntry have = kernel.get(k);
            if (have == null) {
                ops.add(new LbOp.AddService(want.service()));
                want.destinations().values().forEach(d -> ops.add(new LbOp.AddDestination(k, d)));
            } else if (!owned.contains(k)) {
                foreign.add(k);
            } else {
                ops.addAll(TableDiff.between(Map.of(k, have), Map.of(k, want)));
            }
        }
        return new Plan(ops, foreign);
    }
}
