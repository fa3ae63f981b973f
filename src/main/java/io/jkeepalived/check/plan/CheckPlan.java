package io.jkeepalived.check.plan;

import io.jkeepalived.config.model.Checker;
import io.jkeepalived.config.model.GlobalDefs;
import io.jkeepalived.config.model.IpText;
import io.jkeepalived.config.model.Keepalived;
import io.jkeepalived.config.model.LvsTunnel;
import io.jkeepalived.config.model.RealServer;
import io.jkeepalived.config.model.VirtualServer;
import io.jkeepalived.config.model.VirtualServerGroup;
import io.jkeepalived.lvs.ForwardMethod;
import io.jkeepalived.lvs.Service;
import io.jkeepalived.lvs.ServiceFlags;
import io.jkeepalived.lvs.ServiceKey;
import io.jkeepalived.lvs.Tunnel;
import io.jkeepalived.notify.LvsService;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The checker half's view of the configuration: virtual servers with their kernel services,
 * real servers and fully resolved checkers. Built once per (re)load; the engine consumes it.
 *
 * @param problems what could not be planned (unknown group, duplicate service, ...): each names
 *                 what was skipped; the rest still runs
 */
public record CheckPlan(List<VirtualServerSpec> virtualServers, List<String> problems) {
    public CheckPlan {
        virtualServers = List.copyOf(virtualServers);
        problems = List.copyOf(problems);
    }

    public static CheckPlan of(Keepalived config) {
        return of(config.virtualServers(), config.virtualServerGroups(), config.globalDefs());
    }

    public static CheckPlan of(List<VirtualServer> servers, List<VirtualServerGroup> groups, GlobalDefs global) {
        Map<String, VirtualServerGroup> byName = groups.stream()
                .collect(Collectors.toMap(VirtualServerGroup::name, Function.identity(), (a, b) -> a));
        List<String> problems = new ArrayList<>();
        List<VirtualServerSpec> out = new ArrayList<>();
        Set<ServiceKey> taken = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (VirtualServer vs : servers) {
            plan(vs, byName, global, problems).ifPresent(spec -> {
                List<ServiceKey> keys = spec.services().stream().map(Service::key).toList();
                if (!names.add(spec.name()) || keys.stream().anyMatch(taken::contains)) {
                    problems.add("virtual server " + spec.name() + " duplicates another one's service; skipped");
                } else {
                    taken.addAll(keys);
                    out.add(spec);
                }
            });
        }
        return new CheckPlan(out, problems);
    }

    private static Optional<VirtualServerSpec> plan(VirtualServer vs, Map<String, VirtualServerGroup> groups,
                                                    GlobalDefs global, List<String> problems) {
        ServiceKey.Protocol proto = ServiceKey.Protocol.valueOf(vs.protocol());
        String lower = proto.lower();
        List<ServiceKey> keys;
        LvsService fifo;
        String name;
        if (vs.ip().isPresent()) {
            keys = List.of(new ServiceKey.Addr(proto, vs.ip().get(), vs.port().orElse(0)));
            fifo = new LvsService.Endpoint(IpText.of(vs.ip().get()), lower, vs.port().orElse(0));
            name = fifo.format();
        } else if (vs.fwmark().isPresent()) {
            boolean v6 = vs.ipFamily().map("inet6"::equals).orElseGet(() -> !vs.realServers().isEmpty()
                    && vs.realServers().stream().allMatch(r -> r.ip() instanceof Inet6Address));
            keys = List.of(new ServiceKey.Fwmark(vs.fwmark().get(), v6));
            fifo = new LvsService.Fwmark(vs.fwmark().get());
            name = fifo.format();
        } else {
            String g = vs.group().orElse("");
            VirtualServerGroup group = groups.get(g);
            if (group == null) {
                problems.add("virtual_server group " + g + ": no such virtual_server_group; skipped");
                return Optional.empty();
            }
            keys = GroupRanges.expand(group, proto, problems);
            fifo = new LvsService.Group(g, 0);
            name = fifo.format() + ":" + lower;
        }
        Optional<Long> persistence = vs.persistenceTimeout().map(java.time.Duration::toSeconds);
        ServiceFlags flags = flags(vs);
        List<Service> services = new ArrayList<>();
        for (ServiceKey k : keys) {
            boolean v6 = k instanceof ServiceKey.Addr a ? a.vip() instanceof Inet6Address : ((ServiceKey.Fwmark) k).inet6();
            Optional<String> granularity = Optional.empty();
            if (vs.persistenceGranularity().isPresent()) {
                String g = vs.persistenceGranularity().get();
                Optional<Optional<String>> canonical = Granularity.canonical(g, v6);
                if (canonical.isEmpty()) {
                    problems.add("virtual server " + name + ": persistence_granularity " + g + " is not "
                            + (v6 ? "an IPv6 prefix length (1-128)" : "an IPv4 netmask") + "; ignored");
                }
                granularity = canonical.flatMap(o -> o);
            }
            services.add(new Service(k, vs.lbAlgo(), persistence, granularity, flags, vs.persistenceEngine()));
        }
        ForwardMethod method = ForwardMethod.of(vs.lbKind());
        Tunnel tunnel = vs.tunnel().map(CheckPlan::tunnel).orElse(Tunnel.DEFAULT);
        Optional<SorrySpec> sorry = vs.sorryServer().map(s -> new SorrySpec(s.ip(), s.port(),
                vs.sorryServerLvsMethod().map(ForwardMethod::of).orElse(method), vs.sorryServerInhibit()));
        Optional<InetAddress> haOn = vs.haSuspend() ? vs.ip() : Optional.empty();
        if (vs.haSuspend() && vs.ip().isEmpty()) {
            problems.add("virtual server " + name + ": ha_suspend needs an address; ignored");
        }
        boolean smtp = vs.smtpAlert().or(global::smtpAlertChecker).or(global::smtpAlert).orElse(false);
        // a real server's smtp_alert, else the global defaults: the latter once per virtual server
        boolean realSmtp = global.smtpAlertChecker().or(global::smtpAlert).orElse(true);
        List<RealServerSpec> reals = new ArrayList<>(vs.realServers().size());
        Set<RealServerSpec.Id> seen = HashSet.newHashSet(vs.realServers().size());
        for (RealServer rs : vs.realServers()) {
            RealServerSpec spec = realServer(rs, vs, method, tunnel, realSmtp, name, problems);
            if (seen.add(spec.id())) reals.add(spec);
            else problems.add("virtual server " + name + ": real server " + spec.id() + " listed twice; skipped");
        }
        return Optional.of(new VirtualServerSpec(name, fifo, services, vs.quorum(), vs.hysteresis(), vs.quorumUp(),
                vs.quorumDown(), sorry, haOn, vs.omega(), smtp, lower, reals));
    }

