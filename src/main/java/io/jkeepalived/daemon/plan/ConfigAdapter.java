package io.jkeepalived.daemon.plan;

import io.jkeepalived.config.model.Authentication;
import io.jkeepalived.config.model.Family;
import io.jkeepalived.config.model.GlobalDefs;
import io.jkeepalived.config.model.Keepalived;
import io.jkeepalived.config.model.Notify;
import io.jkeepalived.config.model.Script;
import io.jkeepalived.config.model.SyncGroup;
import io.jkeepalived.config.model.TrackRef;
import io.jkeepalived.config.model.UnicastPeer;
import io.jkeepalived.config.model.VirtualIp;
import io.jkeepalived.config.model.VrrpInstance;
import io.jkeepalived.config.model.VrrpScript;
import io.jkeepalived.config.model.VrrpState;
import io.jkeepalived.vrrp.engine.GarpSpec;
import io.jkeepalived.vrrp.engine.IpAddr;
import io.jkeepalived.vrrp.engine.NotifySpec;
import io.jkeepalived.vrrp.engine.RouterSpec;
import io.jkeepalived.vrrp.engine.SyncGroupSpec;
import io.jkeepalived.vrrp.engine.TrackerSpec;
import io.jkeepalived.vrrp.engine.TrackerStatus;
import io.jkeepalived.vrrp.wire.AddressList;
import io.jkeepalived.vrrp.wire.AddressMismatchPolicy;
import io.jkeepalived.vrrp.wire.Advertisement;
import io.jkeepalived.vrrp.wire.AuthType;
import io.jkeepalived.vrrp.wire.ChecksumMode;
import io.jkeepalived.vrrp.wire.IpFamily;
import io.jkeepalived.vrrp.wire.ReceiveProfile;
import io.jkeepalived.vrrp.wire.UnicastPeers;
import io.jkeepalived.vrrp.wire.VrrpVersion;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The bound config → what the engine and the daemon run. Pure apart from the {@link InterfaceFacts}
 * it is given; never throws for a config the binder accepted (anything it cannot map becomes a
 * warning in the plan).
 */
public final class ConfigAdapter {
    private ConfigAdapter() {}

    /** Tracker ids as the engine sees them; the daemon posts tracker results under the same ids. */
    public static String scriptId(String name) {
        return "script:" + name;
    }

    public static String fileId(String name) {
        return "file:" + name;
    }

    public static String processId(String name) {
        return "process:" + name;
    }

    public static String interfaceId(String name) {
        return "if:" + name;
    }

    public static DaemonPlan plan(Keepalived config, InterfaceFacts facts) {
        List<String> warnings = new ArrayList<>();
        Map<String, SyncGroup> groupOf = new HashMap<>();
        for (SyncGroup g : config.syncGroups()) {
            g.group().forEach(m -> groupOf.putIfAbsent(m, g));
        }
        boolean fifo = config.globalDefs().vrrpNotifyFifo().isPresent() || config.globalDefs().notifyFifo().isPresent();
        List<InstancePlan> instances = new ArrayList<>();
        for (VrrpInstance i : config.vrrpInstances()) {
            try {
                instances.add(instance(i, Optional.ofNullable(groupOf.get(i.name())), config, facts, fifo,
                        warnings::add));
            } catch (RuntimeException e) {
                warnings.add("(" + i.name() + ") cannot be run: " + e.getMessage());
            }
        }
        List<SyncGroupSpec> groups = new ArrayList<>();
        for (SyncGroup g : config.syncGroups()) {
            List<String> members = g.group().stream()
                    .filter(m -> instances.stream().anyMatch(p -> p.name().equals(m))).toList();
            groups.add(new SyncGroupSpec(g.name(), members, notify(g.notifyScripts(), fifo), g.syncGroupTrackingWeight()));
        }
        return new DaemonPlan(instances, groups, warnings);
    }

