package io.jkeepalived.config.bind;

import io.jkeepalived.config.SourcePos;
import io.jkeepalived.config.model.Family;
import io.jkeepalived.config.model.LvsBackend;
import io.jkeepalived.config.model.VirtualServer;
import io.jkeepalived.config.model.SyncGroup;
import io.jkeepalived.config.model.TrackFile;
import io.jkeepalived.config.model.TrackProcess;
import io.jkeepalived.config.model.VrrpInstance;
import io.jkeepalived.config.model.VrrpScript;
import io.jkeepalived.config.tree.Token;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Checks that span blocks: names that must exist, be unique, or not collide. */
final class CrossChecks {
    private CrossChecks() {}

    static void duplicateNames(Binder.Root r, Ctx c) {
        var seen = new HashMap<String, SourcePos>();
        for (var i : r.instances) {
            SourcePos first = seen.putIfAbsent(i.name, i.pos);
            if (first != null) {
                c.error(i.pos, "vrrp_instance " + i.name + " is already defined at " + first + "; this one is ignored");
            }
        }
        unique("vrrp_script", r.scripts.stream().map(s -> Map.entry(s.name, s.pos)).toList(), c);
        unique("track_file", r.files.stream().map(s -> Map.entry(s.name, s.pos)).toList(), c);
        unique("vrrp_track_process", r.processes.stream().map(s -> Map.entry(s.name, s.pos)).toList(), c);
        unique("vrrp_sync_group", r.groups.stream().map(s -> Map.entry(s.name, s.pos)).toList(), c);
    }

    private static void unique(String what, List<Map.Entry<String, SourcePos>> items, Ctx c) {
        var seen = new HashMap<String, SourcePos>();
        for (var e : items) {
            SourcePos first = seen.putIfAbsent(e.getKey(), e.getValue());
            if (first != null) c.error(e.getValue(), what + " " + e.getKey() + " is already defined at " + first);
        }
    }

    /** A track_* naming nothing is reported and removed, as keepalived ignores it. */
    static void resolveTrackers(Binder.Root r, List<VrrpScript> scripts, List<TrackFile> files,
                                List<TrackProcess> processes, Ctx c) {
        Map<String, Set<String>> known = Map.of(
                "track_script", scripts.stream().map(VrrpScript::name).collect(Collectors.toSet()),
                "track_file", files.stream().map(TrackFile::name).collect(Collectors.toSet()),
                "track_process", processes.stream().map(TrackProcess::name).collect(Collectors.toSet()),
                "track_bfd", r.bfds.stream().map(b -> b.name()).collect(Collectors.toSet()));
        var defining = Map.of("track_script", "vrrp_script", "track_file", "track_file",
                "track_process", "vrrp_track_process", "track_bfd", "bfd_instance");
        for (var i : r.instances) resolve(i.refs, known, defining, "(" + i.name + ") ", c);
        for (var g : r.groups) resolve(g.refs, known, defining, "(" + g.name + ") ", c);
    }

    private static void resolve(List<TrackRefs.Pending> refs, Map<String, Set<String>> known,
                                Map<String, String> defining, String who, Ctx c) {
        refs.removeIf(p -> {
            Set<String> names = known.get(p.kind());
            if (names == null || names.contains(p.ref().name())) return false;
            var msg = who + p.kind() + " '" + p.ref().name() + "' names no " + defining.get(p.kind()) + "; ignored";
            DidYouMean.closest(p.ref().name(), names).ifPresentOrElse(
                    s -> c.error(p.pos(), msg, "did you mean '" + s + "'?"), () -> c.error(p.pos(), msg));
            return true;
        });
    }

    /** One VRID per interface and family: two routers with one VRID on a LAN fight. */
    static void vrids(Binder.Root r, List<VrrpInstance> instances, Ctx c) {
        var seen = new HashMap<String, String>();
        var pos = new HashMap<String, SourcePos>();
        for (var b : r.instances) pos.putIfAbsent(b.name, b.pos);
        var names = new HashSet<String>();
        for (VrrpInstance i : instances) {
            if (!names.add(i.name())) continue;
            String key = i.iface().orElse("") + "/" + (i.family() == Family.INET ? "4" : "6") + "/" + i.virtualRouterId();
            if (i.unicastPeers().isEmpty()) {
                String other = seen.putIfAbsent(key, i.name());
                if (other != null) {
                    c.error(pos.get(i.name()), "(" + i.name() + ") virtual_router_id " + i.virtualRouterId()
                            + " is already used by " + other + " on " + i.iface().orElse("the same interface")
                            + " for " + (i.family() == Family.INET ? "IPv4" : "IPv6"));
                }
            }
        }
    }

