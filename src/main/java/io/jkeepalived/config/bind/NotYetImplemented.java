package io.jkeepalived.config.bind;

import java.util.Set;

/**
 * The one list of keywords jkeepalived recognises but does not act on yet. Each use is reported as a
 * warning naming the keyword and is kept in {@code Keepalived.notImplemented()}. Shrink this list as
 * features land. Entries are {@code block/keyword}, with {@code *} matching any block.
 */
public final class NotYetImplemented {
    private NotYetImplemented() {}

    private static final Set<String> ANY_BLOCK = Set.of(
            "snmp_socket", "enable_snmp_vrrp", "enable_snmp_checker", "enable_snmp_rfc", "enable_snmp_rfcv2",
            "enable_snmp_rfcv3", "enable_traps", "snmp_vs_stats_update_interval", "snmp_rs_stats_update_interval",
            "enable_dbus", "dbus_service_name", "dbus_no_interface_name",
            "nftables", "nftables_priority", "nftables_counters", "nftables_ifindex", "nftables_ipvs",
            "nftables_ipvs_priority", "nftables_ipvs_start_fwmark", "vrrp_iptables", "vrrp_ipsets",
            "vrrp_priority", "checker_priority", "bfd_priority", "vrrp_no_swap", "checker_no_swap", "bfd_no_swap",
            "vrrp_rt_priority", "checker_rt_priority", "bfd_rt_priority",
            "vrrp_cpu_affinity", "checker_cpu_affinity", "bfd_cpu_affinity",
            "vrrp_rlimit_rttime", "checker_rlimit_rttime", "bfd_rlimit_rttime",
            "max_auto_priority", "min_auto_priority_delay",
            "process_names", "process_name", "vrrp_process_name", "checker_process_name", "bfd_process_name",
            "net_namespace", "namespace_with_ipsets", "instance", "use_pid_dir",
            "linkbeat_use_polling", "linkbeat_interfaces", "interface_up_down_delays",
            "vrrp_netlink_cmd_rcv_bufs", "vrrp_netlink_cmd_rcv_bufs_force", "vrrp_netlink_monitor_rcv_bufs",
            "vrrp_netlink_monitor_rcv_bufs_force", "process_monitor_rcv_bufs", "process_monitor_rcv_bufs_force",
            "lvs_netlink_cmd_rcv_bufs", "lvs_netlink_cmd_rcv_bufs_force", "lvs_netlink_monitor_rcv_bufs",
            "lvs_netlink_monitor_rcv_bufs_force", "vrrp_rx_bufs_policy", "vrrp_rx_bufs_multiplier",
            "umask", "tmp_config_directory", "config_save_dir", "set_supplementary_groups", "use_symlink_paths",
            "reload_check_config", "reload_time_file", "reload_repeat", "reload_file", "random_seed",
            "data_use_instance", "json_version", "iproute_usr_dir", "iproute_etc_dir", "include_check",
            "bfd_instance", "track_bfd", "BFD_CHECK", "auth_hmac", "use_ipvlan", "vrf", "kernel_rx_buf_size",
            "disable_local_igmp", "log_unknown_vrids", "vrrp_owner_ignore_adverts", "owner_ignore_adverts",
            "v3_checksum_as_v2", "vrrp_startup_delay", "vrrp_delay_after_boot", "vmac_addr_prefix",
            "old_unicast_checksum", "snmp_name", "garp_group", "track_group",
            "fifo_write_vrrp_states_on_reload", "rs_init_notifies", "no_checker_emails",
            "checker_log_all_failures", "no_email_faults", "sorry_server_lvs_method", "debug",
            "unicast_fault_no_peer", "check_unicast_src", "track_src_ip", "use_vmac_addr", "garp_extra_if",
            "vrrp_garp_extra_if", "lvs_sync_daemon_interface", "vrrp_notify_priority_changes", "mcast_dst_ip",
            "virtual_server/smtp_alert", "real_server/smtp_alert", "virtual_server/weight", "bfd_instance/max_hops");

    /** Keywords that appear in a {@code block/keyword} entry, so the common case needs no string building. */
    private static final Set<String> QUALIFIED = ANY_BLOCK.stream().filter(e -> e.contains("/"))
            .map(e -> e.substring(e.indexOf('/') + 1)).collect(java.util.stream.Collectors.toUnmodifiableSet());

    /** True when {@code keyword} inside {@code block} is recognised but not acted on. */
    public static boolean contains(String block, String keyword) {
        return ANY_BLOCK.contains(keyword) || QUALIFIED.contains(keyword) && ANY_BLOCK.contains(block + "/" + keyword);
    }
}
