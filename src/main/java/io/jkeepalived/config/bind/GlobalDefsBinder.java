package io.jkeepalived.config.bind;

import io.jkeepalived.config.model.GlobalDefs;
import io.jkeepalived.config.model.LvsBackend;
import io.jkeepalived.config.model.Script;
import io.jkeepalived.config.tree.Token;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code global_defs}: every keyword of behaviour §1.3, with keepalived's defaults. */
final class GlobalDefsBinder {
    private GlobalDefsBinder() {}

    /** Mutable while binding; {@link #build()} freezes it. Field defaults are keepalived's. */
    static final class G {
        Optional<String> routerId = Optional.empty();
        List<String> emails = new ArrayList<>();
        Optional<String> emailFrom = Optional.empty(), smtpServer = Optional.empty(), heloName = Optional.empty();
        int smtpPort = 25;
        Duration smtpTimeout = Duration.ofSeconds(30);
        Optional<Boolean> smtpAlert = Optional.empty(), smtpAlertVrrp = Optional.empty(),
                smtpAlertChecker = Optional.empty();
        int version = 2;
        String mcast4 = "224.0.0.18", mcast6 = "ff02::12";
        boolean strict, skipCheckAdvAddr, checkUnicastSrc, lowerPrioNoAdvert, higherPrioSendAdvert,
                dynamicInterfaces, scriptSecurity, lvsFlush, lvsFlushOnStop;
        boolean lowerPrioNoAdvertSet;
        Duration garpDelay = Duration.ofSeconds(5), garpRefresh = Duration.ZERO, garpInterval = Duration.ZERO,
                gnaInterval = Duration.ZERO;
        int garpRepeat = 5, garpRefreshRepeat = 1, downTimerAdverts = 3;
        boolean garpDelaySet, garpRepeatSet, garpRefreshSet, garpRefreshRepeatSet;
        Optional<Duration> lowerPrioDelay = Optional.empty();
        Optional<Integer> lowerPrioRepeat = Optional.empty();
        String vmacPrefix = "vrrp", defaultInterface = "eth0";
        Optional<Script> scriptUser = Optional.empty(), notifyFifo = Optional.empty(),
                notifyFifoScript = Optional.empty(), vrrpNotifyFifo = Optional.empty(),
                vrrpNotifyFifoScript = Optional.empty(), lvsNotifyFifo = Optional.empty(),
                lvsNotifyFifoScript = Optional.empty(), startupScript = Optional.empty(),
                shutdownScript = Optional.empty();
        Duration startupTimeout = Duration.ofSeconds(10), shutdownTimeout = Duration.ofSeconds(10),
                childWait = Duration.ofSeconds(5);
        List<String> lvsSyncDaemon = List.of(), lvsTimeouts = List.of();
        Optional<String> stateDump = Optional.empty(), statsDump = Optional.empty(), jsonDump = Optional.empty(),
                metricsListen = Optional.empty();
        Optional<LvsBackend> lvsBackend = Optional.empty();
        io.jkeepalived.config.SourcePos lvsBackendPos;
        Duration splitBrainInterval = io.jkeepalived.config.model.SplitBrain.DEFAULT_INTERVAL;
        Optional<String> netNamespaceIpvs = Optional.empty();
        boolean minGarp;
        io.jkeepalived.config.SourcePos scriptUserPos;

        GlobalDefs build() {
            if (minGarp) {
                if (!garpRepeatSet) garpRepeat = 1;
                if (!garpDelaySet) garpDelay = Duration.ZERO;
                if (!garpRefreshSet) garpRefresh = Duration.ZERO;
                if (!garpRefreshRepeatSet) garpRefreshRepeat = 0;
            }
            if (strict && !lowerPrioNoAdvertSet) lowerPrioNoAdvert = true;
            return new GlobalDefs(routerId, emails, emailFrom, smtpServer, smtpPort, heloName, smtpTimeout,
                    smtpAlert, smtpAlertVrrp, smtpAlertChecker, version, mcast4, mcast6, strict, skipCheckAdvAddr,
                    checkUnicastSrc, garpDelay, garpRepeat, garpRefresh, garpRefreshRepeat, lowerPrioDelay,
                    lowerPrioRepeat, garpInterval, gnaInterval, downTimerAdverts, lowerPrioNoAdvert,
                    higherPrioSendAdvert, vmacPrefix, defaultInterface, dynamicInterfaces, scriptUser,
                    scriptSecurity, notifyFifo, notifyFifoScript, vrrpNotifyFifo, vrrpNotifyFifoScript,
                    lvsNotifyFifo, lvsNotifyFifoScript, startupScript, startupTimeout, shutdownScript,
                    shutdownTimeout, lvsSyncDaemon, lvsFlush, lvsFlushOnStop, lvsTimeouts, childWait, stateDump,
                    statsDump, jsonDump, metricsListen, lvsBackend, splitBrainInterval, netNamespaceIpvs);
        }
    }

