package io.jkeepalived.daemon.loop;

import io.jkeepalived.config.model.Script;
import io.jkeepalived.config.model.SplitBrain;
import io.jkeepalived.daemon.kernel.KernelPort;
import io.jkeepalived.daemon.log.PacketLog;
import io.jkeepalived.daemon.plan.InstancePlan;
import io.jkeepalived.daemon.plan.VipPlan;
import io.jkeepalived.os.ClassicBpf;
import io.jkeepalived.os.Linux;
import io.jkeepalived.os.OsException;
import io.jkeepalived.os.PacketSocket;
import io.jkeepalived.status.SplitBrainView;
import io.jkeepalived.vrrp.engine.Action;
import io.jkeepalived.vrrp.engine.Event;
import io.jkeepalived.vrrp.engine.FaultCause;
import io.jkeepalived.vrrp.engine.IpAddr;
import io.jkeepalived.vrrp.engine.VrrpState;
import io.jkeepalived.vrrp.splitbrain.Episode;
import io.jkeepalived.vrrp.splitbrain.Evidence;
import io.jkeepalived.vrrp.splitbrain.EvidenceKind;
import io.jkeepalived.vrrp.splitbrain.Role;
import io.jkeepalived.vrrp.splitbrain.SplitBrainWatch;
import io.jkeepalived.vrrp.splitbrain.Verdict;
import io.jkeepalived.vrrp.wire.ArpRequest;
import io.jkeepalived.vrrp.wire.NeighbourClaim;
import io.jkeepalived.vrrp.wire.NeighbourSolicitation;
import io.jkeepalived.vrrp.wire.RejectReason;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon side of the split-brain watch (docs/split-brain.md), on the loop thread: one
 * {@link SplitBrainWatch} per instance with {@code split_brain_interval} above 0, fed with the
 * instance's role, the ARP / NA claims heard on the VIPs' interfaces (one filtered AF_PACKET socket
 * per interface, polled by the loop), and the adverts for its VRID, accepted or rejected; it sends
 * the probe rounds the watch asks for and reports each episode once: log line, FIFO, notify script,
 * mail, status and metrics, and with {@code split_brain_action fault} the instance's FAULT flag.
 */
