package io.jkeepalived.lvs.nft;

import io.jkeepalived.config.model.IpText;
import io.jkeepalived.lvs.Destination;
import io.jkeepalived.lvs.Service;
import io.jkeepalived.lvs.ServiceEntry;
import io.jkeepalived.lvs.ServiceKey;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The nft commands (text) that build and change our table, {@code table inet jkeepalived}; pure.
 *
 * <p>Layout: base chains {@code prerouting} and {@code output} (nat, dstnat priority) jump to
 * {@code dispatch}, which looks the packet up in verdict maps (fwmark, then VIP+protocol+port, then
 * VIP+protocol for port-0 services) and goes to the service's chain {@code svc_<id>}. That chain DNATs
 * new connections by a slot table ({@link Slots}); conntrack keeps established ones where they are.
 * A persistent service adds, per destination, a dynamic set {@code p_<id>-<dest>} of client addresses
 * (with timeout) and a chain {@code svc_<id>-<dest>} that refreshes the client's entry and DNATs; the
 * service chain first sends known clients to their destination's chain. The map {@code dst_<id>}
 * (destination address.port : weight, commented with the {@link ServiceTag}) is not on the packet
 * path: it is what {@link NftDump} reads back.
 *
 * <p>{@link #change} rewrites one service whole (flush and re-add) and keeps its persistence sets
 * unless the persistence settings changed; callers put the changes of a batch in one buffer, which
 * libnftables commits as one transaction.
 */
final class NftCommands {
    private NftCommands() {}

    static final String TABLE = "inet jkeepalived";

    /** Fixed so that a rebuilt rule hashes a client to the same slot (nft picks a random seed otherwise). */
    static final String SEED = "0x6a6b6c76";

    /** The table, its base chains and dispatch maps: idempotent, keeps every service that is there. */
    static String bootstrap() {
        String t = TABLE;
        return String.join("\n",
                "add table " + t,
                "add map " + t + " fwm4 { type mark : verdict; }",
                "add map " + t + " fwm6 { type mark : verdict; }",
                "add map " + t + " svc4 { type ipv4_addr . inet_proto . inet_service : verdict; }",
                "add map " + t + " svc6 { type ipv6_addr . inet_proto . inet_service : verdict; }",
                "add map " + t + " any4 { type ipv4_addr . inet_proto : verdict; }",
                "add map " + t + " any6 { type ipv6_addr . inet_proto : verdict; }",
                "add chain " + t + " dispatch",
                "flush chain " + t + " dispatch",
                // Only new connections are scheduled (conntrack keeps the others where they are). The ct
                // expression also holds the namespace's conntrack: without one, a table whose services
                // have no live destination (no dnat left) would switch connection tracking, hence NAT, off.
                "add rule " + t + " dispatch ct state != new return",
                "add rule " + t + " dispatch meta nfproto ipv4 meta mark vmap @fwm4",
                "add rule " + t + " dispatch meta nfproto ipv6 meta mark vmap @fwm6",
                "add rule " + t + " dispatch ip daddr . meta l4proto . th dport vmap @svc4",
                "add rule " + t + " dispatch ip6 daddr . meta l4proto . th dport vmap @svc6",
                "add rule " + t + " dispatch ip daddr . meta l4proto vmap @any4",
                "add rule " + t + " dispatch ip6 daddr . meta l4proto vmap @any6",
                "add chain " + t + " prerouting { type nat hook prerouting priority dstnat; policy accept; }",
                "flush chain " + t + " prerouting",
                "add rule " + t + " prerouting jump dispatch",
                "add chain " + t + " output { type nat hook output priority -100; policy accept; }",
                "flush chain " + t + " output",
                "add rule " + t + " output jump dispatch",
                "");
    }

    /** Moves one service from {@code before} to {@code after} (either may be absent; same key). */
    static String change(Optional<ServiceEntry> before, Optional<ServiceEntry> after) {
        List<String> out = new ArrayList<>();
        if (after.isEmpty()) {
            before.ifPresent(b -> remove(b, out));
        } else {
            replace(before, after.get(), out);
        }
        return out.isEmpty() ? "" : String.join("\n", out) + "\n";
    }

    private static void remove(ServiceEntry b, List<String> out) {
        ServiceKey k = b.service().key();
        String id = id(k);
        out.add("delete element " + TABLE + " " + dispatchMap(k) + " { " + dispatchKey(k) + " }");
        out.add("flush chain " + TABLE + " svc_" + id);
        if (persistent(b.service())) {
            for (Destination.Key d : b.destinations().keySet()) out.add("delete chain " + TABLE + " " + destChain(id, d));
        }
        out.add("delete chain " + TABLE + " svc_" + id);
        if (persistent(b.service())) {
            for (Destination.Key d : b.destinations().keySet()) out.add("delete set " + TABLE + " " + persistSet(id, d));
        }
        out.add("delete map " + TABLE + " dst_" + id);
    }

    private static void replace(Optional<ServiceEntry> before, ServiceEntry a, List<String> out) {
        Service s = a.service();
        ServiceKey k = s.key();
        String id = id(k);
        String svc = "svc_" + id;
        boolean v6 = inet6(k);

        // 1. Old rules out, so that nothing references what goes.
        boolean persistBefore = before.map(b -> persistent(b.service())).orElse(false);
        boolean sameSets = persistBefore && persistent(s) && before.get().service().persistenceSeconds().equals(s.persistenceSeconds())
                && before.get().service().granularity().equals(s.granularity());
        List<Destination.Key> keptSets = new ArrayList<>();
        if (before.isPresent()) {
            out.add("flush chain " + TABLE + " " + svc);
            out.add("delete map " + TABLE + " dst_" + id);
            if (persistBefore) {
                for (Destination.Key d : before.get().destinations().keySet()) {
                    if (sameSets && a.destinations().containsKey(d)) {
                        out.add("flush chain " + TABLE + " " + destChain(id, d));
                        keptSets.add(d);
                    } else {
                        out.add("delete chain " + TABLE + " " + destChain(id, d));
                        out.add("delete set " + TABLE + " " + persistSet(id, d));
                    }
                }
            }
        } else {
            out.add("add chain " + TABLE + " " + svc);
        }

        // 2. The destination map: what a dump reads back.
        StringBuilder map = new StringBuilder("add map " + TABLE + " dst_" + id + " { type " + addrType(v6)
                + " . inet_service : mark; comment \"" + ServiceTag.of(s) + "\";");
        if (!a.destinations().isEmpty()) {
            map.append(" elements = { ");
            String sep = "";
            for (Destination d : a.destinations().values()) {
                map.append(sep).append(IpText.of(d.ip())).append(" . ").append(d.port()).append(" : ").append(d.weight());
                sep = ", ";
            }
            map.append(" }");
        }
        out.add(map.append(" }").toString());

        // 3. The rules.
        List<Destination> dests = ordered(a);
        List<Integer> slots = slots(s, dests);
        String target = dnatTarget(k, dests);
        if (persistent(s)) {
            String client = clientKey(s);
            for (Destination d : dests) {
                String set = persistSet(id, d.key());
                String chain = destChain(id, d.key());
                if (!keptSets.contains(d.key())) {
                    out.add("add set " + TABLE + " " + set + " { type " + (v6 ? "ipv6_addr" : "ipv4_addr")
                            + "; flags dynamic,timeout; timeout " + s.persistenceSeconds().orElseThrow() + "s; }");
                    out.add("add chain " + TABLE + " " + chain);
                }
                out.add("add rule " + TABLE + " " + chain + " update @" + set + " { " + client + " } "
                        + guard(k, dests) + "dnat " + family(v6) + " to " + destination(k, d, target));
            }
            for (Destination d : dests) {
                out.add("add rule " + TABLE + " " + svc + " " + client + " @" + persistSet(id, d.key())
                        + " goto " + destChain(id, d.key()));
            }
            if (slots.isEmpty()) {
                out.add("add rule " + TABLE + " " + svc + " drop");
            } else {
                StringBuilder vmap = new StringBuilder("add rule " + TABLE + " " + svc + " " + picker(s, slots.size()) + " vmap { ");
                for (int i = 0; i < slots.size(); i++) {
                    vmap.append(i == 0 ? "" : ", ").append(i).append(" : goto ").append(destChain(id, dests.get(slots.get(i)).key()));
                }
                out.add(vmap.append(" }").toString());
            }
        } else if (slots.isEmpty()) {
            out.add("add rule " + TABLE + " " + svc + " drop");
        } else {
            StringBuilder rule = new StringBuilder("add rule " + TABLE + " " + svc + " " + guard(k, dests) + "dnat "
                    + family(v6) + (target.equals("addr") ? "" : " addr . port") + " to " + picker(s, slots.size()) + " map { ");
            for (int i = 0; i < slots.size(); i++) {
                Destination d = dests.get(slots.get(i));
                rule.append(i == 0 ? "" : ", ").append(i).append(" : ").append(IpText.of(d.ip()));
                if (!target.equals("addr")) rule.append(" . ").append(port(k, d));
            }
            out.add(rule.append(" }").toString());
        }

        // 4. Reachable from the dispatch maps.
        if (before.isEmpty()) {
            out.add("add element " + TABLE + " " + dispatchMap(k) + " { " + dispatchKey(k) + " : goto " + svc + " }");
        }
    }

    /**
     * Destinations by address and port, so that the rules depend on the set of destinations only, not on
     * the order they were added in or the kernel listed them (a rebuilt service hashes clients as before).
     */
    private static List<Destination> ordered(ServiceEntry a) {
        List<Destination> ds = new ArrayList<>(a.destinations().values());
        ds.sort(Comparator.comparing((Destination d) -> d.ip().getAddress(), java.util.Arrays::compareUnsigned)
                .thenComparingInt(Destination::port));
        return ds;
    }

    static List<Integer> slots(Service s, List<Destination> dests) {
        List<Long> w = dests.stream().map(Destination::weight).toList();
        return switch (s.scheduler()) {
            case "rr" -> Slots.roundRobin(w);
            case "mh" -> Slots.maglev(dests.stream().map(Destination::key).toList(), w, Slots.MAGLEV);
            default -> Slots.weighted(w); // wrr, sh
        };
    }

    /** The slot picker: a counter for rr/wrr, a hash of the client (and its port with flag 2) for sh/mh. */
    private static String picker(Service s, int n) {
        boolean v6 = inet6(s.key());
        return switch (s.scheduler()) {
            case "rr", "wrr" -> "numgen inc mod " + n;
            default -> "jhash " + family(v6) + " saddr" + (s.flags().sched2() ? " . th sport" : "") + " mod " + n + " seed " + SEED;
        };
    }

    /** "addr" when every destination keeps the client's port (port 0 on a fwmark or port-0 service), else "addr.port". */
    private static String dnatTarget(ServiceKey k, List<Destination> dests) {
        boolean anyPort = switch (k) {
            case ServiceKey.Addr a -> a.port() == 0;
            case ServiceKey.Fwmark f -> true;
        };
        return anyPort && dests.stream().allMatch(d -> d.port() == 0) ? "addr" : "addr.port";
    }

    /** nft maps a port only after a transport protocol match. */
    private static String guard(ServiceKey k, List<Destination> dests) {
        if (dnatTarget(k, dests).equals("addr")) return "";
        return switch (k) {
            case ServiceKey.Addr a -> "meta l4proto " + a.protocol().lower() + " ";
            case ServiceKey.Fwmark f -> "meta l4proto { tcp, udp, sctp } ";
        };
    }

    private static int port(ServiceKey k, Destination d) {
        if (d.port() != 0) return d.port();
        return k instanceof ServiceKey.Addr a ? a.port() : 0;
    }

    private static String destination(ServiceKey k, Destination d, String target) {
        String ip = IpText.of(d.ip());
        if (target.equals("addr")) return ip;
        return (d.ip() instanceof Inet6Address ? "[" + ip + "]" : ip) + ":" + port(k, d);
    }

    /** What persistence remembers of a client: its address, masked by {@code persistence_granularity}. */
    static String clientKey(Service s) {
        boolean v6 = inet6(s.key());
        String saddr = family(v6) + " saddr";
        Optional<String> mask = s.granularity().flatMap(g -> mask(g, v6));
        return mask.map(m -> saddr + " & " + m).orElse(saddr);
    }

    private static Optional<String> mask(String granularity, boolean v6) {
        if (!v6) return granularity.equals("255.255.255.255") ? Optional.empty() : Optional.of(granularity);
        int bits = Integer.parseInt(granularity);
        if (bits >= 128) return Optional.empty();
        byte[] m = new byte[16];
        for (int i = 0; i < bits; i++) m[i / 8] |= (byte) (0x80 >>> (i % 8));
        try {
            return Optional.of(IpText.of(InetAddress.getByAddress(m)));
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static boolean persistent(Service s) {
        return s.persistenceSeconds().isPresent();
    }

    static boolean inet6(ServiceKey k) {
        return switch (k) {
            case ServiceKey.Addr a -> a.vip() instanceof Inet6Address;
            case ServiceKey.Fwmark f -> f.inet6();
        };
    }

    private static String family(boolean v6) {
        return v6 ? "ip6" : "ip";
    }

    private static String addrType(boolean v6) {
        return v6 ? "ipv6_addr" : "ipv4_addr";
    }

    static String dispatchMap(ServiceKey k) {
        String fam = inet6(k) ? "6" : "4";
        return switch (k) {
            case ServiceKey.Addr a -> (a.port() == 0 ? "any" : "svc") + fam;
            case ServiceKey.Fwmark f -> "fwm" + fam;
        };
    }

    private static String dispatchKey(ServiceKey k) {
        return switch (k) {
            case ServiceKey.Addr a -> IpText.of(a.vip()) + " . " + a.protocol().lower() + (a.port() == 0 ? "" : " . " + a.port());
            case ServiceKey.Fwmark f -> String.valueOf(f.mark());
        };
    }

    /** A name part for a service: {@code tcp_198_18_0_1_80}, {@code udp6_2001_db8__1_53}, {@code fwm4_7}. */
    static String id(ServiceKey k) {
        return switch (k) {
            case ServiceKey.Addr a -> a.protocol().lower() + (inet6(k) ? "6" : "") + "_" + word(a.vip()) + "_" + a.port();
            case ServiceKey.Fwmark f -> "fwm" + (f.inet6() ? "6" : "4") + "_" + f.mark();
        };
    }

    static String destChain(String id, Destination.Key d) {
        return "svc_" + id + "-" + word(d.ip()) + "_" + d.port();
    }

    static String persistSet(String id, Destination.Key d) {
        return "p_" + id + "-" + word(d.ip()) + "_" + d.port();
    }

    private static String word(InetAddress ip) {
        return Objects.requireNonNull(IpText.of(ip)).replace('.', '_').replace(':', '_');
    }
}
