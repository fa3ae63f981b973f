package io.jkeepalived.lvs.ipvs;

import io.jkeepalived.check.plan.CheckPlan;
import io.jkeepalived.check.plan.RealServerSpec;
import io.jkeepalived.check.plan.VirtualServerSpec;
import io.jkeepalived.config.ConfigLoader;
import io.jkeepalived.config.LoadResult;
import io.jkeepalived.config.lex.ReaderOptions;
import io.jkeepalived.lvs.Destination;
import io.jkeepalived.lvs.ForwardMethod;
import io.jkeepalived.lvs.KernelDump;
import io.jkeepalived.lvs.LbOp;
import io.jkeepalived.lvs.LbResult;
import io.jkeepalived.lvs.Service;
import io.jkeepalived.lvs.ServiceEntry;
import io.jkeepalived.lvs.ServiceFlags;
import io.jkeepalived.lvs.ServiceKey;
import io.jkeepalived.lvs.TableDiff;
import io.jkeepalived.lvs.Tunnel;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Runs inside the IPVS guest (src/test/vm/ipvs-vm), started by {@link IpvsGuestSystemTest}: drives
 * {@link IpvsBackend} against the guest's real IPVS and prints, per step, a {@code === NAME}
 * line followed by what the step shows (results, {@code ipvsadm -Ln}, the dump rendered the same
 * way). The host test compares the sections with expected text.
 *
 * <pre>
 * IpvsGuestDriver scenario          the backend's own scenario
 * IpvsGuestDriver config FILE       program FILE's table (every real server alive), print ipvsadm -Ln
 * </pre>
 */
public final class IpvsGuestDriver {

    private final IpvsBackend ipvs;

    private IpvsGuestDriver(IpvsBackend ipvs) {
        this.ipvs = ipvs;
    }

    public static void main(String[] args) throws Exception {
        IpvsBackend backend = switch (IpvsBackend.open()) {
            case IpvsBackend.Opening.Opened o -> o.backend();
            case IpvsBackend.Opening.Unavailable u -> {
                System.out.println("=== open\nunavailable: " + u.reason());
                System.exit(3);
                throw new AssertionError();
            }
        };
        try (backend) {
            var d = new IpvsGuestDriver(backend);
            switch (args[0]) {
                case "scenario" -> d.scenario();
                case "config" -> d.config(Path.of(args[1]));
                default -> throw new IllegalArgumentException(args[0]);
            }
        }
        System.out.flush();
    }

    static InetAddress ip(String s) {
        return InetAddress.ofLiteral(s);
    }

    static ServiceKey tcp(String ip, int port) {
        return new ServiceKey.Addr(ServiceKey.Protocol.TCP, ip(ip), port);
    }

    static ServiceKey udp(String ip, int port) {
        return new ServiceKey.Addr(ServiceKey.Protocol.UDP, ip(ip), port);
    }

    static Destination dest(String ip, int port, long w, ForwardMethod m) {
        return new Destination(ip(ip), port, w, m, 0, 0);
    }

    /** An insertion-ordered table being built. */
    static final class Table {
        final Map<ServiceKey, ServiceEntry> map = new LinkedHashMap<>();

        Table put(Service s, Destination... ds) {
            Map<Destination.Key, Destination> m = new LinkedHashMap<>();
            for (Destination d : ds) m.put(d.key(), d);
            map.put(s.key(), new ServiceEntry(s, m));
            return this;
        }

        Table copy() {
            Table t = new Table();
            t.map.putAll(map);
            return t;
        }

        Table withDest(ServiceKey k, Destination d) {
            ServiceEntry e = map.get(k);
            Map<Destination.Key, Destination> m = new LinkedHashMap<>(e.destinations());
            m.put(d.key(), d);
            map.put(k, new ServiceEntry(e.service(), m));
            return this;
        }

        Table withoutDest(ServiceKey k, Destination.Key d) {
            ServiceEntry e = map.get(k);
            Map<Destination.Key, Destination> m = new LinkedHashMap<>(e.destinations());
            m.remove(d);
            map.put(k, new ServiceEntry(e.service(), m));
            return this;
        }

        Table withService(Service s) {
            map.put(s.key(), new ServiceEntry(s, map.get(s.key()).destinations()));
            return this;
        }
    }

