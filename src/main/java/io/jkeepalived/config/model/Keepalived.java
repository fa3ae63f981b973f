package io.jkeepalived.config.model;

import java.util.List;
import java.util.Optional;

/** The whole effective configuration: what a loaded keepalived.conf means. */
public record Keepalived(
        GlobalDefs globalDefs,
        List<VrrpScript> vrrpScripts,
        List<TrackFile> trackFiles,
        List<TrackProcess> trackProcesses,
        List<BfdInstance> bfdInstances,
        List<SyncGroup> syncGroups,
        List<VrrpInstance> vrrpInstances,
        StaticConfig statics,
        Optional<SslContext> ssl,
        List<VirtualServerGroup> virtualServerGroups,
        List<VirtualServer> virtualServers,
        List<IgnoredKeyword> notImplemented) {
    public Keepalived {
        vrrpScripts = List.copyOf(vrrpScripts);
        trackFiles = List.copyOf(trackFiles);
        trackProcesses = List.copyOf(trackProcesses);
        bfdInstances = List.copyOf(bfdInstances);
        syncGroups = List.copyOf(syncGroups);
        vrrpInstances = List.copyOf(vrrpInstances);
        virtualServerGroups = List.copyOf(virtualServerGroups);
        virtualServers = List.copyOf(virtualServers);
        notImplemented = List.copyOf(notImplemented);
    }
}
