package io.jkeepalived.daemon.loop;

import io.jkeepalived.daemon.kernel.KernelPort;
import io.jkeepalived.daemon.log.LogRateLimiter;
import io.jkeepalived.daemon.log.PacketLog;
import io.jkeepalived.daemon.log.VrrpLog;
import io.jkeepalived.daemon.plan.InstancePlan;
import io.jkeepalived.daemon.plan.RoutePlan;
import io.jkeepalived.daemon.plan.RulePlan;
import io.jkeepalived.daemon.plan.VipPlan;
import io.jkeepalived.daemon.stats.InstanceCounters;

import io.jkeepalived.netlink.AddressSpec;
import io.jkeepalived.os.Errno;
import io.jkeepalived.os.OsException;
import io.jkeepalived.vrrp.engine.Action;
import io.jkeepalived.vrrp.wire.AdvertEncoder;
import io.jkeepalived.vrrp.wire.Advertisement;
import io.jkeepalived.vrrp.wire.GratuitousArp;
import io.jkeepalived.vrrp.wire.Ipv4Identification;
import io.jkeepalived.vrrp.wire.UnsolicitedNeighbourAdvert;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Performs the engine's actions against the kernel, in order, on the loop thread. Nothing here
 * throws: a failed send or netlink request is logged with its errno text and counted on the
 * instance, and the loop carries on.
 */
public final class ActionExecutor {
    private final Map<String, InstancePlan> plans;
    private final Map<String, InstanceCounters> counters;
    private final KernelPort kernel;
    private final NotifyPort notify;
    private final boolean releaseOnStop;
    private final MemorySegment buffer = Arena.ofAuto().allocate(2048);
    private final Map<String, AdvertCache> adverts = new HashMap<>();
    /** Per instance name, so an instance kept across a reload keeps counting. */
    private final Map<String, Ipv4Identification> ipIds = new HashMap<>();
    /** IPv4 adverts {@link #queue}d in this turn of the loop, by socket interface. */
    private final Map<String, Queued> queued = new java.util.LinkedHashMap<>();
    private final Set<String> warnedOnce = new HashSet<>();
    private boolean stopping;
    private static final long RESTORE_LOG_WINDOW_NANOS = 10_000_000_000L;
    /** One restore line per resource per window; the rest are counted into the next line. */
    private final LogRateLimiter<String> restoreLog = new LogRateLimiter<>(1, RESTORE_LOG_WINDOW_NANOS);

    /**
     * @param releaseOnStop false with {@code -V}: on shutdown leave VIPs, routes and rules in place
     */
    public ActionExecutor(Map<String, InstancePlan> plans, Map<String, InstanceCounters> counters, KernelPort kernel,
                   NotifyPort notify, boolean releaseOnStop) {
        this.plans = plans;
        this.counters = counters;
        this.kernel = kernel;
        this.notify = notify;
        this.releaseOnStop = releaseOnStop;
    }

    /** From now on removals are skipped when {@code -V} asked to keep addresses on stop. */
    void stopping() {
        stopping = true;
    }

    /**
     * As {@link #execute}, for the loop's turn: an IPv4 advert is queued to go out with the others of
     * the turn ({@link #sendQueued}, one {@code sendmmsg} per interface instead of a system call each);
     * any other action first sends what is queued, so the wire keeps the actions' order (an advert
     * before the gratuitous ARPs that follow it).
     */
    void queue(Action action) {
        if (action instanceof Action.SendAdvert s) {
            InstancePlan plan = plans.get(action.instance());
            if (plan != null && !plan.ipv6()) {
                sendAdvert(plan, counters.get(plan.name()), s.priority(), true);
                return;
            }
        }
        sendQueued();
        execute(action);
    }

    /** Sends the adverts {@link #queue} queued, counting each as sent or refused as an immediate send would. */
    void sendQueued() {
        for (var e : queued.entrySet()) {
            Queued q = e.getValue();
            int n = q.batch.size();
            try {
                for (int i = 0; i < n; ) {
                    try {
                        int sent = kernel.sendAdverts(e.getKey(), q.batch, i);
                        for (int k = i; k < i + sent; k++) q.counters[k].sent(q.priorities[k]);
                        i += sent;
                    } catch (OsException ex) {
                        sendFailed(q.names[i], q.counters[i], ex);
                        i++;
                    }
                }
            } finally {
                q.clear();
            }
        }
    }

    /** One interface's queued IPv4 adverts, with whose they are. */
    private static final class Queued {
        final io.jkeepalived.os.Ipv4Batch batch = new io.jkeepalived.os.Ipv4Batch();
        final String[] names = new String[io.jkeepalived.os.Ipv4Batch.CAPACITY];
        final InstanceCounters[] counters = new InstanceCounters[io.jkeepalived.os.Ipv4Batch.CAPACITY];
        final int[] priorities = new int[io.jkeepalived.os.Ipv4Batch.CAPACITY];

