package io.jkeepalived.config.model;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code global_defs { }} with keepalived's defaults.
 *
 * @param netNamespaceIpvs {@code net_namespace_ipvs NAME}: the network namespace (as {@code ip netns}
 *                      names it) whose IPVS or nftables table carries the virtual servers
 * @param lvsBackend    jkeepalived's own {@code lvs_backend ipvs|nftables}: empty = IPVS when the
 *                      kernel has it, else nftables
 * @param metricsListen jkeepalived's own {@code metrics_listen ADDRESS PORT}: where /metrics is
 *                      served, as {@code ADDRESS:PORT} ({@code [v6]:PORT}); off when empty
 * @param splitBrainInterval jkeepalived's own {@code split_brain_interval}: the default of every instance's
 *                      split-brain watch (2 s; 0 = off)
 */
public record GlobalDefs(
        Optional<String> routerId,
        List<String> notificationEmail,
        Optional<String> notificationEmailFrom,
        Optional<String> smtpServer,
        int smtpPort,
        Optional<String> smtpHeloName,
        Duration smtpConnectTimeout,
        Optional<Boolean> smtpAlert,
        Optional<Boolean> smtpAlertVrrp,
        Optional<Boolean> smtpAlertChecker,
        int vrrpVersion,
        String vrrpMcastGroup4,
        String vrrpMcastGroup6,
        boolean vrrpStrict,
        boolean vrrpSkipCheckAdvAddr,
        boolean vrrpCheckUnicastSrc,
        Duration vrrpGarpMasterDelay,
        int vrrpGarpMasterRepeat,
        Duration vrrpGarpMasterRefresh,
        int vrrpGarpMasterRefreshRepeat,
        Optional<Duration> vrrpGarpLowerPrioDelay,
        Optional<Integer> vrrpGarpLowerPrioRepeat,
        Duration vrrpGarpInterval,
        Duration vrrpGnaInterval,
        int vrrpDownTimerAdverts,
        boolean vrrpLowerPrioNoAdvert,
        boolean vrrpHigherPrioSendAdvert,
        String vmacPrefix,
        String defaultInterface,
        boolean dynamicInterfaces,
        Optional<Script> scriptUser,
        boolean enableScriptSecurity,
        Optional<Script> notifyFifo,
        Optional<Script> notifyFifoScript,
        Optional<Script> vrrpNotifyFifo,
        Optional<Script> vrrpNotifyFifoScript,
        Optional<Script> lvsNotifyFifo,
        Optional<Script> lvsNotifyFifoScript,
        Optional<Script> startupScript,
        Duration startupScriptTimeout,
        Optional<Script> shutdownScript,
        Duration shutdownScriptTimeout,
        List<String> lvsSyncDaemon,
        boolean lvsFlush,
        boolean lvsFlushOnStop,
        List<String> lvsTimeouts,
        Duration childWaitTime,
        Optional<String> stateDumpFile,
        Optional<String> statsDumpFile,
        Optional<String> jsonDumpFile,
        Optional<String> metricsListen,
        Optional<LvsBackend> lvsBackend,
        Duration splitBrainInterval,
        Optional<String> netNamespaceIpvs) {
    public GlobalDefs {
        notificationEmail = List.copyOf(notificationEmail);
        lvsSyncDaemon = List.copyOf(lvsSyncDaemon);
        lvsTimeouts = List.copyOf(lvsTimeouts);
    }
}
