package io.jkeepalived.config.model;

import java.util.List;
import java.util.Optional;

/** {@code vrrp_sync_group NAME { }}. */
public record SyncGroup(
        String name,
        List<String> group,
        List<TrackRef> trackInterface,
        List<TrackRef> trackScript,
        List<TrackRef> trackFile,
        List<TrackRef> trackProcess,
        List<TrackRef> trackBfd,
        Notify notifyScripts,
        Optional<Boolean> smtpAlert,
        boolean syncGroupTrackingWeight) {
    public SyncGroup {
        group = List.copyOf(group);
        trackInterface = List.copyOf(trackInterface);
        trackScript = List.copyOf(trackScript);
        trackFile = List.copyOf(trackFile);
        trackProcess = List.copyOf(trackProcess);
        trackBfd = List.copyOf(trackBfd);
    }
}
