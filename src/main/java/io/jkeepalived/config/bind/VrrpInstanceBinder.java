package io.jkeepalived.config.bind;

import io.jkeepalived.config.SourcePos;
import io.jkeepalived.config.model.Authentication;
import io.jkeepalived.config.model.UnicastPeer;
import io.jkeepalived.config.model.VirtualIp;
import io.jkeepalived.config.model.VirtualRoute;
import io.jkeepalived.config.model.VirtualRule;
import io.jkeepalived.config.model.Vmac;
import io.jkeepalived.config.model.VrrpState;
import io.jkeepalived.config.tree.Node;
import io.jkeepalived.config.tree.Token;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The keywords of {@code vrrp_instance NAME { }} (behaviour §1.7); defaults are applied by {@link InstanceFinisher}. */
final class VrrpInstanceBinder {
    private VrrpInstanceBinder() {}

    /** Raw values as written; empty means "not given" so the finisher can apply keepalived's defaults. */
    static final class I {
        final String name;
        final SourcePos pos;
        Optional<VrrpState> state = Optional.empty();
        SourcePos ifacePos, vmacPos, statePos, priorityPos, nopreemptPos, preemptDelayPos, authPos, advertPos, versionPos, acceptPos;
        Optional<String> iface = Optional.empty();
        Optional<Integer> vrid = Optional.empty(), priority = Optional.empty(), version = Optional.empty(),
                unicastTtl = Optional.empty(), downTimerAdverts = Optional.empty(), timerExpiredBackup = Optional.empty(),
                garpRepeat = Optional.empty(), garpRefreshRepeat = Optional.empty(), lowerPrioRepeat = Optional.empty();
        Optional<Duration> advertInt = Optional.empty(), preemptDelay = Optional.empty(), garpDelay = Optional.empty(),
                garpRefresh = Optional.empty(), lowerPrioDelay = Optional.empty();
        final List<VirtualIp> vips = new ArrayList<>(), evips = new ArrayList<>();
        final List<SourcePos> vipPos = new ArrayList<>();
        final List<VirtualRoute> routes = new ArrayList<>();
        final List<VirtualRule> rules = new ArrayList<>();
        boolean nativeIpv6, noVips, nopreempt, dontTrackPrimary, promoteSecondaries, vmacXmitBase;
        Optional<Boolean> accept = Optional.empty(), strict = Optional.empty(), skipCheckAdvAddr = Optional.empty(),
                lowerPrioNoAdvert = Optional.empty(), higherPrioSendAdvert = Optional.empty(),
                smtpAlert = Optional.empty();
        Optional<Authentication.AuthType> authType = Optional.empty();
        Optional<String> authPass = Optional.empty();
        Optional<InetAddress> unicastSrc = Optional.empty(), mcastSrc = Optional.empty(), mcastDst = Optional.empty();
        final List<UnicastPeer> peers = new ArrayList<>();
        final List<TrackRefs.Pending> refs = new ArrayList<>();
        Optional<Vmac> vmac = Optional.empty();
        final NotifyBuilder notify = new NotifyBuilder();
        Optional<Duration> splitBrainInterval = Optional.empty();
        Optional<io.jkeepalived.config.model.Script> notifySplitBrain = Optional.empty();
        boolean splitBrainFault;

        I(String name, SourcePos pos) {
            this.name = name;
            this.pos = pos;
        }
    }

    private static void vipBlock(Node n, List<VirtualIp> into, List<SourcePos> positions, Ctx c) {
        for (Node line : n.children()) {
            AddressLines.vip(line, c, false).ifPresent(v -> {
                into.add(v);
                if (positions != null) positions.add(line.pos());
            });
        }
    }

