package io.jkeepalived.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the benchmark config: 1,000 VRRP instances (250 VRIDs on each of eth0..eth3, with a
 * tracked script and two VIPs each) and 100 virtual servers of 100 real servers (10,000) with a
 * TCP_CHECK or HTTP_GET each. Addresses come from 198.18.0.0/15 only.
 * Usage: {@code BigConfigGenerator OUT.conf}.
 */
public final class BigConfigGenerator {
    private BigConfigGenerator() {}

    public static final int INSTANCES = 1000;
    public static final int VIRTUAL_SERVERS = 100;
    public static final int REALS_PER_VS = 100;

    public static String generate() {
        var sb = new StringBuilder(4 << 20);
        sb.append("global_defs {\n    router_id bench\n    enable_script_security\n    script_user root\n}\n\n");
        sb.append("vrrp_script chk {\n    script \"/bin/true\"\n    interval 2\n    weight -10\n}\n\n");
        for (int i = 0; i < INSTANCES; i++) {
            int iface = i / 250;
            int vrid = i % 250 + 1;
            sb.append("vrrp_instance VI_").append(i).append(" {\n")
                    .append("    state BACKUP\n    interface eth").append(iface).append('\n')
                    .append("    virtual_router_id ").append(vrid).append('\n')
                    .append("    priority ").append(100 + i % 100).append('\n')
                    .append("    advert_int 1\n    nopreempt\n")
                    .append("    track_script {\n        chk\n    }\n")
                    .append("    virtual_ipaddress {\n")
                    .append("        198.18.").append(i / 128).append('.').append(i % 128 * 2).append("/24 dev eth").append(iface).append('\n')
                    .append("        198.18.").append(i / 128).append('.').append(i % 128 * 2 + 1).append("/24\n")
                    .append("    }\n}\n\n");
        }
        for (int v = 0; v < VIRTUAL_SERVERS; v++) {
            sb.append("virtual_server 198.19.200.").append(v).append(" 80 {\n")
                    .append("    delay_loop 6\n    lb_algo wrr\n    lb_kind DR\n    protocol TCP\n")
                    .append("    persistence_timeout 50\n");
            for (int r = 0; r < REALS_PER_VS; r++) {
                int n = v * REALS_PER_VS + r;
                sb.append("    real_server 198.19.").append(n / 250).append('.').append(n % 250 + 1).append(" 80 {\n")
                        .append("        weight ").append(1 + r % 5).append('\n');
                if (r % 2 == 0) {
                    sb.append("        TCP_CHECK {\n            connect_port 80\n            connect_timeout 3\n")
                            .append("            retry 3\n            delay_before_retry 3\n        }\n");
                } else {
                    sb.append("        HTTP_GET {\n            url {\n                path /health\n")
                            .append("                status_code 200\n            }\n            connect_timeout 3\n        }\n");
                }
                sb.append("    }\n");
            }
            sb.append("}\n\n");
        }
        return sb.toString();
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "target/bench-keepalived.conf");
        Files.writeString(out, generate());
        System.out.println(out);
    }
}