    static InstancePlan instance(VrrpInstance i, Optional<SyncGroup> group, Keepalived config, InterfaceFacts facts,
                                 boolean fifo, java.util.function.Consumer<String> warn) {
        GlobalDefs g = config.globalDefs();
        boolean ipv6 = i.family() == Family.INET6;
        String iface = i.iface().orElse(g.defaultInterface());
        Optional<VmacPlan> vmac = i.useVmac().map(v -> new VmacPlan(
                v.name().orElse(g.vmacPrefix() + (ipv6 ? "6." : ".") + i.virtualRouterId()), iface, ipv6,
                i.virtualRouterId(), v.xmitBase()));
        if (!facts.exists(iface)) {
            // keepalived 2.2.7 stops the whole daemon here ("Non-existent interface specified in
            // configuration"), at start and on reload; we keep every other instance running.
            warn.accept("(" + i.name() + ") interface " + iface + " does not exist: the instance stays in FAULT"
                    + " until it appears");
        }
        String addressIface = vmac.map(VmacPlan::name).orElse(iface);
        String socketIface = vmac.filter(v -> !v.xmitBase()).map(VmacPlan::name).orElse(iface);

        Optional<InetAddress> configured = i.unicastSrcIp().or(i::mcastSrcIp);
        Optional<InetAddress> source = configured.or(() -> ipv6
                ? facts.linkLocalIpv6(iface).map(InetAddress.class::cast)
                : facts.primaryIpv4(iface).map(InetAddress.class::cast));
        IpAddr primary = source.flatMap(a -> IpAddr.ofBytes(a.getAddress()))
                .orElse(ipv6 ? new IpAddr(0, 0, true) : new IpAddr(0, 0, false));

        int centis = (int) Math.max(1, Math.min(4095, i.advertInt().toMillis() / 10));
        if (i.version() == 2) {
            centis = Math.max(100, centis / 100 * 100);
        }

        Map<String, VipPlan> addresses = new LinkedHashMap<>();
        List<String> vipIds = vipIds(i.virtualIpaddress(), addressIface, addresses, warn);
        List<String> evipIds = vipIds(i.virtualIpaddressExcluded(), addressIface, addresses, warn);
        Map<String, RoutePlan> routes = new LinkedHashMap<>();
        for (var vr : i.virtualRoutes()) {
            NetSpecs.route(uniqueId(String.join(" ", vr.words()), routes), vr, ipv6, warn)
                    .ifPresent(r -> routes.put(r.id(), r));
        }
        Map<String, RulePlan> rules = new LinkedHashMap<>();
        for (var vr : i.virtualRules()) {
            NetSpecs.rule(uniqueId(String.join(" ", vr.words()), rules), vr, ipv6, warn)
                    .ifPresent(r -> rules.put(r.id(), r));
        }

        List<InetAddress> advertised = new ArrayList<>();
        for (String id : vipIds) {
            InetAddress a = addresses.get(id).address();
            if ((a instanceof Inet6Address) == ipv6 && advertised.size() < 255) {
                advertised.add(a);
            }
        }
        IpFamily family = ipv6 ? IpFamily.IPV6 : IpFamily.IPV4;
        AddressList vipList = AddressList.of(family, advertised);
        Advertisement advert = advertisement(i, centis, vipList, warn);

        List<InetAddress> peers = i.unicastPeers().stream().map(UnicastPeer::address)
                .filter(a -> (a instanceof Inet6Address) == ipv6).toList();
        List<UnicastPeers.Peer> windows = i.unicastPeers().stream()
                .filter(p -> (p.address() instanceof Inet6Address) == ipv6)
                .map(p -> new UnicastPeers.Peer(p.address(), p.minTtl().orElse(0), p.maxTtl().orElse(255)))
                .toList();
        boolean unicast = !peers.isEmpty();
        ReceiveProfile profile = new ReceiveProfile(advert.version(), family, advert.authType(), advert.authData(),
                centis, unicast, vipList, UnicastPeers.of(family, windows), g.vrrpCheckUnicastSrc(),
                ChecksumMode.PSEUDO_HEADER, AddressMismatchPolicy.DROP, i.owner() && i.strict(),
                i.skipCheckAdvAddr() || g.vrrpSkipCheckAdvAddr());
        InetAddress group4or6 = i.mcastDstIp().orElseGet(() ->
                NetSpecs.literal(ipv6 ? g.vrrpMcastGroup6() : g.vrrpMcastGroup4()).orElseThrow());
        List<InetAddress> destinations = unicast ? peers : List.of(group4or6);

        RouterSpec router = new RouterSpec(i.name(), i.virtualRouterId(), i.version(), ipv6, i.priority(), centis,
                i.state() == VrrpState.MASTER, i.nopreempt(), i.preemptDelay().toNanos(), i.accept(), i.strict(),
                i.downTimerAdverts(), i.lowerPrioNoAdvert(), i.higherPrioSendAdvert(),
                i.timerExpiredBackup().map(OptionalInt::of).orElse(OptionalInt.empty()), i.owner() && i.strict(),
                garp(i, g, ipv6), vipIds, evipIds, List.copyOf(routes.keySet()), List.copyOf(rules.keySet()),
                trackers(i, group, config), notify(i.notifyScripts(), fifo), primary);
        return new InstancePlan(i.name(), router, profile, advert, iface, socketIface, addressIface, vmac, source,
                configured.isPresent(), destinations, unicast, unicast ? i.unicastTtl() : 255, addresses, routes,
                rules, !i.dontTrackPrimary(), i.splitBrain());
    }