    static final KeywordTable<I> TABLE = NotifyBuilder.register(new KeywordTable<I>("vrrp_instance"), i -> i.notify)
            .line("state", (n, i, c) -> c.word(n).ifPresent(s -> {
                i.statePos = n.pos();
                switch (s) { // case-sensitive, as keepalived 2.2.7 is
                    case "MASTER" -> i.state = Optional.of(VrrpState.MASTER);
                    case "BACKUP" -> i.state = Optional.of(VrrpState.BACKUP);
                    default -> {
                        c.error(n.args().getFirst().pos(), "unknown state '" + s + "', using BACKUP");
                        i.state = Optional.of(VrrpState.BACKUP);
                    }
                }
            }))
            .line("interface", (n, i, c) -> c.word(n).ifPresent(v -> {
                i.ifacePos = n.pos();
                if (v.equals("lo")) c.error(n.args().getFirst().pos(), "(" + i.name + ") cannot use loopback interface lo for VRRP; ignored");
                else i.iface = Optional.of(v);
            }))
            .line("virtual_router_id", (n, i, c) -> i.vrid = c.int32(n, 1, 255))
            .line("priority", (n, i, c) -> {
                i.priorityPos = n.pos();
                i.priority = c.int32(n, 1, 255);
            })
            .line("advert_int", (n, i, c) -> {
                i.advertPos = n.pos();
                i.advertInt = c.timer(n, 0, 0.01, 255);
            })
            .line("version", (n, i, c) -> {
                i.versionPos = n.pos();
                i.version = c.int32(n, 2, 3);
            })
            .block("virtual_ipaddress", (n, i, c) -> vipBlock(n, i.vips, i.vipPos, c))
            .block("virtual_ipaddress_excluded", (n, i, c) -> vipBlock(n, i.evips, null, c))
            .line("no_virtual_ipaddress", (n, i, c) -> i.noVips = true)
            .block("virtual_routes", (n, i, c) -> n.children().forEach(l -> AddressLines.route(l, c).ifPresent(r -> {
                if (r.dev().isEmpty() && !r.noTrack()) {
                    c.error(l.pos(), "cannot track route " + r.destination().orElse("") + " with no interface specified;"
                            + " not tracking", "add 'dev IF' or 'no_track'");
                }
                i.routes.add(r);
            })))
            .block("virtual_rules", (n, i, c) -> n.children().forEach(l -> AddressLines.rule(l, c).ifPresent(i.rules::add)))
            .block("authentication", (n, i, c) -> {
                i.authPos = n.pos();
                VrrpInstanceBinder.AUTH.bindAll(n, i, c);
            })
            .block("auth_hmac", (n, i, c) -> { })
            .line("unicast_src_ip", (n, i, c) -> i.unicastSrc = c.ip(n, 0))
            .block("unicast_peer", (n, i, c) -> n.children().forEach(l -> peer(l, i, c)))
            .line("unicast_ttl", (n, i, c) -> i.unicastTtl = c.int32(n, 0, 255))
            .line("unicast_fault_no_peer", (n, i, c) -> { })
            .line("check_unicast_src", (n, i, c) -> { })
            .line("old_unicast_checksum", (n, i, c) -> { })
            .line("mcast_src_ip", (n, i, c) -> i.mcastSrc = c.ip(n, 0))
            .line("mcast_dst_ip", (n, i, c) -> i.mcastDst = c.ip(n, 0))
            .line("track_src_ip", (n, i, c) -> { })
            .line("vrf", (n, i, c) -> { })
            .line("nopreempt", (n, i, c) -> {
                i.nopreempt = true;
                i.nopreemptPos = n.pos();
            })
            .line("preempt", (n, i, c) -> i.nopreempt = false)
            .line("preempt_delay", (n, i, c) -> {
                i.preemptDelayPos = n.pos();
                i.preemptDelay = c.timer(n, 0, 0, 1000);
            })
            .line("accept", (n, i, c) -> {
                i.acceptPos = n.pos();
                i.accept = Optional.of(true);
            })
            .line("no_accept", (n, i, c) -> i.accept = Optional.of(false))
            .line("strict_mode", (n, i, c) -> i.strict = c.bool(n))
            .line("skip_check_adv_addr", (n, i, c) -> i.skipCheckAdvAddr = c.bool(n))
            .line("dont_track_primary", (n, i, c) -> i.dontTrackPrimary = true)
            .block("track_interface", (n, i, c) -> TrackRefs.parse("track_interface", n, -253, 253, i.refs, c))
            .block("track_script", (n, i, c) -> TrackRefs.parse("track_script", n, -253, 253, i.refs, c))
            .block("track_file", (n, i, c) -> TrackRefs.parse("track_file", n, -254, 254, i.refs, c))
            .block("track_process", (n, i, c) -> TrackRefs.parse("track_process", n, -254, 254, i.refs, c))
            .block("track_bfd", (n, i, c) -> TrackRefs.parse("track_bfd", n, -253, 253, i.refs, c))
            .line("garp_master_delay", (n, i, c) -> i.garpDelay = c.timer(n, 0, 0, 255))
            .line("garp_master_repeat", (n, i, c) -> i.garpRepeat = c.int32(n, 0, 255))
            .line("garp_master_refresh", (n, i, c) -> i.garpRefresh = c.timer(n))
            .line("garp_master_refresh_repeat", (n, i, c) -> i.garpRefreshRepeat = c.int32(n, 0, 255))
            .line("garp_lower_prio_delay", (n, i, c) -> i.lowerPrioDelay = c.timer(n, 0, 0, 255))
            .line("garp_lower_prio_repeat", (n, i, c) -> i.lowerPrioRepeat = c.int32(n, 0, 255))
            .line("garp_extra_if", (n, i, c) -> { })
            .legacy("vmac_garp_intvl", "garp_extra_if", "keepalived 2.2.7 reports it as deprecated")
            .line("down_timer_adverts", (n, i, c) -> i.downTimerAdverts = c.int32(n, 1, 100))
            .line("timer_expired_backup", (n, i, c) -> i.timerExpiredBackup =
                    n.args().isEmpty() ? Optional.of(0) : c.int32(n, 0, 254))
            .legacy("thread_timer_expired", "timer_expired_backup", "keepalived 2.2.7 rejects it (Unknown keyword)")
            .line("lower_prio_no_advert", (n, i, c) -> i.lowerPrioNoAdvert = c.bool(n))
            .line("higher_prio_send_advert", (n, i, c) -> i.higherPrioSendAdvert = c.bool(n))
            .line("owner_ignore_adverts", (n, i, c) -> { })
            .line("use_vmac", (n, i, c) -> {
                i.vmacPos = n.pos();
                i.vmac = Optional.of(vmac(n, i));
            })
            .line("use_vmac_addr", (n, i, c) -> { })
            .line("vmac_xmit_base", (n, i, c) -> i.vmacXmitBase = true)
            .line("use_ipvlan", (n, i, c) -> { })
            .line("promote_secondaries", (n, i, c) -> i.promoteSecondaries = true)
            .line("v3_checksum_as_v2", (n, i, c) -> { })
            .line("native_ipv6", (n, i, c) -> {
                c.warning(n.pos(), "'native_ipv6' is deprecated; it forces the instance to IPv6");
                i.nativeIpv6 = true;
            })
            .line("linkbeat_use_polling", (n, i, c) -> { })
            .line("kernel_rx_buf_size", (n, i, c) -> { })
            .line("debug", (n, i, c) -> { })
            .line("smtp_alert", (n, i, c) -> i.smtpAlert = c.bool(n))
            // jkeepalived's split-brain watch (docs/split-brain.md)
            .line("split_brain_interval", (n, i, c) -> i.splitBrainInterval = c.timer(n, 0, 0, 3600))
            .line("notify_split_brain", (n, i, c) -> i.notifySplitBrain = c.script(n))
            .line("split_brain_action", (n, i, c) -> c.word(n).ifPresent(a -> {
                switch (a) {
                    case "fault" -> i.splitBrainFault = true;
                    case "none" -> i.splitBrainFault = false;
                    default -> c.error(n.args().getFirst().pos(), "unknown split_brain_action '" + a
                            + "' (fault or none); ignored");
                }
            }))
            .line("lvs_sync_daemon_interface", (n, i, c) -> c.word(n));

