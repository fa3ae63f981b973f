package io.jkeepalived.daemon.kernel;

import io.jkeepalived.daemon.stats.InstanceCounters;
import io.jkeepalived.daemon.stats.SocketDrops;

import io.jkeepalived.vrrp.engine.Event;
import io.jkeepalived.vrrp.engine.IpAddr;
import io.jkeepalived.vrrp.wire.AdvertValidator;
import io.jkeepalived.vrrp.wire.AdvertView;
import io.jkeepalived.vrrp.wire.IpFamily;
import io.jkeepalived.vrrp.wire.ReceiveProfile;
import io.jkeepalived.vrrp.wire.RejectReason;
import io.jkeepalived.vrrp.wire.Verdict;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.util.Optional;

/**
 * The receive path of one VRRP socket (one family on one interface): header parse, dispatch by
 * VRID to the instance registered for it, validation against that instance's
 * {@link ReceiveProfile}, then the engine event. Every rejection is counted, per instance where
 * the VRID is known, else on the socket. Allocation-free apart from the event handed to the engine
 * (and, for IPv6, the address bytes the socket layer already allocated).
 */
public final class AdvertDispatcher {

    /** One registered instance. {@code lastMaster} lets skip_check_adv_addr skip re-checks of the same master. */
    private static final class Slot {
        final String instance;
        final ReceiveProfile profile;
        final InstanceCounters counters;
        boolean haveMaster;
        long masterHi;
        long masterLo;

        Slot(String instance, ReceiveProfile profile, InstanceCounters counters) {
            this.instance = instance;
            this.profile = profile;
            this.counters = counters;
        }
    }

    private final IpFamily family;
    private final String ifname;
    private final Slot[] byVrid = new Slot[256];
    private final AdvertView view = new AdvertView();
    private final SocketDrops drops;
    private final MemorySegment source6;
    private final MemorySegment destination6;

    public AdvertDispatcher(IpFamily family, String ifname) {
        this(family, ifname, new SocketDrops(ifname, family == IpFamily.IPV6));
    }

    /** With the drop counters of a socket that existed before (the interface came back). */
    AdvertDispatcher(IpFamily family, String ifname, SocketDrops drops) {
        this.family = family;
        this.ifname = ifname;
        this.drops = drops;
        Arena arena = Arena.ofAuto();
        this.source6 = arena.allocate(16);
        this.destination6 = arena.allocate(16);
    }

    public IpFamily family() {
        return family;
    }

    public String ifname() {
        return ifname;
    }

    /** Registers an instance for its VRID; false if another instance already has that VRID here. */
    public boolean register(int vrid, String instance, ReceiveProfile profile, InstanceCounters counters) {
        if (byVrid[vrid] != null) {
            return false;
        }
        byVrid[vrid] = new Slot(instance, profile, counters);
        return true;
    }

    public void unregister(int vrid) {
        byVrid[vrid] = null;
    }

    public boolean isEmpty() {
        for (Slot s : byVrid) {
            if (s != null) {
                return false;
            }
        }
        return true;
    }

    /** Packets dropped before an instance was known (bad header, unknown VRID). */
    public long socketRejects(RejectReason reason) {
        return drops.get(reason);
    }

    /**
     * Handles one received IPv4 packet (IP header included).
     * @return the reason it was dropped, or empty when it went to the engine
     */
    public Optional<RejectReason> dispatchIpv4(MemorySegment packet, long offset, int length, AdvertSink sink) {
        Optional<RejectReason> bad = view.wrapIpv4(packet, offset, length);
        if (bad.isPresent()) {
            drops.count(bad.get());
            return bad;
        }
        return route(sink);
    }

    /** Handles one received IPv6 VRRP payload with the addresses and hop limit from the ancillary data. */
    public Optional<RejectReason> dispatchIpv6(MemorySegment payload, long offset, int length, InetAddress source,
                                               InetAddress destination, int hopLimit, AdvertSink sink) {
        copy16(source, source6);
        copy16(destination, destination6);
        Optional<RejectReason> bad = view.wrapIpv6(payload, offset, length, source6, destination6, hopLimit);
        if (bad.isPresent()) {
            drops.count(bad.get());
            return bad;
        }
        return route(sink);
    }

    private static void copy16(InetAddress a, MemorySegment into) {
        byte[] b = a.getAddress();
        if (b.length == 16) {
            MemorySegment.copy(b, 0, into, ValueLayout.JAVA_BYTE, 0, 16);
        } else {
            into.fill((byte) 0);
        }
    }

    private Optional<RejectReason> route(AdvertSink sink) {
        Slot slot = byVrid[view.vrid()];
        if (slot == null) {
            drops.count(RejectReason.UNKNOWN_VRID);
            return RejectReason.UNKNOWN_VRID.asOptional();
        }
        slot.counters.received();
        long hi = family == IpFamily.IPV6 ? view.sourceIpv6High() : 0;
        long lo = family == IpFamily.IPV6 ? view.sourceIpv6Low() : view.sourceIpv4() & 0xFFFF_FFFFL;
        boolean fromMaster = slot.haveMaster && slot.masterHi == hi && slot.masterLo == lo;
        Verdict v = AdvertValidator.validate(view, slot.profile, fromMaster);
        if (v instanceof Verdict.Rejected r) {
            slot.counters.reject(r.reason());
            sink.rejected(slot.instance, r.reason(), new IpAddr(hi, lo, family == IpFamily.IPV6));
            return r.reason().asOptional();
        }
        slot.haveMaster = true;
        slot.masterHi = hi;
        slot.masterLo = lo;
        IpAddr src = new IpAddr(hi, lo, family == IpFamily.IPV6);
        if (view.priority() == 0) {
            slot.counters.priorityZeroReceived();
        }
        sink.accept(slot.instance, new Event.AdvertReceived(src, view.priority(), view.adverIntCentis()));
        return Optional.empty();
    }
}
