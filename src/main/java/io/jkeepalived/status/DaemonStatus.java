package io.jkeepalived.status;

import java.util.List;

/**
 * The whole daemon at one moment: what {@code jkeepalived status}, {@code /metrics} and the
 * signal dumps are rendered from.
 *
 * @param routerId         global_defs router_id (the host name when unset)
 * @param startedEpochMillis when the daemon started
 * @param takenEpochMillis when this snapshot was taken
 */
public record DaemonStatus(String version, long pid, String routerId, long startedEpochMillis,
                           long takenEpochMillis, GlobalView globals, List<InstanceStatus> instances,
                           List<ScriptView> scripts) {
    public DaemonStatus {
        instances = List.copyOf(instances);
        scripts = List.copyOf(scripts);
    }
}