    static final KeywordTable<G> TABLE = new KeywordTable<G>("global_defs")
            .line("router_id", (n, g, c) -> g.routerId = c.word(n))
            .block("notification_email", (n, g, c) -> c.words(n).forEach(t -> g.emails.add(t.text())))
            .line("notification_email_from", (n, g, c) -> g.emailFrom = c.word(n))
            .line("smtp_server", (n, g, c) -> {
                g.smtpServer = c.word(n);
                if (n.args().size() > 1) c.port("smtp_server port", n.args().get(1)).ifPresent(p -> g.smtpPort = p);
            })
            .line("smtp_helo_name", (n, g, c) -> g.heloName = c.word(n))
            .line("smtp_connect_timeout", (n, g, c) -> c.timer(n, 0, 1, 3600).ifPresent(d -> g.smtpTimeout = d))
            .line("smtp_alert", (n, g, c) -> g.smtpAlert = c.bool(n))
            .line("smtp_alert_vrrp", (n, g, c) -> g.smtpAlertVrrp = c.bool(n))
            .line("smtp_alert_checker", (n, g, c) -> g.smtpAlertChecker = c.bool(n))
            .line("vrrp_version", (n, g, c) -> c.int32(n, 2, 3).ifPresent(v -> g.version = v))
            .line("vrrp_mcast_group4", (n, g, c) -> c.ip(n, 0).ifPresent(a -> g.mcast4 = io.jkeepalived.config.model.IpText.of(a)))
            .line("vrrp_mcast_group6", (n, g, c) -> c.ip(n, 0).ifPresent(a -> g.mcast6 = io.jkeepalived.config.model.IpText.of(a)))
            .line("vrrp_strict", (n, g, c) -> g.strict = true)
            .line("vrrp_skip_check_adv_addr", (n, g, c) -> g.skipCheckAdvAddr = c.bool(n).orElse(true))
            .line("vrrp_check_unicast_src", (n, g, c) -> g.checkUnicastSrc = true)
            .line("vrrp_garp_master_delay", (n, g, c) -> c.timer(n, 0, 0, 255).ifPresent(d -> {
                g.garpDelay = d;
                g.garpDelaySet = true;
            }))
            .line("vrrp_garp_master_repeat", (n, g, c) -> c.int32(n, 0, 255).ifPresent(v -> {
                g.garpRepeat = v;
                g.garpRepeatSet = true;
            }))
            .line("vrrp_garp_master_refresh", (n, g, c) -> c.timer(n, 0, 0, Integer.MAX_VALUE).ifPresent(d -> {
                g.garpRefresh = d;
                g.garpRefreshSet = true;
            }))
            .line("vrrp_garp_master_refresh_repeat", (n, g, c) -> c.int32(n, 0, 255).ifPresent(v -> {
                g.garpRefreshRepeat = v;
                g.garpRefreshRepeatSet = true;
            }))
            .line("vrrp_garp_lower_prio_delay", (n, g, c) -> g.lowerPrioDelay = c.timer(n, 0, 0, 255))
            .line("vrrp_garp_lower_prio_repeat", (n, g, c) -> g.lowerPrioRepeat = c.int32(n, 0, 255))
            // keepalived 2.2.7 rejects 0 here although the stock sample writes it; the default stays 0
            .line("vrrp_garp_interval", (n, g, c) -> c.timer(n, 0, 0.000001, 4294.967295).ifPresent(d -> g.garpInterval = d))
            .line("vrrp_gna_interval", (n, g, c) -> c.timer(n, 0, 0.000001, 4294.967295).ifPresent(d -> g.gnaInterval = d))
            .line("vrrp_min_garp", (n, g, c) -> g.minGarp = c.bool(n).orElse(true))
            .line("vrrp_garp_extra_if", (n, g, c) -> { })
            .legacy("vrrp_vmac_garp_intvl", "vrrp_garp_extra_if")
            .line("vrrp_down_timer_adverts", (n, g, c) -> c.int32(n, 1, 100).ifPresent(v -> g.downTimerAdverts = v))
            .line("vrrp_lower_prio_no_advert", (n, g, c) -> c.bool(n).ifPresent(v -> {
                g.lowerPrioNoAdvert = v;
                g.lowerPrioNoAdvertSet = true;
            }))
            .line("vrrp_higher_prio_send_advert", (n, g, c) -> c.bool(n).ifPresent(v -> g.higherPrioSendAdvert = v))
            .line("vrrp_notify_priority_changes", (n, g, c) -> c.bool(n))
            .line("vmac_prefix", (n, g, c) -> c.word(n).ifPresent(v -> g.vmacPrefix = v))
            .line("dynamic_interfaces", (n, g, c) -> g.dynamicInterfaces = true)
            .line("default_interface", (n, g, c) -> c.word(n).ifPresent(v -> g.defaultInterface = v))
            .line("script_user", (n, g, c) -> {
                g.scriptUserPos = n.pos();
                g.scriptUser = c.userSpec(n);
            })
            .line("enable_script_security", (n, g, c) -> g.scriptSecurity = true)
            .line("notify_fifo", (n, g, c) -> g.notifyFifo = c.userSpec(n))
            .line("notify_fifo_script", (n, g, c) -> g.notifyFifoScript = c.script(n))
            .line("vrrp_notify_fifo", (n, g, c) -> g.vrrpNotifyFifo = c.userSpec(n))
            .line("vrrp_notify_fifo_script", (n, g, c) -> g.vrrpNotifyFifoScript = c.script(n))
            .line("lvs_notify_fifo", (n, g, c) -> g.lvsNotifyFifo = c.userSpec(n))
            .line("lvs_notify_fifo_script", (n, g, c) -> g.lvsNotifyFifoScript = c.script(n))
            .line("startup_script", (n, g, c) -> g.startupScript = c.script(n))
            .line("startup_script_timeout", (n, g, c) -> c.int32(n, 1, 1000).ifPresent(v -> g.startupTimeout = Duration.ofSeconds(v)))
            .line("shutdown_script", (n, g, c) -> g.shutdownScript = c.script(n))
            .line("shutdown_script_timeout", (n, g, c) -> c.int32(n, 1, 1000).ifPresent(v -> g.shutdownTimeout = Duration.ofSeconds(v)))
            .line("lvs_sync_daemon", (n, g, c) -> {
                if (c.word(n).isPresent()) g.lvsSyncDaemon = n.args().stream().map(Token::text).toList();
            })
            .line("net_namespace_ipvs", (n, g, c) -> g.netNamespaceIpvs = c.word(n))
            .line("lvs_timeouts", (n, g, c) -> g.lvsTimeouts = n.args().stream().map(Token::text).toList())
            .line("lvs_flush", (n, g, c) -> g.lvsFlush = true)
            .line("lvs_flush_on_stop", (n, g, c) -> g.lvsFlushOnStop = true)
            .legacy("lvs_flush_onstop", "lvs_flush_on_stop")
            .line("child_wait_time", (n, g, c) -> c.timer(n).ifPresent(d -> g.childWait = d))
            .line("state_dump_file", (n, g, c) -> g.stateDump = c.word(n))
            .line("stats_dump_file", (n, g, c) -> g.statsDump = c.word(n))
            .line("json_dump_file", (n, g, c) -> g.jsonDump = c.word(n))
            // jkeepalived only (C keepalived warns "Unknown keyword" and goes on)
            .line("lvs_backend", (n, g, c) -> c.word(n).ifPresent(w -> {
                g.lvsBackendPos = n.pos();
                switch (w) {
                    case "ipvs" -> g.lvsBackend = Optional.of(LvsBackend.IPVS);
                    case "nftables" -> g.lvsBackend = Optional.of(LvsBackend.NFTABLES);
                    default -> c.error(n.pos(), "lvs_backend " + w + " is not known", "use 'ipvs' or 'nftables'");
                }
            }))
            .line("metrics_listen", (n, g, c) -> c.ip(n, 0).ifPresent(a -> {
                int port = 9650;
                if (n.args().size() > 1) {
                    port = c.port("metrics_listen port", n.args().get(1)).orElse(port);
                }
                String host = io.jkeepalived.config.model.IpText.of(a);
                g.metricsListen = Optional.of((host.contains(":") ? "[" + host + "]" : host) + ":" + port);
            }))
            .line("split_brain_interval", (n, g, c) -> c.timer(n, 0, 0, 3600)
                    .ifPresent(d -> g.splitBrainInterval = d))
            .legacy("state_file_location", "state_dump_file", "keepalived 2.2.7 rejects it (Unknown keyword)")
            .legacy("stats_file_location", "stats_dump_file", "keepalived 2.2.7 rejects it (Unknown keyword)")
            .legacy("json_file_location", "json_dump_file", "keepalived 2.2.7 rejects it (Unknown keyword)")
            .recognised("no_email_faults", "no_checker_emails", "checker_log_all_failures", "rs_init_notifies",
                    "vrrp_owner_ignore_adverts", "v3_checksum_as_v2", "vrrp_startup_delay", "vrrp_delay_after_boot",
                    "log_unknown_vrids", "vmac_addr_prefix", "disable_local_igmp", "vrrp_iptables", "vrrp_ipsets",
                    "nftables", "nftables_priority", "nftables_counters", "nftables_ifindex", "nftables_ipvs",
                    "nftables_ipvs_priority", "nftables_ipvs_start_fwmark", "lvs_netlink_cmd_rcv_bufs",
                    "lvs_netlink_cmd_rcv_bufs_force", "lvs_netlink_monitor_rcv_bufs",
                    "lvs_netlink_monitor_rcv_bufs_force", "checker_process_name", "process_names", "process_name",
                    "vrrp_process_name", "bfd_process_name", "vrrp_priority", "checker_priority", "bfd_priority",
                    "vrrp_no_swap", "checker_no_swap", "bfd_no_swap", "vrrp_rt_priority", "checker_rt_priority",
                    "bfd_rt_priority", "vrrp_cpu_affinity", "checker_cpu_affinity", "bfd_cpu_affinity",
                    "vrrp_rlimit_rttime", "checker_rlimit_rttime", "bfd_rlimit_rttime", "max_auto_priority",
                    "min_auto_priority_delay", "vrrp_netlink_cmd_rcv_bufs", "vrrp_netlink_cmd_rcv_bufs_force",
                    "vrrp_netlink_monitor_rcv_bufs", "vrrp_netlink_monitor_rcv_bufs_force",
                    "process_monitor_rcv_bufs", "process_monitor_rcv_bufs_force", "vrrp_rx_bufs_policy",
                    "vrrp_rx_bufs_multiplier", "umask", "tmp_config_directory", "config_save_dir",
                    "set_supplementary_groups", "use_symlink_paths", "fifo_write_vrrp_states_on_reload",
                    "reload_check_config", "reload_time_file", "reload_repeat", "reload_file", "random_seed",
                    "data_use_instance", "json_version", "snmp_socket", "enable_snmp_vrrp", "enable_snmp_checker",
                    "enable_snmp_rfc", "enable_snmp_rfcv2", "enable_snmp_rfcv3", "enable_traps",
                    "snmp_vs_stats_update_interval", "snmp_rs_stats_update_interval", "enable_dbus",
                    "dbus_service_name", "dbus_no_interface_name", "iproute_usr_dir", "iproute_etc_dir",
                    "include_check", "net_namespace", "namespace_with_ipsets", "instance",
                    "use_pid_dir", "linkbeat_use_polling")
            .legacy("enable_snmp_keepalived", "enable_snmp_vrrp")
            .legacy("vrrp_rlimit_rtime", "vrrp_rlimit_rttime")
            .legacy("checker_rlimit_rtime", "checker_rlimit_rttime")
            .legacy("bfd_rlimit_rtime", "bfd_rlimit_rttime")
            .legacy("lvs_process_name", "checker_process_name");
}
