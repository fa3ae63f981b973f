package io.jkeepalived.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One {@code vrrp_instance} block for a test scenario, written the way operators write them, valid
 * for both C keepalived and jkeepalived. Immutable; the {@code with…} methods return a changed copy.
 *
 * @param advertInt seconds as written in the config ("1", "0.1")
 * @param extra     further lines placed verbatim inside the block
 */
public record VrrpInstanceConf(String name, String iface, int vrid, int priority, boolean startMaster,
        int version, String advertInt, List<String> vips, Optional<String> authPass, boolean nopreempt,
        boolean vmac, Optional<String> unicastSrc, List<String> unicastPeers, List<String> extra) {

    public VrrpInstanceConf {
        vips = List.copyOf(vips);
        unicastPeers = List.copyOf(unicastPeers);
        extra = List.copyOf(extra);
    }

    /** VRRPv2 on eth0, advert_int 1, state BACKUP, the given priority and VIPs. */
    public static VrrpInstanceConf v2(String name, int vrid, int priority, String... vips) {
        return new VrrpInstanceConf(name, "eth0", vrid, priority, false, 2, "1", List.of(vips), Optional.empty(),
                false, false, Optional.empty(), List.of(), List.of());
    }

    /** VRRPv3 on eth0 with the given advert interval. */
    public static VrrpInstanceConf v3(String name, int vrid, int priority, String advertInt, String... vips) {
        return v2(name, vrid, priority, vips).withVersion(3).withAdvertInt(advertInt);
    }

    public VrrpInstanceConf withPriority(int p) {
        return new VrrpInstanceConf(name, iface, vrid, p, startMaster, version, advertInt, vips, authPass, nopreempt,
                vmac, unicastSrc, unicastPeers, extra);
    }

    public VrrpInstanceConf withVersion(int v) {
        return new VrrpInstanceConf(name, iface, vrid, priority, startMaster, v, advertInt, vips, authPass, nopreempt,
                vmac, unicastSrc, unicastPeers, extra);
    }

    public VrrpInstanceConf withAdvertInt(String seconds) {
        return new VrrpInstanceConf(name, iface, vrid, priority, startMaster, version, seconds, vips, authPass,
                nopreempt, vmac, unicastSrc, unicastPeers, extra);
    }

    public VrrpInstanceConf withStartMaster() {
        return new VrrpInstanceConf(name, iface, vrid, priority, true, version, advertInt, vips, authPass, nopreempt,
                vmac, unicastSrc, unicastPeers, extra);
    }

    /** {@code authentication { auth_type PASS; auth_pass … }} (VRRPv2 only). */
    public VrrpInstanceConf withPass(String pass) {
        return new VrrpInstanceConf(name, iface, vrid, priority, startMaster, version, advertInt, vips,
                Optional.of(pass), nopreempt, vmac, unicastSrc, unicastPeers, extra);
    }

    public VrrpInstanceConf withNopreempt() {
        return new VrrpInstanceConf(name, iface, vrid, priority, startMaster, version, advertInt, vips, authPass, true,
                vmac, unicastSrc, unicastPeers, extra);
    }

    /** {@code use_vmac}: the VIP lives on a macvlan with the VRRP virtual MAC. */
    public VrrpInstanceConf withVmac() {
        return new VrrpInstanceConf(name, iface, vrid, priority, startMaster, version, advertInt, vips, authPass,
                nopreempt, true, unicastSrc, unicastPeers, extra);
    }

    /** Unicast adverts from {@code src} to {@code peers} instead of multicast. */
    public VrrpInstanceConf withUnicast(String src, String... peers) {
        return new VrrpInstanceConf(name, iface, vrid, priority, startMaster, version, advertInt, vips, authPass,
                nopreempt, vmac, Optional.of(src), List.of(peers), extra);
    }

    public VrrpInstanceConf withExtra(String... lines) {
        var all = new ArrayList<>(extra);
        all.addAll(List.of(lines));
        return new VrrpInstanceConf(name, iface, vrid, priority, startMaster, version, advertInt, vips, authPass,
                nopreempt, vmac, unicastSrc, unicastPeers, all);
    }

    /** master_down_interval in seconds: 3 × advert_int + skew_time (RFC 3768 / RFC 5798 formulas). */
    public double masterDownSeconds() {
        return 3 * advertSeconds() + skewSeconds();
    }

    /** skew_time in seconds: (256 − priority) / 256, scaled by advert_int in v3. */
    public double skewSeconds() {
        return version == 2 ? (256 - priority) / 256.0 : (256 - priority) * advertSeconds() / 256.0;
    }

    public double advertSeconds() {
        return Double.parseDouble(advertInt);
    }

    /** The block as keepalived.conf text. */
    public String render() {
        var sb = new StringBuilder();
        sb.append("vrrp_instance ").append(name).append(" {\n");
        line(sb, "state " + (startMaster ? "MASTER" : "BACKUP"));
        line(sb, "interface " + iface);
        line(sb, "virtual_router_id " + vrid);
        line(sb, "priority " + priority);
        line(sb, "version " + version);
        line(sb, "advert_int " + advertInt);
        if (nopreempt) {
            line(sb, "nopreempt");
        }
        if (vmac) {
            line(sb, "use_vmac");
        }
        authPass.ifPresent(p -> sb.append("    authentication {\n        auth_type PASS\n        auth_pass ")
                .append(p).append("\n    }\n"));
        unicastSrc.ifPresent(src -> {
            line(sb, "unicast_src_ip " + src);
            sb.append("    unicast_peer {\n");
            unicastPeers.forEach(p -> sb.append("        ").append(p).append('\n'));
            sb.append("    }\n");
        });
        sb.append("    virtual_ipaddress {\n");
        vips.forEach(v -> sb.append("        ").append(v).append('\n'));
        sb.append("    }\n");
        extra.forEach(e -> line(sb, e));
        return sb.append("}\n").toString();
    }

    private static void line(StringBuilder sb, String text) {
        sb.append("    ").append(text).append('\n');
    }
}
