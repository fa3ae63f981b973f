package io.jkeepalived.status;

import java.util.List;

/**
 * The whole daemon at one moment: what {@code jkeepalived status}, {@code /metrics} and the
 * signal dumps are rendered from.
 *
 * @param routerId         global_defs router_id (the host name when unset)
 * @param startedEpochMillis when the daemon started
 * @param takenEpochMillis when this snapshot was taken
 * @param interfaces       per VRRP socket, what it dropped before any instance owned the packet
 * @param endpoints        the control socket's and /metrics' connections
 * @param lvs              the checker half (virtual and real servers); empty when it does not run
 */
public record DaemonStatus(String version, long pid, String routerId, long startedEpochMillis,
                           long takenEpochMillis, GlobalView globals, List<InstanceStatus> instances,
                           List<ScriptView> scripts, List<InterfaceDrops> interfaces, List<EndpointView> endpoints,
                           java.util.Optional<LvsStatus> lvs) {
    public DaemonStatus {
        instances = List.copyOf(instances);
        scripts = List.copyOf(scripts);
        interfaces = List.copyOf(interfaces);
        endpoints = List.copyOf(endpoints);
    }

    /** Without the checker half. */
    public DaemonStatus(String version, long pid, String routerId, long startedEpochMillis, long takenEpochMillis,
                        GlobalView globals, List<InstanceStatus> instances, List<ScriptView> scripts,
                        List<InterfaceDrops> interfaces, List<EndpointView> endpoints) {
        this(version, pid, routerId, startedEpochMillis, takenEpochMillis, globals, instances, scripts, interfaces,
                endpoints, java.util.Optional.empty());
    }

    /** Without socket drops or endpoints (formats and tests that have none). */
    public DaemonStatus(String version, long pid, String routerId, long startedEpochMillis, long takenEpochMillis,
                        GlobalView globals, List<InstanceStatus> instances, List<ScriptView> scripts) {
        this(version, pid, routerId, startedEpochMillis, takenEpochMillis, globals, instances, scripts, List.of(),
                List.of());
    }
}
