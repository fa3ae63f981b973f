package io.jkeepalived.config.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jkeepalived.check.plan.Timing;
import io.jkeepalived.config.model.Checker;
import io.jkeepalived.config.model.CheckerCommon;
import io.jkeepalived.config.model.GlobalDefs;
import io.jkeepalived.config.model.IpText;
import io.jkeepalived.config.model.Keepalived;
import io.jkeepalived.config.model.Notify;
import io.jkeepalived.config.model.RealServer;
import io.jkeepalived.config.model.RegexOption;
import io.jkeepalived.config.model.Script;
import io.jkeepalived.config.model.SyncGroup;
import io.jkeepalived.config.model.TrackRef;
import io.jkeepalived.config.model.VirtualIp;
import io.jkeepalived.config.model.VirtualRoute;
import io.jkeepalived.config.model.VirtualRule;
import io.jkeepalived.config.model.VirtualServer;
import io.jkeepalived.config.model.VrrpInstance;
import io.jkeepalived.config.model.VrrpScript;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The effective config as JSON for {@code -t --dump-json}: keepalived keyword names in snake_case,
 * durations as numbers of seconds, absent values as null. The schema is in docs/config-json.md.
 */
public final class ConfigJson {
    private ConfigJson() {}

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static String render(Keepalived k) {
        try {
            return MAPPER.writeValueAsString(tree(k)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    public static JsonNode tree(Keepalived k) {
        ObjectNode root = MAPPER.createObjectNode();
        root.set("global_defs", globals(k.globalDefs()));
        ArrayNode scripts = root.putArray("vrrp_scripts");
        k.vrrpScripts().forEach(s -> scripts.add(script(s)));
        ArrayNode files = root.putArray("track_files");
        k.trackFiles().forEach(f -> files.addObject().put("name", f.name()).put("file", f.file())
                .put("weight", f.weight()).put("reverse", f.weightReverse()));
        ArrayNode procs = root.putArray("vrrp_track_processes");
        k.trackProcesses().forEach(p -> {
            ObjectNode o = procs.addObject().put("name", p.name()).put("process", p.process());
            strings(o.putArray("args"), p.args());
            o.put("weight", p.weight()).put("reverse", p.weightReverse()).put("quorum", p.quorum());
            opt(o, "quorum_max", p.quorumMax());
            o.put("full_command", p.fullCommand());
        });
        ArrayNode groups = root.putArray("vrrp_sync_groups");
        k.syncGroups().forEach(g -> groups.add(syncGroup(g)));
        ArrayNode instances = root.putArray("vrrp_instances");
        k.vrrpInstances().forEach(i -> instances.add(instance(i)));
        ObjectNode statics = root.putObject("static");
        vips(statics.putArray("static_ipaddress"), k.statics().addresses());
        routes(statics.putArray("static_routes"), k.statics().routes());
        rules(statics.putArray("static_rules"), k.statics().rules());
        ArrayNode vsg = root.putArray("virtual_server_groups");
        k.virtualServerGroups().forEach(g -> {
            ObjectNode o = vsg.addObject().put("name", g.name());
            ArrayNode es = o.putArray("entries");
            g.entries().forEach(e -> {
                ObjectNode eo = es.addObject();
                opt(eo, "range", e.range());
                opt(eo, "port", e.port());
                opt(eo, "fwmark", e.fwmark());
            });
        });
        ArrayNode vss = root.putArray("virtual_servers");
        k.virtualServers().forEach(v -> vss.add(virtualServer(v)));
        ArrayNode ni = root.putArray("not_implemented");
        k.notImplemented().forEach(n -> strings(ni.addObject().put("block", n.block()).put("keyword", n.keyword())
                .putArray("args"), n.args()));
        return root;
    }

    private static ObjectNode globals(GlobalDefs g) {
        ObjectNode o = MAPPER.createObjectNode();
        opt(o, "router_id", g.routerId());
        strings(o.putArray("notification_email"), g.notificationEmail());
        opt(o, "notification_email_from", g.notificationEmailFrom());
        opt(o, "smtp_server", g.smtpServer());
        o.put("smtp_port", g.smtpPort());
        seconds(o, "smtp_connect_timeout", g.smtpConnectTimeout());
        o.put("vrrp_version", g.vrrpVersion());
        o.put("vrrp_mcast_group4", g.vrrpMcastGroup4()).put("vrrp_mcast_group6", g.vrrpMcastGroup6());
        o.put("vrrp_strict", g.vrrpStrict()).put("vrrp_skip_check_adv_addr", g.vrrpSkipCheckAdvAddr());
        o.put("vrrp_check_unicast_src", g.vrrpCheckUnicastSrc());
        seconds(o, "vrrp_garp_master_delay", g.vrrpGarpMasterDelay());
        o.put("vrrp_garp_master_repeat", g.vrrpGarpMasterRepeat());
        seconds(o, "vrrp_garp_master_refresh", g.vrrpGarpMasterRefresh());
        o.put("vrrp_garp_master_refresh_repeat", g.vrrpGarpMasterRefreshRepeat());
        seconds(o, "vrrp_garp_interval", g.vrrpGarpInterval());
        seconds(o, "vrrp_gna_interval", g.vrrpGnaInterval());
        o.put("vrrp_down_timer_adverts", g.vrrpDownTimerAdverts());
        seconds(o, "split_brain_interval", g.splitBrainInterval());
        o.put("vrrp_lower_prio_no_advert", g.vrrpLowerPrioNoAdvert());
        o.put("vrrp_higher_prio_send_advert", g.vrrpHigherPrioSendAdvert());
        o.put("vmac_prefix", g.vmacPrefix()).put("default_interface", g.defaultInterface());
        o.put("dynamic_interfaces", g.dynamicInterfaces());
        o.put("enable_script_security", g.enableScriptSecurity());
        o.put("script_user", g.scriptUser().map(ConfigJson::userText).orElse(null));
        script(o, "notify_fifo", g.notifyFifo());
        script(o, "vrrp_notify_fifo", g.vrrpNotifyFifo());
        script(o, "lvs_notify_fifo", g.lvsNotifyFifo());
        script(o, "startup_script", g.startupScript());
        script(o, "shutdown_script", g.shutdownScript());
        strings(o.putArray("lvs_sync_daemon"), g.lvsSyncDaemon());
        o.put("lvs_flush", g.lvsFlush()).put("lvs_flush_on_stop", g.lvsFlushOnStop());
        g.lvsBackend().ifPresent(b -> o.put("lvs_backend", b.word()));
        g.netNamespaceIpvs().ifPresent(n -> o.put("net_namespace_ipvs", n));
        strings(o.putArray("lvs_timeouts"), g.lvsTimeouts());
        opt(o, "state_dump_file", g.stateDumpFile());
        opt(o, "stats_dump_file", g.statsDumpFile());
        opt(o, "json_dump_file", g.jsonDumpFile());
        return o;
    }

    private static ObjectNode script(VrrpScript s) {
        ObjectNode o = MAPPER.createObjectNode().put("name", s.name()).put("script", s.script().command());
        seconds(o, "interval", s.interval());
        seconds(o, "timeout", s.timeout());
        o.put("weight", s.weight()).put("reverse", s.weightReverse()).put("rise", s.rise()).put("fall", s.fall());
        opt(o, "user", s.script().user());
        o.put("init_fail", s.initFail());
        return o;
    }

    private static ObjectNode syncGroup(SyncGroup g) {
        ObjectNode o = MAPPER.createObjectNode().put("name", g.name());
        strings(o.putArray("group"), g.group());
        refs(o, "track_interface", g.trackInterface());
        refs(o, "track_script", g.trackScript());
        refs(o, "track_file", g.trackFile());
        refs(o, "track_process", g.trackProcess());
        notify(o, g.notifyScripts());
        o.put("sync_group_tracking_weight", g.syncGroupTrackingWeight());
        return o;
    }

    private static ObjectNode instance(VrrpInstance i) {
        ObjectNode o = MAPPER.createObjectNode().put("name", i.name()).put("state", i.state().name());
        opt(o, "interface", i.iface());
        o.put("virtual_router_id", i.virtualRouterId()).put("priority", i.priority());
        seconds(o, "advert_int", i.advertInt());
        o.put("version", i.version()).put("nopreempt", i.nopreempt());
        seconds(o, "preempt_delay", i.preemptDelay());
        o.put("accept", i.accept()).put("strict_mode", i.strict());
        o.set("authentication", i.authentication().<JsonNode>map(a -> MAPPER.createObjectNode()
                .put("auth_type", a.authType().name()).put("auth_pass", a.authPass())).orElse(null));
        o.put("unicast_src_ip", i.unicastSrcIp().map(IpText::of).orElse(null));
        ArrayNode peers = o.putArray("unicast_peer");
        i.unicastPeers().forEach(p -> peers.add(IpText.of(p.address())));
        o.put("mcast_src_ip", i.mcastSrcIp().map(IpText::of).orElse(null));
        vips(o.putArray("virtual_ipaddress"), i.virtualIpaddress());
        vips(o.putArray("virtual_ipaddress_excluded"), i.virtualIpaddressExcluded());
        routes(o.putArray("virtual_routes"), i.virtualRoutes());
        rules(o.putArray("virtual_rules"), i.virtualRules());
        refs(o, "track_script", i.trackScript());
        refs(o, "track_interface", i.trackInterface());
        refs(o, "track_process", i.trackProcess());
        refs(o, "track_file", i.trackFile());
        notify(o, i.notifyScripts());
        o.put("use_vmac", i.useVmac().map(v -> v.name().orElse("vrrp." + i.virtualRouterId())).orElse(null));
        o.put("dont_track_primary", i.dontTrackPrimary());
        seconds(o, "garp_master_delay", i.garp().masterDelay());
        o.put("garp_master_repeat", i.garp().masterRepeat());
        seconds(o, "garp_master_refresh", i.garp().masterRefresh());
        o.put("garp_master_refresh_repeat", i.garp().masterRefreshRepeat());
        o.put("down_timer_adverts", i.downTimerAdverts());
        o.put("skip_check_adv_addr", i.skipCheckAdvAddr());
        seconds(o, "split_brain_interval", i.splitBrain().interval());
        script(o, "notify_split_brain", i.splitBrain().script());
        o.put("split_brain_action", i.splitBrain().fault() ? "fault" : "none");
        return o;
    }

    private static ObjectNode virtualServer(VirtualServer v) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("ip", v.ip().map(IpText::of).orElse(null));
        opt(o, "port", v.port());
        opt(o, "fwmark", v.fwmark());
        opt(o, "group", v.group());
        o.put("protocol", v.protocol()).put("lb_algo", v.lbAlgo()).put("lb_kind", v.lbKind());
        o.set("persistence_timeout", v.persistenceTimeout().map(ConfigJson::secs).orElse(null));
        seconds(o, "delay_loop", v.delayLoop());
        o.put("quorum", v.quorum()).put("hysteresis", v.hysteresis());
        o.set("sorry_server", v.sorryServer().<JsonNode>map(s -> {
            ObjectNode so = MAPPER.createObjectNode().put("ip", IpText.of(s.ip()));
            opt(so, "port", s.port());
            return so;
        }).orElse(null));
        opt(o, "virtualhost", v.virtualhost());
        o.put("alpha", v.alpha()).put("omega", v.omega()).put("inhibit_on_failure", v.inhibitOnFailure());
        script(o, "quorum_up", v.quorumUp());
        script(o, "quorum_down", v.quorumDown());
        ArrayNode rs = o.putArray("real_servers");
        v.realServers().forEach(r -> rs.add(realServer(r, v)));
        return o;
    }

    private static ObjectNode realServer(RealServer r, VirtualServer v) {
        ObjectNode o = MAPPER.createObjectNode().put("ip", IpText.of(r.ip()));
        opt(o, "port", r.port());
        o.put("weight", r.weight()).put("inhibit_on_failure", r.inhibitOnFailure());
        script(o, "notify_up", r.notifyUp());
        script(o, "notify_down", r.notifyDown());
        ArrayNode cs = o.putArray("checkers");
        r.checkers().forEach(c -> cs.add(checker(c, Timing.resolve(c, r, v))));
        return o;
    }

    /** Timing as the checker will run it: its own, else the real server's, the virtual server's, the type default. */
    private static ObjectNode checker(Checker c, Timing timing) {
        ObjectNode o = MAPPER.createObjectNode().put("type", c.type());
        CheckerCommon cc = c.common();
        opt(o, "connect_ip", cc.connectIp());
        opt(o, "connect_port", cc.connectPort());
        seconds(o, "connect_timeout", Duration.ofNanos(timing.connectTimeout()));
        o.put("retry", timing.retry());
        seconds(o, "delay_before_retry", Duration.ofNanos(timing.delayBeforeRetry()));
        switch (c) {
            case Checker.HttpGet h -> {
                ArrayNode urls = o.putArray("urls");
                h.urls().forEach(u -> {
                    ObjectNode uo = urls.addObject().put("path", u.path());
                    opt(uo, "digest", u.digest());
                    strings(uo.putArray("status_code"), u.statusCode().stream().map(Object::toString).toList());
                    u.regex().ifPresent(r -> {
                        uo.put("regex", r.pattern()).put("regex_no_match", r.noMatch());
                        strings(uo.putArray("regex_options"), r.options().stream().map(RegexOption::keyword).sorted().toList());
                        uo.put("regex_min_offset", r.minOffset());
                        r.maxOffset().ifPresentOrElse(m -> uo.put("regex_max_offset", m), () -> uo.putNull("regex_max_offset"));
                    });
                });
                opt(o, "virtualhost", h.virtualhost());
            }
            case Checker.MiscCheck m -> {
                o.put("misc_path", m.miscPath().command());
                o.set("misc_timeout", m.miscTimeout().map(ConfigJson::secs).orElse(null));
                o.put("misc_dynamic", m.miscDynamic());
                opt(o, "user", m.miscPath().user());
            }
            case Checker.SmtpCheck s -> o.put("helo_name", s.heloName());
            case Checker.DnsCheck d -> o.put("type", d.type()).put("query_type", d.queryType()).put("name", d.name());
            case Checker.UdpCheck u -> {
                opt(o, "payload", u.payload());
                opt(o, "require_reply", u.requireReply());
            }
            case Checker.FileCheck f -> o.put("track_file", f.trackFile());
            case Checker.BfdCheck b -> o.put("name", b.name());
            case Checker.TcpCheck t -> { }
            case Checker.PingCheck p -> { }
        }
        return o;
    }

    private static void notify(ObjectNode o, Notify n) {
        script(o, "notify_master", n.master());
        script(o, "notify_backup", n.backup());
        script(o, "notify_fault", n.fault());
        script(o, "notify_stop", n.stop());
        script(o, "notify", n.any());
    }

    private static void vips(ArrayNode a, List<VirtualIp> vips) {
        for (VirtualIp v : vips) {
            ObjectNode o = a.addObject().put("address", v.address().toString());
            opt(o, "dev", v.dev());
            opt(o, "label", v.label());
            opt(o, "brd", v.brd());
            opt(o, "scope", v.scope());
        }
    }

    private static void routes(ArrayNode a, List<VirtualRoute> routes) {
        for (VirtualRoute r : routes) {
            ObjectNode o = a.addObject();
            opt(o, "to", r.destination());
            opt(o, "via", r.via());
            opt(o, "dev", r.dev());
            opt(o, "table", r.table());
            o.put("line", String.join(" ", r.words()));
        }
    }

    private static void rules(ArrayNode a, List<VirtualRule> rules) {
        for (VirtualRule r : rules) {
            ObjectNode o = a.addObject();
            opt(o, "from", r.from());
            opt(o, "to", r.to());
            opt(o, "table", r.table());
            opt(o, "preference", r.preference());
            o.put("line", String.join(" ", r.words()));
        }
    }

    private static void refs(ObjectNode o, String key, List<TrackRef> refs) {
        ArrayNode a = o.putArray(key);
        for (TrackRef r : refs) {
            ObjectNode ro = a.addObject().put("name", r.name());
            opt(ro, "weight", r.weight());
            ro.put("reverse", r.reverse());
        }
    }

    private static void script(ObjectNode o, String key, Optional<Script> s) {
        o.put(key, s.map(ConfigJson::scriptText).orElse(null));
    }

    /** The command line as configured, with the user appended as keepalived prints it. */
    static String scriptText(Script s) {
        return s.command() + s.user().map(u -> " " + u + s.group().map(g -> ":" + g).orElse("")).orElse("");
    }

    private static String userText(Script s) {
        return s.command() + s.user().map(g -> ":" + g).orElse("");
    }

    private static void strings(ArrayNode a, List<String> values) {
        values.forEach(a::add);
    }

    private static void opt(ObjectNode o, String key, Optional<?> v) {
        if (v.isEmpty()) {
            o.putNull(key);
            return;
        }
        switch (v.get()) {
            case Integer i -> o.put(key, i);
            case Long l -> o.put(key, l);
            case Boolean b -> o.put(key, b);
            default -> o.put(key, v.get().toString());
        }
    }

    private static void seconds(ObjectNode o, String key, Duration d) {
        o.set(key, secs(d));
    }

    /** Seconds as an exact decimal number (microsecond resolution), e.g. 1, 0.5, 2.71828. */
    static JsonNode secs(Duration d) {
        BigDecimal s = BigDecimal.valueOf(d.toNanos() / 1000, 6).stripTrailingZeros();
        if (s.scale() < 0) s = s.setScale(0);
        return MAPPER.getNodeFactory().numberNode(s);
    }
}
