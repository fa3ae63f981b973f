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
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

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
 * unless the persistence settings changed, or, when only map elements differ, gives element steps
 * ({@link NftStep.Elements}) that the backend may send over netlink; callers put the changes of a
 * batch in one transaction.
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

    /** One service's steps, and its slot table once they are committed (empty when the service is gone). */
    record Change(List<NftStep> steps, List<Destination.Key> slots) {
        Change {
            steps = List.copyOf(steps);
        }

        /** The steps as nft text, a line each. */
        String commands() {
            StringBuilder b = new StringBuilder();
            for (NftStep s : steps) b.append(s.text()).append('\n');
            return b.toString();
        }

        /** True when every step changes map elements only: netlink can carry it without libnftables. */
        boolean elementsOnly() {
            return steps.stream().allMatch(s -> s instanceof NftStep.Elements);
        }
    }

    /** The steps of a change being built. */
    private static final class Steps {
        final List<NftStep> list = new ArrayList<>();

        void add(String line) {
            list.add(new NftStep.Line(line));
        }

        void add(NftStep step) {
            list.add(step);
        }

        void addAll(List<String> lines) {
            lines.forEach(this::add);
        }
    }

    /** Moves one service from {@code before} to {@code after} (either may be absent; same key), slot table unknown. */
    static String change(Optional<ServiceEntry> before, Optional<ServiceEntry> after) {
        return change(before, after, Optional.empty()).commands();
    }

    /**
     * Moves one service from {@code before} to {@code after}. {@code slotsBefore} is the slot table the
     * kernel holds for it when known (what an earlier change returned): then only the slots that differ
     * are rewritten, else the slot map is refilled whole.
     */
    static Change change(Optional<ServiceEntry> before, Optional<ServiceEntry> after, Optional<List<Destination.Key>> slotsBefore) {
        Steps out = new Steps();
        List<Destination.Key> slots = List.of();
        if (after.isEmpty()) {
            before.ifPresent(b -> remove(b, out));
        } else {
            slots = replace(before, after.get(), before.isPresent() ? slotsBefore : Optional.empty(), out);
        }
        return new Change(out.list, slots);
    }

    /** Beyond this many changed destinations a batch takes {@link #change}'s path: it diffs the whole service anyway. */
    static final int FEW = 16;

    /**
     * Exactly what {@link #change} gives for {@code before} to {@code after} with the kernel's slot
     * table {@code slotsBefore}, when the batch only added, removed or re-weighted the destinations
     * {@code changed} of an rr or wrr service without persistence and every other destination keeps
     * its slot count: then only those destinations' map entries and slots are looked at, with no sort
     * or hash of the whole service. That is what a checker's verdict becomes, and on a service of a
     * thousand real servers the whole-service diff was most of a change's cost. Empty when the
     * shortcut does not apply; the caller then takes {@link #change}.
     */
    static Optional<Change> changeFew(ServiceEntry before, ServiceEntry after, java.util.Collection<Destination.Key> changed,
                                      List<Destination.Key> slotsBefore) {
        Service s = after.service();
        ServiceKey k = s.key();
        boolean rr = s.scheduler().equals("rr");
        if (changed.size() > FEW || !before.service().equals(s) || !(rr || s.scheduler().equals("wrr")) || persistent(s)) {
            return Optional.empty();
        }
        String target = dnatTarget(k, after.destinations().values());
        if (!dnatTarget(k, before.destinations().values()).equals(target)
                || (k instanceof ServiceKey.Fwmark && target.equals("addr.port"))) {
            return Optional.empty();
        }
        long g = rr ? 1 : Slots.divisor(after.destinations().values());
        if (g == 0 || (!rr && Slots.divisor(before.destinations().values()) != g)) return Optional.empty();

        List<Destination.Key> keys = new ArrayList<>(changed);
        keys.sort(NftCommands::compare);
        var want = new java.util.LinkedHashMap<Destination.Key, Integer>();
        List<NftStep.Element> gone = new ArrayList<>();
        List<NftStep.Element> come = new ArrayList<>();
        for (Destination.Key key : keys) {
            Destination was = before.destinations().get(key);
            Destination now = after.destinations().get(key);
            if (was != null && (now == null || now.weight() != was.weight())) gone.add(destinationKey(was));
            if (now != null && (was == null || now.weight() != was.weight())) come.add(element(now));
            want.put(key, now == null || now.weight() <= 0 ? 0 : rr ? 1 : (int) (now.weight() / g));
        }
        if (gone.size() + come.size() > after.destinations().size()) return Optional.empty(); // change() refills
        Steps out = new Steps();
        String map = "dst_" + id(k);
        if (!gone.isEmpty()) out.add(new NftStep.Elements(map, NftStep.Action.DELETE, gone));
        if (!come.isEmpty()) out.add(new NftStep.Elements(map, NftStep.Action.ADD, come));
        List<Destination.Key> slots = Slots.editFew(slotsBefore, want);
        slotDelta(after, target, Optional.of(slotsBefore), slots, out);
        if (slotsBefore.size() != slots.size()) {
            out.add("flush chain " + TABLE + " svc_" + id(k));
            out.addAll(serviceRules(after, List.copyOf(after.destinations().values()), target, slots.size()));
        }
        return Optional.of(new Change(out.list, slots));
    }

    private static void remove(ServiceEntry b, Steps out) {
        ServiceKey k = b.service().key();
        String id = id(k);
        out.add("delete element " + TABLE + " " + dispatchMap(k) + " { " + dispatchKey(k) + " }");
        out.add("flush chain " + TABLE + " svc_" + id);
        out.add("delete map " + TABLE + " slot_" + id); // its verdicts hold the destination chains
        if (persistent(b.service())) {
            for (Destination.Key d : b.destinations().keySet()) out.add("delete chain " + TABLE + " " + destChain(id, d));
        }
        out.add("delete chain " + TABLE + " svc_" + id);
        if (persistent(b.service())) {
            for (Destination.Key d : b.destinations().keySet()) out.add("delete set " + TABLE + " " + persistSet(id, d));
        }
        out.add("delete map " + TABLE + " dst_" + id);
    }

    private static List<Destination.Key> replace(Optional<ServiceEntry> before, ServiceEntry a,
                                                 Optional<List<Destination.Key>> old, Steps out) {
        Service s = a.service();
        ServiceKey k = s.key();
        String id = id(k);
        String svc = "svc_" + id;
        boolean v6 = inet6(k);
        List<Destination> dests = ordered(a);
        String target = dnatTarget(k, dests);

        // Same settings, same rule shapes (and, when persistent, the same destinations with their chains
        // and sets): only map entries change, and the service chain's rule when the slot count does.
        // (not a fwmark service with ports: nft then refuses the rule against the map it reads back, see slotMap)
        boolean inPlace = before.isPresent() && before.get().service().equals(s)
                && !(k instanceof ServiceKey.Fwmark && target.equals("addr.port"))
                && dnatTarget(k, before.get().destinations().values()).equals(target)
                && (!persistent(s) || before.get().destinations().keySet().equals(a.destinations().keySet()));
        List<Destination.Key> slots = layout(s, dests, inPlace ? old : Optional.empty());
        if (inPlace) {
            destinationDelta(before.get(), a, out);
            slotDelta(a, target, old, slots, out);
            // with the settings, the rule shapes and (persistent) the destinations equal, the rules differ
            // only by the slot count
            if (old.isEmpty() || old.get().size() != slots.size()) {
                out.add("flush chain " + TABLE + " " + svc);
                out.addAll(serviceRules(a, dests, target, slots.size()));
            }
            return slots;
        }

        // 1. Old rules and maps out, so that nothing references what goes.
        boolean persistBefore = before.map(b -> persistent(b.service())).orElse(false);
        boolean sameSets = persistBefore && persistent(s) && before.get().service().persistenceSeconds().equals(s.persistenceSeconds())
                && before.get().service().granularity().equals(s.granularity());
        Set<Destination.Key> keptSets = new HashSet<>();
        if (before.isPresent()) {
            out.add("flush chain " + TABLE + " " + svc);
            out.add("delete map " + TABLE + " slot_" + id);
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
                map.append(sep).append(element(d).text());
                sep = ", ";
            }
            map.append(" }");
        }
        out.add(map.append(" }").toString());

        // 3. Persistence: a set and a chain per destination.
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
        }

        // 4. The slot map and the service chain's rules.
        // The port's typeof must agree with the rule's protocol match when nft reads the map back from the
        // kernel; for a fwmark service (any of tcp, udp, sctp) nft 1.0.6 then refuses `th dport`, so such a
        // service's map is always created in the same transaction as its rule.
        String port = switch (k) {
            case ServiceKey.Addr x -> x.protocol().lower() + " dport";
            case ServiceKey.Fwmark f -> "th dport";
        };
        String data = persistent(s) ? "verdict" : family(v6) + " daddr" + (target.equals("addr") ? "" : " . " + port);
        out.add("add map " + TABLE + " slot_" + id + " { typeof numgen inc mod 2 : " + data + "; }");
        slotDelta(a, target, Optional.of(List.of()), slots, out);
        out.addAll(serviceRules(a, dests, target, slots.size()));

        // 5. Reachable from the dispatch maps.
        if (before.isEmpty()) {
            out.add("add element " + TABLE + " " + dispatchMap(k) + " { " + dispatchKey(k) + " : goto " + svc + " }");
        }
        return slots;
    }

    /** The slot table: rr and wrr edit the one the kernel holds, when known; sh and mh are computed afresh. */
    private static List<Destination.Key> layout(Service s, List<Destination> dests, Optional<List<Destination.Key>> old) {
        boolean counter = s.scheduler().equals("rr") || s.scheduler().equals("wrr");
        if (counter && old.isPresent()) {
            var want = new java.util.LinkedHashMap<Destination.Key, Integer>();
            long[] w = s.scheduler().equals("rr")
                    ? dests.stream().mapToLong(d -> d.weight() > 0 ? 1 : 0).toArray()
                    : Slots.normalised(dests.stream().map(Destination::weight).toList());
            for (int i = 0; i < dests.size(); i++) if (w[i] > 0) want.put(dests.get(i).key(), (int) w[i]);
            return Slots.edit(old.get(), want);
        }
        return slots(s, dests).stream().map(i -> dests.get(i).key()).toList();
    }

    /** The destination map's entries that differ: deleted, then added with their new weight. */
    private static void destinationDelta(ServiceEntry b, ServiceEntry a, Steps out) {
        String map = "dst_" + id(a.service().key());
        // the destinations first, their elements once the choice below is made: a swap of a thousand
        // destinations would otherwise build two thousand elements only to refill instead
        List<Destination> gone = new ArrayList<>();
        List<Destination> come = new ArrayList<>();
        b.destinations().forEach((key, d) -> {
            Destination now = a.destinations().get(key);
            if (now == null || now.weight() != d.weight()) gone.add(d);
        });
        a.destinations().forEach((key, d) -> {
            Destination was = b.destinations().get(key);
            if (was == null || was.weight() != d.weight()) come.add(d);
        });
        if (gone.size() + come.size() > a.destinations().size()) { // cheaper refilled: a flush costs no parsing
            out.add(new NftStep.Elements(map, NftStep.Action.FLUSH, List.of()));
            List<NftStep.Element> all = new ArrayList<>(a.destinations().size());
            for (Destination d : a.destinations().values()) all.add(element(d));
            if (!all.isEmpty()) out.add(new NftStep.Elements(map, NftStep.Action.ADD, all));
            return;
        }
        if (!gone.isEmpty()) out.add(new NftStep.Elements(map, NftStep.Action.DELETE, gone.stream().map(NftCommands::destinationKey).toList()));
        if (!come.isEmpty()) out.add(new NftStep.Elements(map, NftStep.Action.ADD, come.stream().map(NftCommands::element).toList()));
    }

    /**
     * The slot map's entries that differ between {@code old} and {@code slots}; with {@code old} unknown
     * the map is flushed and refilled. libnftables spends microseconds on each element it parses, so a
     * 4,093-slot table rewritten whole costs over ten milliseconds; a weight change moves a few slots.
     */
    private static void slotDelta(ServiceEntry a, String target, Optional<List<Destination.Key>> old,
                                  List<Destination.Key> slots, Steps out) {
        ServiceKey k = a.service().key();
        String map = "slot_" + id(k);
        List<Destination.Key> was = old.orElse(List.of());
        int moved = 0;
        for (int i = 0; i < Math.max(was.size(), slots.size()); i++) {
            if (i >= was.size() || i >= slots.size() || !was.get(i).equals(slots.get(i))) moved++;
        }
        boolean refill = old.isEmpty() || (!was.isEmpty() && 2 * moved > slots.size()); // a flush costs no parsing
        if (refill) {
            out.add(new NftStep.Elements(map, NftStep.Action.FLUSH, List.of()));
            was = List.of();
        }
        List<NftStep.Element> gone = new ArrayList<>();
        List<NftStep.Element> come = new ArrayList<>();
        for (int i = 0; i < Math.max(was.size(), slots.size()); i++) {
            Destination.Key o = i < was.size() ? was.get(i) : null;
            Destination.Key n = i < slots.size() ? slots.get(i) : null;
            if (o != null && !o.equals(n)) gone.add(new NftStep.Element.Slot(i, Optional.empty()));
            if (n != null && !n.equals(o)) {
                Destination d = a.destinations().get(n);
                NftStep.Value value = persistent(a.service()) ? new NftStep.Value.Goto(destChain(id(k), n))
                        : new NftStep.Value.Target(d.ip(), target.equals("addr") ? OptionalInt.empty() : OptionalInt.of(port(k, d)));
                come.add(new NftStep.Element.Slot(i, Optional.of(value)));
            }
        }
        if (!gone.isEmpty()) out.add(new NftStep.Elements(map, NftStep.Action.DELETE, gone));
        if (!come.isEmpty()) out.add(new NftStep.Elements(map, NftStep.Action.ADD, come));
    }

    /** A destination map element: {@code address . port : weight}. */
    private static NftStep.Element element(Destination d) {
        return new NftStep.Element.Destination(d.ip(), d.port(), Optional.of(new NftStep.Value.Weight(d.weight())));
    }

    private static NftStep.Element destinationKey(Destination d) {
        return new NftStep.Element.Destination(d.ip(), d.port(), Optional.empty());
    }

    /** The service chain: known persistent clients to their destination's chain, then the slot pick. */
    private static List<String> serviceRules(ServiceEntry a, List<Destination> dests, String target, int n) {
        Service s = a.service();
        ServiceKey k = s.key();
        String id = id(k);
        String svc = TABLE + " svc_" + id;
        List<String> out = new ArrayList<>();
        if (persistent(s)) {
            String client = clientKey(s);
            for (Destination d : dests) {
                out.add("add rule " + svc + " " + client + " @" + persistSet(id, d.key()) + " goto " + destChain(id, d.key()));
            }
        }
        if (n == 0) {
            out.add("add rule " + svc + " drop");
        } else if (persistent(s)) {
            out.add("add rule " + svc + " " + picker(s, n) + " vmap @slot_" + id);
        } else {
            out.add("add rule " + svc + " " + guard(k, dests) + "dnat " + family(inet6(k))
                    + (target.equals("addr") ? "" : " addr . port") + " to " + picker(s, n) + " map @slot_" + id);
        }
        return out;
    }

    /**
     * Destinations by address and port, so that the rules depend on the set of destinations only, not on
     * the order they were added in or the kernel listed them (a rebuilt service hashes clients as before).
     */
    private static List<Destination> ordered(ServiceEntry a) {
        // each address's bytes once: getAddress() copies them
        record Keyed(byte[] ip, Destination d) {}
        List<Keyed> ks = new ArrayList<>(a.destinations().size());
        for (Destination d : a.destinations().values()) ks.add(new Keyed(d.ip().getAddress(), d));
        ks.sort((x, y) -> compare(x.ip(), x.d().port(), y.ip(), y.d().port()));
        List<Destination> ds = new ArrayList<>(ks.size());
        for (Keyed k : ks) ds.add(k.d());
        return ds;
    }

    /** The order of {@link #ordered}: address bytes unsigned, then port. */
    private static int compare(byte[] ipA, int portA, byte[] ipB, int portB) {
        int c = java.util.Arrays.compareUnsigned(ipA, ipB);
        return c != 0 ? c : Integer.compare(portA, portB);
    }

    private static int compare(Destination.Key a, Destination.Key b) {
        return compare(a.ip().getAddress(), a.port(), b.ip().getAddress(), b.port());
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
    private static String dnatTarget(ServiceKey k, java.util.Collection<Destination> dests) {
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