    void scenario() throws Exception {
        section("empty");
        ipvsadm("-Ln");

        ServiceKey web = tcp("198.18.5.10", 80);
        ServiceKey dns = udp("198.18.5.10", 53);
        ServiceKey fwm7 = new ServiceKey.Fwmark(7, false);
        ServiceKey web6 = tcp("2001:db8::10", 443);
        ServiceKey sip6 = udp("2001:db8::10", 5060);
        ServiceKey anyPort = tcp("198.18.5.20", 0);
        ServiceKey sctp = new ServiceKey.Addr(ServiceKey.Protocol.SCTP, ip("198.18.5.21"), 9);
        ServiceKey fwm8v6 = new ServiceKey.Fwmark(8, true);
        Tunnel gue = new Tunnel(Tunnel.Type.GUE, 6080, Tunnel.Checksum.CSUM);
        Tunnel gre = new Tunnel(Tunnel.Type.GRE, 0, Tunnel.Checksum.NOCSUM);
        Table t1 = new Table()
                .put(new Service(web, "wrr", Optional.empty(), Optional.empty()),
                        dest("198.18.6.1", 8080, 3, ForwardMethod.NAT),
                        new Destination(ip("198.18.6.2"), 8080, 1, ForwardMethod.NAT, 100, 20))
                .put(new Service(dns, "rr", Optional.empty(), Optional.empty(), new ServiceFlags(true, false, false, false),
                        Optional.empty()), dest("198.18.6.1", 53, 1, ForwardMethod.DR))
                .put(new Service(fwm7, "sh", Optional.empty(), Optional.empty(), new ServiceFlags(false, true, true, false),
                        Optional.empty()),
                        dest("198.18.6.3", 0, 1, ForwardMethod.TUN),
                        new Destination(ip("198.18.6.4"), 0, 2, ForwardMethod.TUN, 0, 0, gue),
                        new Destination(ip("198.18.6.5"), 0, 1, ForwardMethod.TUN, 0, 0, gre))
                .put(new Service(web6, "rr", Optional.of(300L), Optional.of("64")), dest("2001:db8:1::1", 443, 1, ForwardMethod.NAT))
                .put(new Service(sip6, "rr", Optional.of(60L), Optional.empty(), ServiceFlags.NONE, Optional.of("sip")),
                        dest("2001:db8:1::2", 5060, 1, ForwardMethod.DR))
                .put(new Service(anyPort, "lc", Optional.of(600L), Optional.of("255.255.255.0")),
                        dest("198.18.6.6", 0, 1, ForwardMethod.DR))
                .put(new Service(sctp, "mh", Optional.empty(), Optional.empty(), new ServiceFlags(false, false, true, false),
                        Optional.empty()), dest("198.18.6.7", 9, 1, ForwardMethod.NAT))
                .put(new Service(fwm8v6, "wrr", Optional.empty(), Optional.empty()), dest("2001:db8:1::3", 0, 1, ForwardMethod.DR));
        step("add", Map.of(), t1.map);
        ipvsadm("-Ln", "--tun-info");
        ipvsadm("-Ln", "--thresholds");

        Table t2 = t1.copy()
                .withDest(web, dest("198.18.6.1", 8080, 5, ForwardMethod.NAT))
                .withService(new Service(web, "lc", Optional.empty(), Optional.empty()))
                .withDest(fwm7, new Destination(ip("198.18.6.4"), 0, 2, ForwardMethod.TUN, 0, 0,
                        new Tunnel(Tunnel.Type.GUE, 6081, Tunnel.Checksum.REMCSUM)))
                .withDest(dns, dest("198.18.6.1", 53, 1, ForwardMethod.TUN));
        step("edit", t1.map, t2.map);
        ipvsadm("-Ln", "--tun-info");

        Table t3 = t2.copy().withoutDest(web, new Destination.Key(ip("198.18.6.2"), 8080));
        step("remove-dest", t2.map, t3.map);

        Table t4 = t3.copy();
        t4.map.remove(dns);
        step("remove-service", t3.map, t4.map);

        section("foreign");
        shell("ipvsadm -A -t 198.18.5.30:80 -s rr");
        ServiceKey foreign = tcp("198.18.5.30", 80);
        ServiceKey next = tcp("198.18.5.31", 80);
        results(ipvs.applyAll(List.of(
                new LbOp.AddService(new Service(foreign, "wrr", Optional.empty(), Optional.empty())),
                new LbOp.AddDestination(foreign, dest("198.18.6.8", 80, 1, ForwardMethod.NAT)),
                new LbOp.AddService(new Service(next, "wrr", Optional.empty(), Optional.empty())),
                new LbOp.AddDestination(next, dest("198.18.6.9", 80, 1, ForwardMethod.NAT)))));
        ipvsadm("-Ln");

        section("missing-scheduler");
        ServiceKey twos = tcp("198.18.5.40", 80);
        results(ipvs.applyAll(List.of(
                new LbOp.AddService(new Service(twos, "twos", Optional.empty(), Optional.empty())),
                new LbOp.AddDestination(twos, dest("198.18.6.10", 80, 1, ForwardMethod.NAT)),
                new LbOp.EditDestination(next, dest("198.18.6.9", 80, 4, ForwardMethod.NAT)))));
        ipvsadm("-Ln");

        section("errors");
        results(ipvs.applyAll(List.of(
                new LbOp.RemoveService(tcp("198.18.5.99", 80)),
                new LbOp.AddDestination(next, dest("198.18.6.9", 80, 1, ForwardMethod.NAT)),
                new LbOp.RemoveDestination(next, new Destination.Key(ip("198.18.6.99"), 80)),
                new LbOp.EditService(new Service(tcp("198.18.5.98", 80), "rr", Optional.empty(), Optional.empty())))));

        section("dump");
        KernelDump dump = ipvs.dump();
        switch (dump) {
            case KernelDump.Read r -> {
                String mine = IpvsadmText.render(r.table());
                String theirs = capture("-Ln");
                System.out.print(mine);
                System.out.println("dump equals ipvsadm -Ln: " + mine.equals(theirs));
                Map<ServiceKey, ServiceEntry> expected = new LinkedHashMap<>(t4.map);
                Map<ServiceKey, ServiceEntry> ours = new LinkedHashMap<>(r.table());
                ours.keySet().retainAll(expected.keySet());
                System.out.println("dump holds the programmed table: " + ours.equals(expected));
                System.out.println("diff from the dump to the programmed table: " + TableDiff.between(ours, expected));
            }
            case KernelDump.Unreadable u -> System.out.println("unreadable: " + u.reason());
        }

        section("config");
        System.out.println("timeouts " + ipvs.setTimeouts(new IpvsTimeouts(7200, 120, 300)));
        ipvsadm("-L", "--timeout");
        shell("ip link add jkipvs0 type veth peer name jkipvs1 && ip link set jkipvs0 up && ip link set jkipvs1 up");
        System.out.println("daemon " + ipvs.startSyncDaemon(new SyncDaemon(SyncDaemon.Role.MASTER, "jkipvs0", 5,
                OptionalInt.empty(), Optional.empty(), OptionalInt.empty(), OptionalInt.empty())));
        ipvsadm("-L", "--daemon");
        System.out.println("daemon stop " + ipvs.stopSyncDaemon(SyncDaemon.Role.MASTER));
        ipvsadm("-L", "--daemon");

        section("flush");
        System.out.println("flush " + ipvs.flush());
        ipvsadm("-Ln");
        System.out.println("dump " + ipvs.dump());
        System.out.println("sendmsg calls " + ipvs.datagramsSent());
    }

