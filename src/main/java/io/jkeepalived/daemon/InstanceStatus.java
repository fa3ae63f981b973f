package io.jkeepalived.daemon;

import io.jkeepalived.vrrp.engine.Transition;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One instance as the status command will show it, copied on the loop thread (so it is
 * consistent) and then safe to read anywhere.
 *
 * @param masterAddress the current master's address as logged (ours when MASTER); empty if none seen
 * @param counters      {@link InstanceCounters#snapshot()}
 */
public record InstanceStatus(String name, String state, int basePriority, int effectivePriority,
                             Optional<String> masterAddress, List<String> virtualIpaddress,
                             Optional<Transition> lastTransition, long transitions, Map<String, Long> counters) {
    public InstanceStatus {
        virtualIpaddress = List.copyOf(virtualIpaddress);
        counters = Map.copyOf(counters);
    }
}