        void clear() {
            batch.clear();
            java.util.Arrays.fill(names, null);
            java.util.Arrays.fill(counters, null);
        }
    }

    public void execute(Action action) {
        InstancePlan plan = plans.get(action.instance());
        if (plan == null) {
            // Group notifies carry the group's name, not an instance's.
            switch (action) {
                case Action.RunNotify n -> notify.run(n);
                case Action.WriteFifo f -> notify.fifo(f.line());
                case Action.LogMessage m -> VrrpLog.message(m);
                case Action.GroupStateChanged g -> notify.groupStateChanged(g.instance(), g.state());
                default -> VrrpLog.LOG.warn("action for unknown instance {}: {}", action.instance(), action);
            }
            return;
        }
        InstanceCounters c = counters.get(plan.name());
        switch (action) {
            case Action.SendAdvert s -> sendAdvert(plan, c, s.priority(), false);
            case Action.AddAddresses a -> {
                VrrpLog.detail("({}) setting VIPs.", plan.name());
                addresses(plan, c, a.vips(), true);
                addresses(plan, c, a.evips(), true);
            }
            case Action.RemoveAddresses r -> {
                if (keep()) {
                    return;
                }
                VrrpLog.detail("({}) removing VIPs.", plan.name());
                addresses(plan, c, r.vips(), false);
                addresses(plan, c, r.evips(), false);
            }
            case Action.AddRoutes r -> routes(plan, c, r.routes(), true);
            case Action.RemoveRoutes r -> {
                if (!keep()) {
                    routes(plan, c, r.routes(), false);
                }
            }
            case Action.AddRules r -> rules(plan, c, r.rules(), true);
            case Action.RemoveRules r -> {
                if (!keep()) {
                    rules(plan, c, r.rules(), false);
                }
            }
            case Action.InstallNoAccept n -> warnOnce(plan.name() + "noaccept", "(" + plan.name()
                    + ") no_accept/strict drop rules are not implemented yet; traffic to the VIPs is accepted");
            case Action.RemoveNoAccept n -> { }
            case Action.SendGratuitous g -> gratuitous(plan, c, g);
            case Action.RunNotify n -> notify.run(n);
            case Action.WriteFifo f -> notify.fifo(f.line());
            case Action.LogTransition t -> {
                c.transition(t.transition(), java.time.Instant.now());
                VrrpLog.transition(t.transition());
                notify.stateChanged(t.instance(), t.transition().to());
            }
            case Action.LogMessage m -> VrrpLog.message(m);
            case Action.GroupStateChanged g -> notify.groupStateChanged(g.instance(), g.state());
            case Action.LowerPriorityAdvert l -> VrrpLog.lowerPriority(l);
            case Action.ResourceRestored r -> restored(plan, c, r);
        }
    }

    /**
     * Counts every restore; logs the first of an episode, then at most once per
     * {@link #RESTORE_LOG_WINDOW_NANOS} per resource, so a script fighting us cannot flood the log.
     */
    private void restored(InstancePlan plan, InstanceCounters c, Action.ResourceRestored r) {
        c.restored();
        String key = plan.name() + ' ' + r.kind() + ' ' + r.id();
        if (!restoreLog.admit(key, System.nanoTime(), (k, n, window) -> VrrpLog.LOG.warn(
                "{}: {} more restore(s) in {} s", k, n, window / 1_000_000_000L))) {
            return;
        }
        String what = switch (r.kind()) {
            case ADDRESS -> {
                VipPlan v = plan.addresses().get(r.id());
                yield "VIP " + (v == null ? r.id() : v.text() + " on " + v.ifname());
            }
            case ROUTE -> {
                RoutePlan rp = plan.routes().get(r.id());
                yield "virtual route " + (rp == null ? r.id() : rp.spec().describe());
            }
            case RULE -> {
                RulePlan rp = plan.rules().get(r.id());
                yield "virtual rule " + (rp == null ? r.id() : rp.spec().describe());
            }
        };
        VrrpLog.LOG.warn("({}) {} was removed by something else while MASTER; restored", plan.name(), what);
    }


    private boolean keep() {
        return stopping && !releaseOnStop;
    }

    private void warnOnce(String key, String text) {
        if (warnedOnce.add(key)) {
            VrrpLog.LOG.warn(text);
        }
    }

    // ---- adverts -----------------------------------------------------------------------------

    /** Adverts by priority for one plan's template; rebuilt when a reload replaces the template. */
    private record AdvertCache(Advertisement base, Advertisement[] byPriority) {}