    static List<SyncGroup> syncGroups(Binder.Root r, List<VrrpInstance> instances, Ctx c) {
        Set<String> names = instances.stream().map(VrrpInstance::name).collect(Collectors.toSet());
        var memberOf = new HashMap<String, String>();
        var out = new ArrayList<SyncGroup>();
        for (var g : r.groups) {
            g.members.removeIf((Token t) -> {
                if (!names.contains(t.text())) {
                    var msg = "(" + g.name + ") sync group member " + t.text() + " names no vrrp_instance; ignored";
                    DidYouMean.closest(t.text(), names).ifPresentOrElse(
                            s -> c.error(t.pos(), msg, "did you mean '" + s + "'?"), () -> c.error(t.pos(), msg));
                    return true;
                }
                String other = memberOf.putIfAbsent(t.text(), g.name);
                if (other != null) {
                    c.error(t.pos(), "(" + g.name + ") vrrp_instance " + t.text() + " is already in sync group " + other
                            + "; ignored");
                    return true;
                }
                return false;
            });
            if (g.members.size() == 1) {
                c.error(g.pos, "vrrp_sync_group " + g.name + " has " + g.members.size()
                        + " member(s); a sync group needs at least 2 to mean anything");
            }
            if (g.members.isEmpty()) {
                c.error(g.pos, "vrrp_sync_group " + g.name + " has no members; removed");
                continue;
            }
            out.add(g.build());
        }
        return out;
    }

    static void virtualServers(Binder.Root r, Ctx c) {
        if (r.globals.lvsBackend.equals(Optional.of(LvsBackend.IPVS)) && !r.servers.isEmpty()
                && !c.host.ipvsAvailable()) {
            c.error(r.globals.lvsBackendPos, "lvs_backend ipvs: this kernel has no IPVS (no /proc/net/ip_vs and no"
                    + " ip_vs module for it)", "supported here: lvs_backend nftables (NAT with rr|wrr|sh|mh), or leave"
                    + " lvs_backend unset to use IPVS where the kernel has it and nftables elsewhere");
        }
        Set<String> groups = r.vsGroups.stream().map(g -> g.name()).collect(Collectors.toSet());
        for (int k = 0; k < r.servers.size(); k++) {
            SourcePos pos = r.serverPos.get(k);
            r.servers.get(k).group().filter(g -> !groups.contains(g)).ifPresent(g -> c.error(pos,
                    "virtual_server group " + g + " names no virtual_server_group"));
            if (r.globals.lvsBackend.equals(Optional.of(LvsBackend.NFTABLES))) {
                nftablesCanExpress(r.servers.get(k), pos, c);
            }
        }
    }

    /** {@code lvs_backend nftables} does NAT with four schedulers; anything else is refused where it is written. */
    private static void nftablesCanExpress(VirtualServer vs, SourcePos pos, Ctx c) {
        String hint = "lvs_backend nftables supports lb_algo " + String.join("|", new java.util.TreeSet<>(
                LvsBackend.NFT_SCHEDULERS)) + " and lb_kind NAT; use lvs_backend ipvs (a kernel with IPVS) for the rest";
        if (!LvsBackend.NFT_SCHEDULERS.contains(vs.lbAlgo())) {
            c.error(pos, "virtual_server: lb_algo " + vs.lbAlgo() + " cannot be expressed with lvs_backend nftables", hint);
        }
        if (!vs.lbKind().equals("NAT")) {
            c.error(pos, "virtual_server: lb_kind " + vs.lbKind() + " cannot be expressed with lvs_backend nftables", hint);
        }
        vs.sorryServerLvsMethod().filter(m -> !m.equalsIgnoreCase("NAT")).ifPresent(m -> c.error(pos,
                "sorry_server_lvs_method " + m + " cannot be expressed with lvs_backend nftables", hint));
        for (var rs : vs.realServers()) {
            rs.lvsMethod().filter(m -> !m.equalsIgnoreCase("NAT")).ifPresent(m -> c.error(pos, "real_server "
                    + io.jkeepalived.config.model.IpText.of(rs.ip()) + ": lvs_method " + m
                    + " cannot be expressed with lvs_backend nftables", hint));
        }
    }
}
