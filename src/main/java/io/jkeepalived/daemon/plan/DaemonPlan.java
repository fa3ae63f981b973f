package io.jkeepalived.daemon.plan;

import io.jkeepalived.vrrp.engine.RouterSpec;
import io.jkeepalived.vrrp.engine.SyncGroupSpec;
import java.util.List;
import java.util.Optional;

/**
 * The whole VRRP side of a config, ready to run: instances in config order, sync groups, and the
 * warnings the adapter has for the operator (things it could not map and skipped).
 */
public record DaemonPlan(List<InstancePlan> instances, List<SyncGroupSpec> groups, List<String> warnings) {
    public DaemonPlan {
        instances = List.copyOf(instances);
        groups = List.copyOf(groups);
        warnings = List.copyOf(warnings);
    }

    public List<RouterSpec> routers() {
        return instances.stream().map(InstancePlan::router).toList();
    }

    public Optional<InstancePlan> instance(String name) {
        return instances.stream().filter(i -> i.name().equals(name)).findFirst();
    }
}