    private Advertisement advert(InstancePlan plan, int priority) {
        AdvertCache cache = adverts.get(plan.name());
        if (cache == null || cache.base() != plan.advert()) {
            cache = new AdvertCache(plan.advert(), new Advertisement[256]);
            adverts.put(plan.name(), cache);
        }
        Advertisement a = cache.byPriority()[priority];
        if (a == null) {
            a = plan.advert().withPriority(priority);
            cache.byPriority()[priority] = a;
        }
        return a;
    }

    private void sendAdvert(InstancePlan plan, InstanceCounters c, int priority, boolean queue) {
        Advertisement ad = advert(plan, priority);
        if (plan.source().isEmpty()) {
            c.sendError();
            warnOnce(plan.name() + "nosrc", "(" + plan.name() + ") no source address on " + plan.iface()
                    + ": cannot send adverts");
            return;
        }
        InetAddress src = plan.source().get();
        // keepalived numbers rounds, not copies: every unicast peer sees the same ID
        int ipId = plan.ipv6() ? 0 : ipIds.computeIfAbsent(plan.name(), k -> new Ipv4Identification()).next();
        for (InetAddress dst : plan.destinations()) {
            try {
                int n = plan.ipv6() ? AdvertEncoder.encodeIpv6(ad, buffer, 0)
                        : AdvertEncoder.encodeIpv4(ad, ipv4(src), ipv4(dst), plan.ttl(), ipId, buffer, 0);
                if (queue && enqueue(plan, c, priority, buffer.asSlice(0, n))) continue;
                kernel.sendAdvert(plan.socketIface(), plan.ipv6(), buffer.asSlice(0, n), plan.source(), dst,
                        plan.ttl());
                c.sent(priority);
            } catch (OsException e) {
                sendFailed(plan.name(), c, e);
            }
        }
        if (priority == 0) {
            VrrpLog.detail("({}) sent 0 priority", plan.name());
        }
    }

    /** Queues one encoded IPv4 advert for its interface, sending that interface's batch first when full. */
    private boolean enqueue(InstancePlan plan, InstanceCounters c, int priority, MemorySegment datagram) {
        Queued q = queued.computeIfAbsent(plan.socketIface(), k -> new Queued());
        if (!q.batch.fits(datagram)) {
            sendQueued();
            if (!q.batch.fits(datagram)) return false; // larger than a whole batch: sent alone
        }
        int i = q.batch.size();
        q.batch.add(datagram);
        q.names[i] = plan.name();
        q.counters[i] = c;
        q.priorities[i] = priority;
        return true;
    }

    private static void sendFailed(String instance, InstanceCounters c, OsException e) {
        c.sendError();
        if (PacketLog.admit(PacketLog.Reason.ADVERT_SEND_ERROR, instance, System.nanoTime())) {
            VrrpLog.LOG.warn("({}) cannot send advert: {}", instance, e.getMessage());
        }
    }

    static int ipv4(InetAddress a) {
        return ByteBuffer.wrap(a.getAddress()).getInt();
    }

    // ---- addresses, routes, rules ------------------------------------------------------------

    private void addresses(InstancePlan plan, InstanceCounters c, List<String> ids, boolean add) {
        for (String id : ids) {
            VipPlan v = plan.addresses().get(id);
            if (v == null) {
                continue;
            }
            OptionalInt index = kernel.ifindex(v.ifname());
            if (index.isEmpty()) {
                if (add) {
                    c.netlinkError();
                    VrrpLog.LOG.error("({}) cannot add VIP {}: interface {} does not exist", plan.name(), v.text(),
                            v.ifname());
                } else {
                    // The address went away with its interface: nothing to remove.
                    VrrpLog.LOG.debug("({}) VIP {}: interface {} is gone", plan.name(), v.text(), v.ifname());
                }
                continue;
            }
            try {
                try {
                    address(v.onIndex(index.getAsInt()), add);
                } catch (OsException e) {
                    OptionalInt now = e.errno() == Errno.ENODEV ? fresh(v.ifname()) : OptionalInt.empty();
                    if (now.isEmpty() || now.getAsInt() == index.getAsInt()) {
                        throw e;
                    }
                    address(v.onIndex(now.getAsInt()), add); // the interface was re-created
                }
            } catch (OsException e) {
                boolean harmless = add ? e.errno() == Errno.EEXIST : e.errno() == Errno.EADDRNOTAVAIL;
                if (!harmless) {
                    c.netlinkError();
                    VrrpLog.LOG.error("({}) cannot {} VIP {} on {}: {}", plan.name(), add ? "add" : "remove",
                            v.text(), v.ifname(), e.getMessage());
                }
            }
        }
    }

    private void address(AddressSpec a, boolean add) throws OsException {
        if (add) {
            kernel.addAddress(a);
        } else {
            kernel.deleteAddress(a);
        }
    }

    /** The interface's index asked afresh, after the kernel refused the cached one. */
    private OptionalInt fresh(String ifname) {
        kernel.indexStale(ifname);
        return kernel.ifindex(ifname);
    }