public final class SplitBrainMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("Keepalived_vrrp");
    private static final int BURST = 64;

    /** One watched instance. */
    private static final class Watched {
        final String name;
        final SplitBrainWatch watch;
        final Map<EvidenceKind, Long> evidence = new EnumMap<>(EvidenceKind.class);
        SplitBrain settings;
        boolean fenced;
        long episodes;
        Optional<Episode> last = Optional.empty();
        Optional<Instant> since = Optional.empty();

        Watched(String name, SplitBrain settings) {
            this.name = name;
            this.settings = settings;
            this.watch = new SplitBrainWatch(settings.interval().toNanos());
        }
    }

    private final Map<String, InstancePlan> plans;
    private final KernelPort kernel;
    private final NotifyPort notify;
    private final Function<String, Optional<VrrpState>> states;
    private final BiConsumer<String, Event> engine;
    private final Opener opener;

    private final Map<String, Watched> watched = new LinkedHashMap<>();
    private final Map<String, PacketSocket> sockets = new LinkedHashMap<>();
    private final Set<String> unavailable = new HashSet<>();
    private final Map<Integer, List<Watched>> byIpv4 = new HashMap<>();
    private final Map<IpAddr, List<Watched>> byIpv6 = new HashMap<>();
    private final Map<Watched, List<VipPlan>> vipsOf = new HashMap<>();
    private final Set<Long> ownMacs = new HashSet<>();
    private final NeighbourClaim view = new NeighbourClaim();
    private final MemorySegment frame = Arena.ofAuto().allocate(512, 8);
    private final MemorySegment out = Arena.ofAuto().allocate(128, 8);
    private int generation;

    /** How receive sockets are opened: AF_PACKET in the daemon, nothing in unit tests. */
    public interface Opener {
        PacketSocket open(String ifname) throws OsException;

        Opener PACKET = ifname -> PacketSocket.openFiltered(ifname, Linux.ETH_P_ALL,
                ClassicBpf.arpAndNeighbourAdverts());
    }

    /**
     * @param states the engine's state of an instance
     * @param engine feeds an event to an instance now (the loop's {@code handle}), for the fault action
     */
    public SplitBrainMonitor(Map<String, InstancePlan> plans, KernelPort kernel, NotifyPort notify,
                             Function<String, Optional<VrrpState>> states, BiConsumer<String, Event> engine,
                             Opener opener) {
        this.plans = plans;
        this.kernel = kernel;
        this.notify = notify;
        this.states = states;
        this.engine = engine;
        this.opener = opener;
    }

    // ---- configuration ----------------------------------------------------------------------

    /** Loop thread: follows the plans (at start and after a reload): watches, VIP index, sockets. */
    public void reconcile() {
        Set<String> keep = new HashSet<>();
        for (InstancePlan p : plans.values()) {
            SplitBrain sb = p.splitBrain();
            if (!sb.enabled()) {
                continue;
            }
            keep.add(p.name());
            Watched w = watched.get(p.name());
            if (w == null || w.watch.intervalNanos() != sb.interval().toNanos()) {
                Watched fresh = new Watched(p.name(), sb);
                if (w != null) {
                    fresh.episodes = w.episodes;
                    fresh.evidence.putAll(w.evidence);
                    unfence(w);
                }
                watched.put(p.name(), fresh);
            } else {
                w.settings = sb;
                if (!sb.fault()) {
                    unfence(w);
                }
            }
        }
        for (var it = watched.values().iterator(); it.hasNext(); ) {
            Watched w = it.next();
            if (!keep.contains(w.name)) {
                unfence(w);
                it.remove();
            }
        }
        byIpv4.clear();
        byIpv6.clear();
        vipsOf.clear();
        Set<String> ifaces = new HashSet<>();
        for (Watched w : watched.values()) {
            InstancePlan p = plans.get(w.name);
            List<VipPlan> vips = p.addresses().values().stream()
                    .sorted(java.util.Comparator.comparing(VipPlan::id)).toList();
            vipsOf.put(w, vips);
            for (VipPlan v : vips) {
                ifaces.add(v.ifname());
                if (v.address() instanceof Inet4Address a) {
                    byIpv4.computeIfAbsent(ipv4(a), k -> new ArrayList<>()).add(w);
                } else {
                    IpAddr.ofBytes(v.address().getAddress())
                            .ifPresent(k -> byIpv6.computeIfAbsent(k, x -> new ArrayList<>()).add(w));
                }
            }
        }
        boolean changed = false;
        for (var it = sockets.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (!ifaces.contains(e.getKey())) {
                e.getValue().close();
                it.remove();
                changed = true;
            }
        }
        for (String ifname : ifaces) {
            if (!sockets.containsKey(ifname)) {
                try {
                    sockets.put(ifname, opener.open(ifname));
                    unavailable.remove(ifname);
                    changed = true;
                } catch (OsException e) {
                    if (unavailable.add(ifname)) {
                        LOG.warn("split-brain watch cannot listen on {}: {}; passive ARP/NA evidence there is off",
                                ifname, e.getMessage());
                    }
                }
            }
        }
        if (changed) {
            generation++;
        }
        refreshOwnMacs();
    }

    private void unfence(Watched w) {
        if (w.fenced) {
            w.fenced = false;
            engine.accept(w.name, new Event.FaultChanged(FaultCause.SPLIT_BRAIN, false));
        }
    }

    private void refreshOwnMacs() {
        ownMacs.clear();
        for (Watched w : watched.values()) {
            InstancePlan p = plans.get(w.name);
            if (p == null) {
                continue;
            }
            for (String ifname : List.of(p.iface(), p.socketIface(), p.addressIface())) {
                kernel.hardwareAddress(ifname).ifPresent(m -> ownMacs.add(NeighbourClaim.macBits(m)));
            }
            for (VipPlan v : vipsOf.getOrDefault(w, List.of())) {
                kernel.hardwareAddress(v.ifname()).ifPresent(m -> ownMacs.add(NeighbourClaim.macBits(m)));
            }
        }
    }

    /** Changes whenever the set of receive sockets does, so the loop knows to rebuild its poll set. */
    public int generation() {
        return generation;
    }

    public List<PacketSocket> sockets() {
        return List.copyOf(sockets.values());
    }

    // ---- inputs -----------------------------------------------------------------------------

    /** Loop thread: drains up to {@link #BURST} frames from one receive socket. */
    public void receive(PacketSocket socket, long now) {
        for (int n = 0; n < BURST; n++) {
            OptionalInt got;
            try {
                got = socket.receiveNow(frame);
            } catch (OsException e) {
                if (PacketLog.admit(PacketLog.Reason.RECEIVE_ERROR, socket.ifname(), now)) {
                    LOG.warn("split-brain receive on {}: {}", socket.ifname(), e.getMessage());
                }
                return;
            }
            if (got.isEmpty()) {
                return;
            }
            if (view.wrap(frame, got.getAsInt())) {
                claim(now);
            }
        }
    }

    private void claim(long now) {
        List<Watched> concerned;
        if (view.ipv6()) {
            concerned = byIpv6.get(new IpAddr(view.ipv6High(), view.ipv6Low(), true));
        } else {
            concerned = byIpv4.get(view.ipv4());
        }
        if (concerned == null) {
            return;
        }
        long mac = view.mac();
        if (ownMacs.contains(mac) || ownMacs.contains(view.frameSource())) {
            return;
        }
        InetAddress vip = address(view);
        String vipText = io.jkeepalived.config.model.IpText.of(vip);
        EvidenceKind kind = switch (view.kind()) {
            case ARP_REPLY -> EvidenceKind.ARP_REPLY;
            case GRATUITOUS_ARP -> EvidenceKind.GRATUITOUS_ARP;
            case NEIGHBOUR_ADVERT -> EvidenceKind.NEIGHBOUR_ADVERT;
        };
        Optional<String> sender = view.ipv6() ? Optional.of(text(view.senderBytes())) : Optional.empty();
        var e = new Evidence.Claim(kind, vipText, NeighbourClaim.macText(mac), sender);
        for (Watched w : concerned) {
            evidence(w, e, now);
        }
    }

    private static InetAddress address(NeighbourClaim v) {
        byte[] b;
        if (v.ipv6()) {
            b = ByteBuffer.allocate(16).putLong(v.ipv6High()).putLong(v.ipv6Low()).array();
        } else {
            b = ByteBuffer.allocate(4).putInt(v.ipv4()).array();
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }

    private static String text(byte[] b) {
        try {
            return io.jkeepalived.config.model.IpText.of(InetAddress.getByAddress(b));
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }

    /** Loop thread: an advert for the instance's VRID that the validator rejected. */
    public void advertRejected(String instance, RejectReason reason, IpAddr source, long now) {
        Watched w = watched.get(instance);
        if (w == null) {
            return;
        }
        Optional<EvidenceKind> kind = EvidenceKind.of(reason);
        if (kind.isPresent()) {
            evidence(w, new Evidence.RejectedAdvert(kind.get(), source.toString()), now);
        }
    }

    /** Loop thread: an advert for the instance's VRID that went to the engine. */
    public void advertAccepted(String instance, IpAddr source, long now) {
        Watched w = watched.get(instance);
        if (w != null) {
            syncRole(w, now);
            report(w, w.watch.heardAdvert(source.toString(), now));
        }
    }

    private void evidence(Watched w, Evidence e, long now) {
        syncRole(w, now);
        long before = w.watch.counted();
        Verdict v = w.watch.evidence(e, now);
        if (w.watch.counted() != before) {
            w.evidence.merge(e.kind(), 1L, Long::sum);
            if (PacketLog.admit(PacketLog.Reason.SPLIT_BRAIN_EVIDENCE, w.name, now)) {
                LOG.info("({}) split-brain evidence: {}", w.name, e.describe());
            }
        }
        report(w, v);
    }

    private void syncRole(Watched w, long now) {
        Role role = switch (states.apply(w.name).orElse(VrrpState.INIT)) {
            case MASTER -> Role.HOLDING;
            case BACKUP -> Role.STANDBY;
            case FAULT -> w.fenced ? Role.FENCED : Role.OFF;
            case INIT, STOP, DELETED -> Role.OFF;
        };
        w.watch.role(role, now);
    }

    // ---- time -------------------------------------------------------------------------------

    /** Loop thread: roles, probe rounds, clearing. */
    public void tick(long now) {
        for (Watched w : watched.values()) {
            syncRole(w, now);
            if (w.watch.probeDue(now)) {
                probe(w);
            }
            report(w, w.watch.tick(now));
        }
    }

    public long nextDeadlineNanos() {
        long next = SplitBrainWatch.NEVER;
        for (Watched w : watched.values()) {
            next = Math.min(next, w.watch.nextDeadlineNanos());
        }
        return next;
    }

    private void probe(Watched w) {
        InstancePlan p = plans.get(w.name);
        if (p == null) {
            return;
        }
        for (VipPlan v : vipsOf.getOrDefault(w, List.of())) {
            Optional<byte[]> mac = kernel.hardwareAddress(v.ifname());
            if (mac.isEmpty()) {
                continue;
            }
            ownMacs.add(NeighbourClaim.macBits(mac.get()));
            int n;
            if (v.address() instanceof Inet4Address a) {
                int sender = p.source().filter(s -> s instanceof Inet4Address).map(s -> ipv4((Inet4Address) s)).orElse(0);
                n = ArpRequest.build(mac.get(), sender, ipv4(a), out, 0);
            } else {
                byte[] src = p.source().filter(s -> s instanceof Inet6Address && s.isLinkLocalAddress())
                        .map(InetAddress::getAddress).orElse(new byte[16]);
                n = NeighbourSolicitation.build(mac.get(), src, v.address().getAddress(), out, 0);
            }
            try {
                kernel.sendFrame(v.ifname(), out.asSlice(0, n));
            } catch (OsException e) {
                if (PacketLog.admit(PacketLog.Reason.GRATUITOUS_SEND_ERROR, w.name, System.nanoTime())) {
                    LOG.warn("({}) cannot send split-brain probe for {} on {}: {}", w.name, v.text(), v.ifname(),
                            e.getMessage());
                }
            }
        }
    }

    private static int ipv4(Inet4Address a) {
        return ByteBuffer.wrap(a.getAddress()).getInt();
    }

    // ---- reports ----------------------------------------------------------------------------

    private void report(Watched w, Verdict v) {
        switch (v) {
            case Verdict.Quiet q -> { }
            case Verdict.Detected d -> detected(w, d.episode());
            case Verdict.Cleared c -> cleared(w, c);
        }
    }

    private String vip(Watched w, Episode e) {
        return e.confirming().vip().or(() -> e.first().vip())
                .or(() -> vipsOf.getOrDefault(w, List.of()).stream().findFirst().map(VipPlan::text))
                .orElse("none");
    }

    private void detected(Watched w, Episode e) {
        w.episodes++;
        w.last = Optional.of(e);
        w.since = Optional.of(Instant.now());
        String vip = vip(w, e);
        String source = e.confirming().source().or(() -> e.first().source()).map(s -> " (" + s + ")").orElse("");
        String text = "(" + w.name + ") SPLIT BRAIN: " + vip + " is also held by MAC " + e.peerMac() + source
                + ", evidence " + e.confirming().kind().label()
                + (e.first().kind() != e.confirming().kind() ? " and " + e.first().kind().label() : "");
        LOG.warn(text);
        notify.fifo("INSTANCE \"" + w.name + "\" SPLIT_BRAIN");
        script(w, vip, e.peerMac(), "detected");
        notify.splitBrain(w.name, true, text);
        if (w.settings.fault() && !w.fenced) {
            w.fenced = true;
            LOG.warn("({}) split_brain_action fault: entering FAULT while the evidence lasts", w.name);
            engine.accept(w.name, new Event.FaultChanged(FaultCause.SPLIT_BRAIN, true));
        }
    }

    private void cleared(Watched w, Verdict.Cleared c) {
        Episode e = c.episode();
        w.last = Optional.of(e);
        w.since = Optional.empty();
        String vip = vip(w, e);
        long secs = Math.max(0, (c.atNanos() - e.sinceNanos()) / 1_000_000_000L);
        String text = "(" + w.name + ") split brain cleared for " + vip + " (MAC " + e.peerMac() + ") after " + secs
                + " s, " + e.pieces() + " piece(s) of evidence";
        LOG.warn(text);
        notify.fifo("INSTANCE \"" + w.name + "\" SPLIT_BRAIN_CLEARED");
        script(w, vip, e.peerMac(), "cleared");
        notify.splitBrain(w.name, false, text);
        unfence(w);
    }

    private void script(Watched w, String vip, String mac, String what) {
        Optional<Script> s = w.settings.script();
        if (s.isEmpty()) {
            return;
        }
        List<String> argv = new ArrayList<>(s.get().argv());
        argv.addAll(List.of(w.name, vip, mac, what));
        notify.run(new Action.RunNotify(w.name, Action.NotifyKind.SPLIT_BRAIN, argv, false));
    }

    // ---- status -----------------------------------------------------------------------------

    /** Loop thread: the instance's watch as status shows it. */
    public SplitBrainView view(String instance) {
        Watched w = watched.get(instance);
        if (w == null) {
            return SplitBrainView.OFF;
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        w.evidence.forEach((k, n) -> counts.put(k.label(), n));
        Optional<Episode> e = w.watch.episode().or(() -> w.last);
        return new SplitBrainView(true, w.watch.episode().isPresent(), w.since.map(Instant::toString),
                e.map(x -> x.confirming().kind().label()), e.map(Episode::peerMac), e.map(x -> vip(w, x)),
                e.flatMap(x -> x.confirming().source().or(() -> x.first().source())), w.episodes, counts);
    }

    @Override
    public void close() {
        sockets.values().forEach(PacketSocket::close);
        sockets.clear();
    }
}