    /**
     * Ids are the engine's only handle on VIPs, routes and rules, and it diffs them on reload: so an
     * id carries everything that makes the kernel object, and a changed detail makes a new id (the
     * old object goes, the new one comes). Repeated lines get a {@code #n} suffix.
     */
    private static String uniqueId(String base, Map<String, ?> taken) {
        String id = base;
        for (int n = 2; taken.containsKey(id); n++) {
            id = base + " #" + n;
        }
        return id;
    }

    /** The VIP's options beyond address and device, in a fixed order; empty for a plain address. */
    private static String details(VirtualIp v) {
        StringBuilder b = new StringBuilder();
        v.label().ifPresent(x -> b.append(" label ").append(x));
        v.brd().ifPresent(x -> b.append(" brd ").append(x));
        v.scope().ifPresent(x -> b.append(" scope ").append(x));
        v.peer().ifPresent(x -> b.append(" peer ").append(x));
        v.preferredLft().ifPresent(x -> b.append(" preferred_lft ").append(x));
        v.trackGroup().ifPresent(x -> b.append(" track_group ").append(x));
        for (var flag : new Object[][] {{v.noTrack(), "no_track"}, {v.home(), "home"}, {v.nodad(), "nodad"},
                {v.mngtmpaddr(), "mngtmpaddr"}, {v.noprefixroute(), "noprefixroute"}, {v.autojoin(), "autojoin"},
                {v.useVmac(), "use_vmac"}}) {
            if ((Boolean) flag[0]) {
                b.append(' ').append(flag[1]);
            }
        }
        return b.toString();
    }

    private static List<String> vipIds(List<VirtualIp> vips, String defaultIface,
                                       Map<String, VipPlan> into, java.util.function.Consumer<String> warn) {
        List<String> ids = new ArrayList<>();
        for (VirtualIp v : vips) {
            String ifname = v.dev().orElse(defaultIface);
            String id = uniqueId(v.address() + (ifname.equals(defaultIface) ? "" : " dev " + ifname) + details(v),
                    into);
            into.put(id, new VipPlan(id, ifname, v.address().address(), NetSpecs.address(v, warn), !v.noTrack()));
            ids.add(id);
        }
        return ids;
    }

    private static Advertisement advertisement(VrrpInstance i, int centis, AddressList vips,
                                               java.util.function.Consumer<String> warn) {
        if (i.version() == 3) {
            return Advertisement.v3(i.virtualRouterId(), i.priority(), centis, vips, ChecksumMode.PSEUDO_HEADER);
        }
        Optional<Authentication> auth = i.authentication();
        if (auth.isPresent() && auth.get().authType() == Authentication.AuthType.PASS) {
            return Advertisement.v2Pass(i.virtualRouterId(), i.priority(), centis / 100, auth.get().authPass(), vips);
        }
        if (auth.isPresent()) {
            warn.accept("(" + i.name() + ") authentication AH is not implemented; sending without authentication");
        }
        return new Advertisement(VrrpVersion.V2, IpFamily.IPV4, i.virtualRouterId(), i.priority(), centis,
                AuthType.NONE, 0, vips, ChecksumMode.PSEUDO_HEADER);
    }

