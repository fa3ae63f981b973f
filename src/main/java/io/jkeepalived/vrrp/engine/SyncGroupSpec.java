package io.jkeepalived.vrrp.engine;

import java.util.List;

/**
 * A vrrp_sync_group as the engine sees it (behaviour §3.7).
 *
 * @param name           group name, used in notifies ({@code GROUP name STATE 0})
 * @param members        instance names, each in at most one group
 * @param notifications         the group's own notify scripts and FIFO
 * @param trackingWeight sync_group_tracking_weight: honour weighted trackers on members
 */
public record SyncGroupSpec(String name, List<String> members, NotifySpec notifications, boolean trackingWeight) {
    public SyncGroupSpec {
        members = List.copyOf(members);
    }
}