    private void step(String name, Map<ServiceKey, ServiceEntry> from, Map<ServiceKey, ServiceEntry> to) throws Exception {
        section(name);
        results(ipvs.applyAll(TableDiff.between(from, to)));
        ipvsadm("-Ln");
        if (ipvs.dump() instanceof KernelDump.Read r) {
            System.out.println("dump equals the table: " + r.table().equals(to));
        }
    }

    void config(Path file) throws Exception {
        LoadResult r = ConfigLoader.load(file, new ReaderOptions("guest", Map.of(), false));
        Map<ServiceKey, ServiceEntry> table = tableOf(CheckPlan.of(r.config().orElseThrow()));
        section("j-keepalived");
        List<LbResult> res = ipvs.applyAll(TableDiff.between(Map.of(), table));
        if (res.stream().anyMatch(x -> !(x instanceof LbResult.Done))) results(res);
        ipvsadm("-Ln");
        ipvsadm("-Ln", "--tun-info");
        ipvsadm("-Ln", "--thresholds");
    }

    /** The table of a plan with every real server alive and no sorry server in. */
    static Map<ServiceKey, ServiceEntry> tableOf(CheckPlan plan) {
        Map<ServiceKey, ServiceEntry> out = new LinkedHashMap<>();
        for (VirtualServerSpec vs : plan.virtualServers()) {
            for (Service s : vs.services()) {
                int port = s.key() instanceof ServiceKey.Addr a ? a.port() : 0;
                Map<Destination.Key, Destination> ds = new LinkedHashMap<>();
                for (RealServerSpec rs : vs.realServers()) {
                    Destination d = new Destination(rs.ip(), rs.port().orElse(port), rs.weight(), rs.method(),
                            rs.uthreshold(), rs.lthreshold(), rs.tunnel());
                    ds.put(d.key(), d);
                }
                out.put(s.key(), new ServiceEntry(s, ds));
            }
        }
        return out;
    }

    private static void section(String name) {
        System.out.println("=== " + name);
    }

    private static void results(List<LbResult> results) {
        List<String> lines = new ArrayList<>();
        for (LbResult r : results) {
            lines.add(switch (r) {
                case LbResult.Done d -> "done";
                case LbResult.Failed f -> "failed: " + f.reason();
            });
        }
        System.out.println("results " + String.join(" | ", lines));
    }

    static void ipvsadm(String... args) throws IOException, InterruptedException {
        System.out.print(capture(args));
    }

    static String capture(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Files.exists(Path.of("/usr/sbin/ipvsadm")) ? "/usr/sbin/ipvsadm" : "ipvsadm");
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    static void shell(String command) throws IOException, InterruptedException {
        System.out.print(run(List.of("/bin/sh", "-c", command)));
    }

    private static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        return rc == 0 ? out : out + "(exit " + rc + ")\n";
    }
}
