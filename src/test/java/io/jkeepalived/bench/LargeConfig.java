package io.jkeepalived.bench;

/** Generates the benchmark configuration: 1,000 VRRP instances and 100 virtual servers of 100 real servers. */
public final class LargeConfig {
    private LargeConfig() {}

    public static String generate(int instances, int virtualServers, int realServersEach) {
        var sb = new StringBuilder(8 << 20);
        sb.append("global_defs {\n  router_id bench\n  vrrp_version 2\n}\n\n");
        sb.append("vrrp_script chk {\n  script \"/usr/bin/true check\"\n  interval 2\n  weight -10\n}\n\n");
        for (int i = 0; i < instances; i++) {
            int vrid = i % 255 + 1;
            sb.append("vrrp_instance VI_").append(i).append(" {\n")
                    .append("    state BACKUP  # generated\n")
                    .append("    interface veth").append(i / 255).append('\n')
                    .append("    virtual_router_id ").append(vrid).append('\n')
                    .append("    priority 100\n")
                    .append("    advert_int 1\n")
                    .append("    authentication {\n        auth_type PASS\n        auth_pass secret\n    }\n")
                    .append("    track_script {\n        chk\n    }\n")
                    .append("    virtual_ipaddress {\n")
                    .append("        198.18.").append(i / 250).append('.').append(i % 250 + 1).append("/32 dev veth0\n")
                    .append("    }\n")
                    .append("    notify_master \"/usr/local/bin/notify.sh master VI_").append(i).append("\"\n")
                    .append("}\n");
        }
        for (int v = 0; v < virtualServers; v++) {
            sb.append("virtual_server 198.19.").append(v).append(".1 80 {\n")
                    .append("    delay_loop 6\n    lb_algo rr\n    lb_kind NAT\n    protocol TCP\n");
            for (int r = 0; r < realServersEach; r++) {
                sb.append("    real_server 198.18.").append(100 + v % 100).append('.').append(r + 1).append(" 8080 {\n")
                        .append("        weight 1\n")
                        .append("        TCP_CHECK {\n            connect_timeout 3\n            retry 3\n")
                        .append("            delay_before_retry 3\n        }\n")
                        .append("    }\n");
            }
            sb.append("}\n");
        }
        return sb.toString();
    }
}
