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

    /** True when some configured script runs (for the script-security check of {@code -t}). */
    public boolean hasScripts() {
        return !vrrpScripts.isEmpty()
                || vrrpInstances.stream().anyMatch(i -> hasAny(i.notifyScripts()))
                || syncGroups.stream().anyMatch(g -> hasAny(g.notifyScripts()))
                || virtualServers.stream().anyMatch(v -> v.quorumUp().isPresent() || v.quorumDown().isPresent()
                        || v.realServers().stream().anyMatch(r -> r.notifyUp().isPresent()
                                || r.notifyDown().isPresent()
                                || r.checkers().stream().anyMatch(c -> c instanceof Checker.MiscCheck)));
    }

    private static boolean hasAny(Notify n) {
        return n.master().isPresent() || n.backup().isPresent() || n.fault().isPresent() || n.stop().isPresent()
                || n.any().isPresent() || n.deleted().isPresent() || n.masterRxLowerPri().isPresent();
    }
}
