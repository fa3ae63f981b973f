package io.jkeepalived.status;

import java.util.List;

/**
 * One vrrp_script: its settings and its current verdict ({@code GOOD}, {@code BAD} or
 * {@code INIT} before the first), and which instances track it with which weight.
 */
public record ScriptView(String name, String command, long intervalSeconds, long timeoutSeconds, int weight,
                         int rise, int fall, String status, List<Tracking> trackedBy) {
    public ScriptView {
        trackedBy = List.copyOf(trackedBy);
    }

    public record Tracking(String instance, int weight) {
    }
}