    private static final KeywordTable<I> AUTH = new KeywordTable<I>("authentication")
            .line("auth_type", (n, i, c) -> c.word(n).ifPresent(t -> {
                switch (t) {
                    case "PASS" -> i.authType = Optional.of(Authentication.AuthType.PASS);
                    case "AH" -> i.authType = Optional.of(Authentication.AuthType.AH);
                    default -> c.error(n.args().getFirst().pos(), "unknown auth_type '" + t + "' (PASS or AH)");
                }
            }))
            .line("auth_pass", (n, i, c) -> c.word(n).ifPresent(p -> {
                byte[] b = p.getBytes(StandardCharsets.UTF_8);
                if (b.length > 8) {
                    c.warning(n.args().getFirst().pos(), "auth_pass is longer than 8 bytes; truncated");
                    p = new String(Arrays.copyOf(b, 8), StandardCharsets.UTF_8);
                }
                i.authPass = Optional.of(p);
            }));

    private static void peer(Node line, I i, Ctx c) {
        c.ip("unicast_peer", line.keyword()).ifPresent(a -> {
            Optional<Integer> min = Optional.empty(), max = Optional.empty();
            List<Token> args = line.args();
            for (int k = 0; k + 1 < args.size(); k += 2) {
                switch (args.get(k).text()) {
                    case "min_ttl" -> min = c.integer("min_ttl", args.get(k + 1), 0, 255).map(Long::intValue);
                    case "max_ttl" -> max = c.integer("max_ttl", args.get(k + 1), 0, 255).map(Long::intValue);
                    default -> c.error(args.get(k).pos(), "unknown unicast_peer option '" + args.get(k).text() + "'");
                }
            }
            i.peers.add(new UnicastPeer(a, min, max));
        });
    }

    private static Vmac vmac(Node n, I i) {
        Optional<String> name = Optional.empty(), mac = Optional.empty();
        for (Token t : n.args()) {
            String w = t.text();
            if (w.matches("(?i)([0-9a-f]{2}:){5}[0-9a-f]{2}")) mac = Optional.of(w);
            else if (!w.equals("netlink_notify_msg") && !w.equals("group") && name.isEmpty()) name = Optional.of(w);
        }
        return new Vmac(name, mac, i.vmacXmitBase);
    }
}