    private static GarpSpec garp(VrrpInstance i, GlobalDefs g, boolean ipv6) {
        var c = i.garp();
        Duration interval = ipv6 ? g.vrrpGnaInterval() : g.vrrpGarpInterval();
        return new GarpSpec(c.masterDelay().toNanos(), c.masterRepeat(), c.masterRefresh().toNanos(),
                c.masterRefreshRepeat(), c.lowerPrioDelay().toNanos(), c.lowerPrioRepeat(), interval.toNanos());
    }

    private static List<TrackerSpec> trackers(VrrpInstance i, Optional<SyncGroup> group, Keepalived config) {
        Map<String, TrackerSpec> out = new LinkedHashMap<>();
        List<TrackRef> ifs = new ArrayList<>(i.trackInterface());
        List<TrackRef> scripts = new ArrayList<>(i.trackScript());
        List<TrackRef> files = new ArrayList<>(i.trackFile());
        List<TrackRef> procs = new ArrayList<>(i.trackProcess());
        group.ifPresent(gr -> {
            ifs.addAll(gr.trackInterface());
            scripts.addAll(gr.trackScript());
            files.addAll(gr.trackFile());
            procs.addAll(gr.trackProcess());
        });
        for (TrackRef r : ifs) {
            out.putIfAbsent(interfaceId(r.name()), new TrackerSpec(interfaceId(r.name()), TrackerSpec.Kind.INTERFACE,
                    r.weight().orElse(0), r.reverse(), TrackerStatus.UP));
        }
        for (TrackRef r : scripts) {
            Optional<VrrpScript> s = config.vrrpScripts().stream().filter(x -> x.name().equals(r.name())).findFirst();
            int weight = r.weight().orElse(s.map(VrrpScript::weight).orElse(0));
            boolean reverse = r.reverse() || s.map(VrrpScript::weightReverse).orElse(false);
            TrackerStatus initial = s.map(VrrpScript::initFail).orElse(false) ? TrackerStatus.DOWN : TrackerStatus.UNKNOWN;
            out.putIfAbsent(scriptId(r.name()), new TrackerSpec(scriptId(r.name()), TrackerSpec.Kind.SCRIPT,
                    clamp(weight), reverse, initial));
        }
        for (TrackRef r : files) {
            var f = config.trackFiles().stream().filter(x -> x.name().equals(r.name())).findFirst();
            int weight = r.weight().orElse(f.map(x -> x.weight()).orElse(1));
            boolean reverse = r.reverse() || f.map(x -> x.weightReverse()).orElse(false);
            out.putIfAbsent(fileId(r.name()), new TrackerSpec(fileId(r.name()), TrackerSpec.Kind.FILE, clamp(weight),
                    reverse, TrackerStatus.UP));
        }
        for (TrackRef r : procs) {
            var p = config.trackProcesses().stream().filter(x -> x.name().equals(r.name())).findFirst();
            int weight = r.weight().orElse(p.map(x -> x.weight()).orElse(0));
            boolean reverse = r.reverse() || p.map(x -> x.weightReverse()).orElse(false);
            out.putIfAbsent(processId(r.name()), new TrackerSpec(processId(r.name()), TrackerSpec.Kind.PROCESS,
                    clamp(weight), reverse, TrackerStatus.UNKNOWN));
        }
        return List.copyOf(out.values());
    }

    private static int clamp(int weight) {
        return Math.max(-254, Math.min(254, weight));
    }

    static NotifySpec notify(Notify n, boolean fifo) {
        return new NotifySpec(n.master().map(Script::argv), n.backup().map(Script::argv), n.fault().map(Script::argv),
                n.stop().map(Script::argv), n.deleted().map(Script::argv), n.any().map(Script::argv),
                n.masterRxLowerPri().map(Script::argv), fifo, n.priorityChanges(), n.deleted().isPresent());
    }
}
