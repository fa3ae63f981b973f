package io.jkeepalived.lvs.nft;

import io.jkeepalived.lvs.Destination;
import io.jkeepalived.lvs.KernelBackend;
import io.jkeepalived.lvs.KernelDump;
import io.jkeepalived.lvs.LbOp;
import io.jkeepalived.lvs.LbResult;
import io.jkeepalived.lvs.Service;
import io.jkeepalived.lvs.ServiceEntry;
import io.jkeepalived.lvs.ServiceKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The nftables kernel backend: NAT load balancing in {@code table inet jkeepalived}, programmed through
 * libnftables ({@link Libnftables}) with commands from {@link NftCommands}, except changes made of map
 * elements alone (weights, slot tables: what a checker's verdict usually becomes), which go to the
 * kernel as nf_tables netlink messages on our own socket ({@link NftNetlink}): libnftables re-reads the
 * table's chains and sets and parses every element before each command buffer, which made replacing a
 * thousand destinations cost over 15 ms instead of 2.
 *
 * <p>The backend keeps a mirror of the table (read from the kernel on first use and after any failed
 * transaction). {@link #applyAll} checks each op against the mirror and {@link NftLimits} (refusing
 * what IPVS would refuse, and what nftables cannot express), then rewrites every service the accepted
 * ops touch in one transaction (whichever way it goes), so packets see the old table or the new one,
 * never a half-built service. When the kernel refuses that transaction, the mirror is read again and
 * each service's ops are retried in a transaction of their own, so one bad service does not fail
 * another. {@link #polledWatch} reports changes other processes make to the table ({@link NftWatch}).
 * Blocking; use a platform thread; not thread-safe. Nothing outside our table is ever touched.
 */
public final class NftBackend implements KernelBackend {

    static final String LIBRARY = "libnftables.so.1";

    /** libnftables, or a fake in unit tests. */
    interface Kernel extends AutoCloseable {
        Libnftables.Run run(String commands);

        @Override
        void close();
    }

    /** Map element changes as nf_tables netlink messages ({@link NftNetlink}), or a fake in unit tests. */
    interface ElementChannel extends AutoCloseable {
        /** Commits the steps as one transaction; the kernel's refusal (an errno name first) if it refused. */
        Optional<String> commit(List<NftStep.Elements> steps);

        /** The ruleset's generation id (NFT_MSG_GETGEN); empty when it cannot be read. */
        default java.util.OptionalLong generation() {
            return java.util.OptionalLong.empty();
        }

        @Override
        void close();
    }

    /** What {@link #open()} gives: a backend, or why nftables is not usable here. */
    public sealed interface Opening {
        record Opened(NftBackend backend) implements Opening {}

        record Unavailable(String reason) implements Opening {}
    }

    private final Kernel nft;
    private final Optional<ElementChannel> elements;
    private final Optional<NftWatch> watch;
    private long viaNetlink;
    private Map<ServiceKey, ServiceEntry> mirror; // null: read the kernel before the next batch
    /** The last dump that read our table, and the ruleset generation read just before it. */
    private Optional<KernelDump> lastDump = Optional.empty();
    private java.util.OptionalLong lastDumpGeneration = java.util.OptionalLong.empty();
    private long dumpsSkipped;
    /** The slot tables we wrote, for services whose entry the kernel still holds as we left it. */
    private final Map<ServiceKey, List<Destination.Key>> slotTables = new HashMap<>();
    private long transactions;
    private long fewChanges;

    NftBackend(Kernel nft) {
        this(nft, Optional.empty());
    }

    NftBackend(Kernel nft, Optional<ElementChannel> elements) {
        this(nft, elements, Optional.empty());
    }

    private NftBackend(Kernel nft, Optional<ElementChannel> elements, Optional<NftWatch> watch) {
        this.nft = nft;
        this.elements = elements;
        this.watch = watch;
    }

    /**
     * Loads libnftables, opens a context in the calling thread's network namespace (where it stays) and
     * creates our table, base chains and dispatch maps if they are not there; services already in the
     * table are kept.
     */
    public static Opening open() {
        return open(true);
    }

    /**
     * As {@link #open()}; {@code netlink} false sends everything through libnftables (no element
     * channel, no watch): what the backend did before, kept for comparison in the bench.
     */
    public static Opening open(boolean netlink) {
        Libnftables lib;
        try {
            lib = Libnftables.open(LIBRARY);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return new Opening.Unavailable("nftables: " + e.getMessage());
        }
        Kernel k = new Kernel() {
            public Libnftables.Run run(String commands) {
                return lib.run(commands);
            }

            public void close() {
                lib.close();
            }
        };
        Optional<ElementChannel> channel = Optional.empty();
        if (netlink) {
            try {
                channel = Optional.of(NftNetlink.open());
            } catch (io.jkeepalived.os.OsException e) { // libnftables alone still does all of it, slower
                channel = Optional.empty();
            }
        }
        return open(k, channel, netlink);
    }

    static Opening open(Kernel k) {
        return open(k, Optional.empty(), false);
    }

    /** {@code watch}: open a socket for nf_tables notifications (in the calling thread's namespace) for {@link #polledWatch}. */
    static Opening open(Kernel k, Optional<ElementChannel> netlink, boolean watch) {
        Libnftables.Run r = k.run(NftCommands.bootstrap());
        if (!r.ok()) {
            k.close();
            netlink.ifPresent(ElementChannel::close);
            return new Opening.Unavailable("nftables: creating table " + NftCommands.TABLE + ": " + firstError(r));
        }
        Optional<NftWatch> w = Optional.empty();
        if (watch) {
            try { // after libnftables has opened its socket (on its first command): our sockets' changes are not news
                w = Optional.of(NftWatch.open(NftWatch.ownPorts()));
            } catch (io.jkeepalived.os.OsException e) { // then the periodic reconcile alone repairs hand changes
                w = Optional.empty();
            }
        }
        return new Opening.Opened(new NftBackend(k, netlink, w));
    }

    @Override
    public String name() {
        return "nftables";
    }

    /** Transactions committed or refused so far. */
    public long transactions() {
        return transactions;
    }

    /** Services changed through {@link NftCommands#changeFew} (a few destinations) rather than a whole-service diff. */
    public long fewChanges() {
        return fewChanges;
    }

    /** Of {@link #transactions()}, those sent as nf_tables netlink messages rather than through libnftables. */
    public long netlinkTransactions() {
        return viaNetlink;
    }

    /**
     * nf_tables notifications of our table from other processes, read by the caller (see
     * {@link NftWatch}); there is no {@link #watch(Runnable)}: a thread of our own to call a listener
     * would only hand the news to the caller's thread, which can as well read them itself.
     */
    @Override
    public Optional<PolledWatch> polledWatch() {
        return watch.filter(NftWatch::subscribe).map(w -> w);
    }

    /** How many times the {@linkplain #polledWatch watch} told of a change. */
    public long changesSeen() {
        return watch.map(NftWatch::signals).orElse(0L);
    }

    /** Read-backs answered from the last one because the ruleset's generation had not moved. */
    public long dumpsSkipped() {
        return dumpsSkipped;
    }

    @Override
    public LbResult apply(LbOp op) {
        return applyAll(List.of(op)).getFirst();
    }

    @Override
    public List<LbResult> applyAll(List<LbOp> ops) {
        LbResult[] results = new LbResult[ops.size()];
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) all.add(i);
        Optional<String> problem = commit(ops, all, results);
        if (problem.isPresent()) {
            Map<ServiceKey, List<Integer>> byService = new LinkedHashMap<>();
            for (int i : all) {
                if (results[i] == null) byService.computeIfAbsent(ops.get(i).service(), k -> new ArrayList<>()).add(i);
            }
            for (List<Integer> group : byService.values()) {
                commit(ops, group, results).ifPresent(reason -> {
                    for (int i : group) if (results[i] == null) results[i] = new LbResult.Failed(reason);
                });
            }
        }
        return Arrays.asList(results);
    }

    /**
     * Checks the ops at {@code indexes} against the mirror, then commits the services they change in
     * one transaction. Fills the results of refused ops (and, on success, of the others); returns the
     * kernel's refusal, leaving the results of the ops it concerns empty.
     */
    private Optional<String> commit(List<LbOp> ops, List<Integer> indexes, LbResult[] results) {
        if (mirror == null) {
            KernelDump d = dump();
            if (d instanceof KernelDump.Unreadable(String reason)) {
                for (int i : indexes) results[i] = new LbResult.Failed("nftables table unreadable: " + reason);
                return Optional.empty();
            }
        }
        Staged staged = new Staged(mirror);
        List<Integer> accepted = new ArrayList<>();
        for (int i : indexes) {
            Optional<String> refusal = staged.apply(ops.get(i));
            if (refusal.isPresent()) results[i] = new LbResult.Failed(refusal.get());
            else accepted.add(i);
        }
        if (staged.touched.isEmpty()) {
            accepted.forEach(i -> results[i] = LbResult.DONE);
            return Optional.empty();
        }
        Map<ServiceKey, ServiceEntry> after = staged.table();
        List<NftStep> steps = new ArrayList<>();
        Map<ServiceKey, List<Destination.Key>> slots = new HashMap<>();
        for (ServiceKey k : staged.touched) {
            ServiceEntry was = mirror.get(k);
            ServiceEntry now = after.get(k);
            List<Destination.Key> known = slotTables.get(k);
            Optional<NftCommands.Change> few = was != null && now != null && known != null && !staged.serviceOps.contains(k)
                    ? NftCommands.changeFew(was, now, staged.destinationsNamed.getOrDefault(k, Set.of()), known)
                    : Optional.empty();
            if (few.isPresent()) fewChanges++;
            var c = few.orElseGet(() -> NftCommands.change(Optional.ofNullable(was), Optional.ofNullable(now), Optional.ofNullable(known)));
            steps.addAll(c.steps());
            slots.put(k, c.slots());
        }
        transactions++;
        Optional<String> refusal = send(steps);
        if (refusal.isEmpty()) {
            mirror = after;
            slots.forEach((k, t) -> {
                if (after.containsKey(k)) slotTables.put(k, t);
                else slotTables.remove(k);
            });
            accepted.forEach(i -> results[i] = LbResult.DONE);
            return Optional.empty();
        }
        mirror = null;
        slotTables.clear();
        return refusal;
    }

    /**
     * One transaction: over netlink when it changes map elements only (weights, slots: the hot path),
     * else as nft text through libnftables (services, rules, chains and sets: rarer, and where nft's
     * own compiler of rules earns its cost).
     */
    private Optional<String> send(List<NftStep> steps) {
        if (steps.isEmpty()) return Optional.empty();
        return unheard(() -> sendNow(steps));
    }

    /** Our own transaction, kept out of the watch's notifications (see {@link NftWatch#unheard}). */
    private <T> T unheard(java.util.function.Supplier<T> own) {
        return watch.isPresent() ? watch.get().unheard(own) : own.get();
    }

    private Optional<String> sendNow(List<NftStep> steps) {
        if (elements.isPresent() && steps.stream().allMatch(s -> s instanceof NftStep.Elements)) {
            viaNetlink++;
            return elements.get().commit(steps.stream().map(s -> (NftStep.Elements) s).toList());
        }
        StringBuilder commands = new StringBuilder();
        for (NftStep s : steps) commands.append(s.text()).append('\n');
        Libnftables.Run r = nft.run(commands.toString());
        return r.ok() ? Optional.empty() : Optional.of(firstError(r));
    }

    /**
     * The mirror with a batch's ops applied, refusing as the kernel would. Only the services the batch
     * touches are copied: a weight change in a table of thousands of destinations stays cheap.
     */
    private static final class Staged {
        final Map<ServiceKey, ServiceEntry> base;
        final Map<ServiceKey, Service> services = new HashMap<>();
        final Map<ServiceKey, Map<Destination.Key, Destination>> dests = new HashMap<>();
        final Set<ServiceKey> touched = new LinkedHashSet<>();
        final Set<ServiceKey> loaded = new HashSet<>();
        /** Services an accepted op added, edited or removed as a whole, or whose ops named many destinations. */
        final Set<ServiceKey> serviceOps = new HashSet<>();
        /** Per service, the destinations that accepted ops added, edited or removed. */
        final Map<ServiceKey, Set<Destination.Key>> destinationsNamed = new HashMap<>();

        Staged(Map<ServiceKey, ServiceEntry> table) {
            this.base = table;
        }

        private void load(ServiceKey k) {
            if (!loaded.add(k)) return;
            ServiceEntry e = base.get(k);
            if (e != null) {
                services.put(k, e.service());
                dests.put(k, new LinkedHashMap<>(e.destinations()));
            }
        }

        Optional<String> apply(LbOp op) {
            ServiceKey k = op.service();
            load(k);
            Service s = services.get(k);
            Optional<String> refusal = switch (op) {
                case LbOp.AddService a -> s != null ? Optional.of("service exists: " + k) : NftLimits.refuse(a.spec());
                case LbOp.EditService e -> s == null ? Optional.of("no such service: " + k) : NftLimits.refuse(e.spec());
                case LbOp.RemoveService r -> s == null ? Optional.of("no such service: " + k) : Optional.empty();
                case LbOp.AddDestination a -> s == null ? Optional.of("no such service: " + k)
                        : dests.get(k).containsKey(a.destination().key()) ? Optional.of("destination exists: " + a.destination().key())
                        : destination(s, a.destination());
                case LbOp.EditDestination e -> s == null ? Optional.of("no such service: " + k)
                        : !dests.get(k).containsKey(e.destination().key()) ? Optional.of("no such destination: " + e.destination().key())
                        : destination(s, e.destination());
                case LbOp.RemoveDestination r -> s == null ? Optional.of("no such service: " + k)
                        : !dests.get(k).containsKey(r.destination()) ? Optional.of("no such destination: " + r.destination())
                        : Optional.empty();
            };
            if (refusal.isPresent()) return refusal;
            switch (op) {
                case LbOp.AddService a -> {
                    services.put(k, a.spec());
                    dests.put(k, new LinkedHashMap<>());
                    serviceOps.add(k);
                }
                case LbOp.EditService e -> {
                    services.put(k, e.spec());
                    serviceOps.add(k);
                }
                case LbOp.RemoveService r -> {
                    services.remove(k);
                    dests.remove(k);
                    serviceOps.add(k);
                }
                case LbOp.AddDestination a -> {
                    dests.get(k).put(a.destination().key(), a.destination());
                    named(k, a.destination().key());
                }
                case LbOp.EditDestination e -> {
                    dests.get(k).put(e.destination().key(), e.destination());
                    named(k, e.destination().key());
                }
                case LbOp.RemoveDestination r -> {
                    dests.get(k).remove(r.destination());
                    named(k, r.destination());
                }
            }
            touched.add(k);
            return Optional.empty();
        }

        /** Notes that an op named destination {@code d} of {@code k}; past {@link NftCommands#FEW}, the service counts as changed whole. */
        private void named(ServiceKey k, Destination.Key d) {
            if (serviceOps.contains(k)) return;
            Set<Destination.Key> named = destinationsNamed.computeIfAbsent(k, x -> new HashSet<>());
            named.add(d);
            if (named.size() > NftCommands.FEW) {
                serviceOps.add(k);
                destinationsNamed.remove(k);
            }
        }

        private Optional<String> destination(Service s, Destination d) {
            Optional<String> r = NftLimits.refuse(s, d);
            if (r.isPresent()) return r;
            if (s.key() instanceof ServiceKey.Addr a && a.port() != 0) return Optional.empty(); // ports never mix there
            var others = new ArrayList<>(dests.get(s.key()).values());
            others.removeIf(o -> o.key().equals(d.key()));
            others.add(d);
            return NftLimits.refuse(s.key(), others);
        }

        /** The whole table after the batch, in the mirror's order (new services last). */
        Map<ServiceKey, ServiceEntry> table() {
            Map<ServiceKey, ServiceEntry> t = new LinkedHashMap<>(base);
            for (ServiceKey k : loaded) {
                Service s = services.get(k);
                if (s == null) t.remove(k);
                else t.put(k, new ServiceEntry(s, dests.get(k)));
            }
            return t;
        }
    }

    private static final java.util.regex.Pattern OUR_TABLE =
            java.util.regex.Pattern.compile("\"table\"\\s*:\\s*\"jkeepalived\"");

    /** Our services as the kernel holds them (read from the destination maps); refreshes the mirror. */
    @Override
    public KernelDump dump() {
        // Nothing committed since the last read (the generation id, which every transaction of
        // anyone's advances, is unchanged): that read is still the kernel's table. A dump of 10,000
        // destinations every second cost the daemon more CPU and garbage than any probe.
        java.util.OptionalLong generation = elements.map(ElementChannel::generation).orElse(java.util.OptionalLong.empty());
        if (generation.isPresent() && generation.equals(lastDumpGeneration) && lastDump.isPresent()) {
            dumpsSkipped++;
            return lastDump.get();
        }
        lastDump = Optional.empty();
        Libnftables.Run r = nft.run("list maps inet");
        if (!r.ok()) {
            mirror = null;
            slotTables.clear();
            return new KernelDump.Unreadable(firstError(r));
        }
        if (!OUR_TABLE.matcher(r.output()).find()) {
            // our table is gone (nft flush ruleset, nft delete table): the base chains and dispatch maps
            // come back now, empty, so the reconciler's re-adds have somewhere to go
            Libnftables.Run b = unheard(() -> nft.run(NftCommands.bootstrap()));
            if (!b.ok()) {
                mirror = null;
                slotTables.clear();
                return new KernelDump.Unreadable("recreating table " + NftCommands.TABLE + ": " + firstError(b));
            }
        }
        boolean recreated = !OUR_TABLE.matcher(r.output()).find();
        KernelDump d = NftDump.parse(r.output());
        Map<ServiceKey, ServiceEntry> read = d instanceof KernelDump.Read(Map<ServiceKey, ServiceEntry> table) ? table : null;
        if (read != null && !recreated) {
            lastDump = Optional.of(d);
            lastDumpGeneration = generation;
        }
        // a slot table stays known only where the kernel's entry is the one we last wrote
        Map<ServiceKey, ServiceEntry> was = mirror;
        slotTables.keySet().removeIf(k -> was == null || read == null || !Objects.equals(was.get(k), read.get(k)));
        mirror = read;
        return d;
    }

    /** libnftables' first error line, without the echo of the command and the caret line under it. */
    static String firstError(Libnftables.Run r) {
        for (String line : r.error().split("\n")) {
            if (line.startsWith("Error:") || line.contains("Error:")) return line.strip();
        }
        String e = r.error().strip();
        return e.isEmpty() ? "nft exit status " + r.status() : e.lines().findFirst().orElse(e);
    }

    @Override
    public void close() {
        watch.ifPresent(NftWatch::close);
        nft.close();
        elements.ifPresent(ElementChannel::close);
    }
}
