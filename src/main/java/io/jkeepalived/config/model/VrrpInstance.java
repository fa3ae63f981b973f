package io.jkeepalived.config.model;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code vrrp_instance NAME { }}, with keepalived's defaults and strict-mode overrides applied. */
public record VrrpInstance(
        String name,
        VrrpState state,
        Optional<String> iface,
        int virtualRouterId,
        int priority,
        Duration advertInt,
        int version,
        Family family,
        List<VirtualIp> virtualIpaddress,
        List<VirtualIp> virtualIpaddressExcluded,
        boolean noVirtualIpaddress,
        List<VirtualRoute> virtualRoutes,
        List<VirtualRule> virtualRules,
        Optional<Authentication> authentication,
        Optional<InetAddress> unicastSrcIp,
        List<UnicastPeer> unicastPeers,
        int unicastTtl,
        Optional<InetAddress> mcastSrcIp,
        Optional<InetAddress> mcastDstIp,
        boolean nopreempt,
        Duration preemptDelay,
        boolean accept,
        boolean strict,
        boolean skipCheckAdvAddr,
        boolean dontTrackPrimary,
        List<TrackRef> trackInterface,
        List<TrackRef> trackScript,
        List<TrackRef> trackFile,
        List<TrackRef> trackProcess,
        List<TrackRef> trackBfd,
        Garp garp,
        int downTimerAdverts,
        boolean lowerPrioNoAdvert,
        boolean higherPrioSendAdvert,
        Optional<Vmac> useVmac,
        boolean promoteSecondaries,
        Optional<Integer> timerExpiredBackup,
        Notify notifyScripts,
        Optional<Boolean> smtpAlert,
        SplitBrain splitBrain) {
    public VrrpInstance {
        virtualIpaddress = List.copyOf(virtualIpaddress);
        virtualIpaddressExcluded = List.copyOf(virtualIpaddressExcluded);
        virtualRoutes = List.copyOf(virtualRoutes);
        virtualRules = List.copyOf(virtualRules);
        unicastPeers = List.copyOf(unicastPeers);
        trackInterface = List.copyOf(trackInterface);
        trackScript = List.copyOf(trackScript);
        trackFile = List.copyOf(trackFile);
        trackProcess = List.copyOf(trackProcess);
        trackBfd = List.copyOf(trackBfd);
    }

    /** Priority 255: this router owns the addresses. */
    public boolean owner() {
        return priority == 255;
    }
}