    /** {@code a} if present, else {@code b}: Optional.or without a lambda, for every checker of every reload. */
    private static <T> Optional<T> first(Optional<T> a, Optional<T> b) {
        return a.isPresent() ? a : b;
    }

    /** The keyword flags as the kernel's bits: sh-/mh-fallback are scheduler flag 1, sh-/mh-port flag 2. */
    private static ServiceFlags flags(VirtualServer vs) {
        List<String> f = vs.schedulerFlags();
        return new ServiceFlags(vs.ops(),
                f.contains("flag-1") || f.contains("sh-fallback") || f.contains("mh-fallback"),
                f.contains("flag-2") || f.contains("sh-port") || f.contains("mh-port"),
                f.contains("flag-3"));
    }

    static Tunnel tunnel(LvsTunnel t) {
        return new Tunnel(Tunnel.Type.valueOf(t.type().toUpperCase(Locale.ROOT)), t.port(),
                Tunnel.Checksum.valueOf(t.checksum().toUpperCase(Locale.ROOT)));
    }

    private static RealServerSpec realServer(RealServer rs, VirtualServer vs, ForwardMethod vsMethod, Tunnel vsTunnel,
                                             boolean smtpDefault, String vsName, List<String> problems) {
        List<CheckerSpec> checkers = rs.checkers().isEmpty() ? List.of() : new ArrayList<>();
        for (Checker c : rs.checkers()) {
            Optional<InetAddress> ip = c.common().connectIp().map(Targets::literal).orElse(Optional.of(rs.ip()));
            if (ip.isEmpty()) {
                problems.add(vsName + ": " + c.type() + " connect_ip " + c.common().connectIp().get()
                        + " is not an address; checker skipped");
                continue;
            }
            int port = first(first(c.common().connectPort(), rs.port()), vs.port()).orElse(0);
            Optional<String> vhost = c instanceof Checker.HttpGet h
                    ? first(first(h.virtualhost(), rs.virtualhost()), vs.virtualhost()) : Optional.empty();
            Timing t = Timing.resolve(c, rs, vs);
            checkers.add(new CheckerSpec(DedupKey.of(c, ip.get(), port, vhost, t), c, ip.get(), port, vhost, t));
        }
        boolean smtp = rs.smtpAlert().orElse(smtpDefault);
        ForwardMethod method = rs.lvsMethod().map(m -> ForwardMethod.of(m.toUpperCase(Locale.ROOT))).orElse(vsMethod);
        // its own lvs_method replaces the virtual server's whole, tunnel options included
        Tunnel tunnel = method != ForwardMethod.TUN ? Tunnel.DEFAULT : rs.lvsMethod().isPresent()
                ? rs.tunnel().map(CheckPlan::tunnel).orElse(Tunnel.DEFAULT) : vsTunnel;
        return new RealServerSpec(rs.ip(), rs.port(), rs.weight(), method, tunnel, rs.inhibitOnFailure() || vs.inhibitOnFailure(),
                rs.notifyUp(), rs.notifyDown(), rs.uthreshold().orElse(0L), rs.lthreshold().orElse(0L), smtp,
                rs.alpha().orElse(vs.alpha()), checkers);
    }
}
