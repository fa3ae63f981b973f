package io.jkeepalived.lvs;

import java.util.List;

/**
 * The port the checker half programs: a kernel backend (IPVS over generic netlink, nftables)
 * or {@link RecordingLoadBalancer}. Operations arrive as a diff, already ordered (services before
 * their destinations, destinations before their service's removal).
 */
public interface LoadBalancer {

    LbResult apply(LbOp op);

    default List<LbResult> applyAll(List<LbOp> ops) {
        return ops.stream().map(this::apply).toList();
    }
}