    private void routes(InstancePlan plan, InstanceCounters c, List<String> ids, boolean add) {
        for (String id : ids) {
            RoutePlan r = plan.routes().get(id);
            if (r == null) {
                continue;
            }
            var spec = r.spec();
            if (r.dev().isPresent()) {
                OptionalInt index = kernel.ifindex(r.dev().get());
                if (index.isEmpty()) {
                    c.netlinkError();
                    VrrpLog.LOG.error("({}) route {}: interface {} does not exist", plan.name(), spec.describe(),
                            r.dev().get());
                    continue;
                }
                spec = spec.dev(index.getAsInt());
            }
            try {
                if (add) {
                    kernel.addRoute(spec);
                } else {
                    kernel.deleteRoute(spec);
                }
            } catch (OsException e) {
                if (e.errno() == Errno.ENODEV) {
                    r.dev().ifPresent(kernel::indexStale);
                }
                boolean harmless = add ? e.errno() == Errno.EEXIST : e.errno() == Errno.ESRCH;
                if (!harmless) {
                    c.netlinkError();
                    VrrpLog.LOG.error("({}) cannot {} route {}: {}", plan.name(), add ? "add" : "remove",
                            spec.describe(), e.getMessage());
                }
            }
        }
    }

    private void rules(InstancePlan plan, InstanceCounters c, List<String> ids, boolean add) {
        for (String id : ids) {
            RulePlan r = plan.rules().get(id);
            if (r == null) {
                continue;
            }
            try {
                if (add) {
                    kernel.addRule(r.spec());
                } else {
                    kernel.deleteRule(r.spec());
                }
            } catch (OsException e) {
                boolean harmless = add ? e.errno() == Errno.EEXIST : e.errno() == Errno.ENOENT;
                if (!harmless) {
                    c.netlinkError();
                    VrrpLog.LOG.error("({}) cannot {} rule {}: {}", plan.name(), add ? "add" : "remove",
                            r.spec().describe(), e.getMessage());
                }
            }
        }
    }

    // ---- gratuitous ARP / unsolicited NA -----------------------------------------------------

    private void gratuitous(InstancePlan plan, InstanceCounters c, Action.SendGratuitous g) {
        // Lower-priority answers come once per received advert: one rate-limited line per burst.
        boolean perPacket = g.kind() == Action.GarpKind.LOWER_PRIO || g.kind() == Action.GarpKind.LOWER_PRIO_DELAYED;
        for (String id : g.addresses()) {
            VipPlan v = plan.addresses().get(id);
            if (v == null) {
                continue;
            }
            boolean six = v.address() instanceof Inet6Address;
            boolean lines = !perPacket
                    || PacketLog.admit(PacketLog.Reason.LOWER_PRIORITY_GRATUITOUS, plan.name(), System.nanoTime());
            if (lines && VrrpLog.detailOn()) { // v.text() formats the address: not for a line nobody logs
                VrrpLog.detail("({}) Sending/queueing {} on {} for {}", plan.name(),
                        six ? "Unsolicited Neighbour Adverts" : "gratuitous ARPs", v.ifname(), v.text());
            }
            Optional<byte[]> mac = kernel.hardwareAddress(v.ifname());
            if (mac.isEmpty()) {
                c.sendError();
                VrrpLog.LOG.warn("({}) no hardware address for {}: gratuitous packets not sent", plan.name(),
                        v.ifname());
                continue;
            }
            int n = six ? UnsolicitedNeighbourAdvert.build(mac.get(), v.address().getAddress(),
                    kernel.forwardsIpv6(v.ifname()), buffer, 0)
                    : GratuitousArp.build(mac.get(), ipv4((Inet4Address) v.address()), buffer, 0);
            MemorySegment frame = buffer.asSlice(0, n);
            for (int k = 0; k < g.count(); k++) {
                try {
                    kernel.sendFrame(v.ifname(), frame);
                    c.gratuitous();
                    // one line per frame is too many when each received advert causes a burst
                    if (!perPacket && VrrpLog.LOG.isDebugEnabled()) {
                        VrrpLog.LOG.debug("Sending {} on {} for {}",
                                six ? "unsolicited Neighbour Advert" : "gratuitous ARP", v.ifname(), v.text());
                    }
                } catch (OsException e) {
                    c.sendError();
                    if (perPacket && !PacketLog.admit(PacketLog.Reason.GRATUITOUS_SEND_ERROR, plan.name(),
                            System.nanoTime())) {
                        break;
                    }
                    VrrpLog.LOG.warn("({}) cannot send {} for {} on {}: {}", plan.name(),
                            six ? "unsolicited NA" : "gratuitous ARP", v.text(), v.ifname(), e.getMessage());
                    break;
                }
            }
        }
    }
}
