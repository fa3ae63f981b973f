package io.jkeepalived.vrrp.sim;

import io.jkeepalived.vrrp.engine.Event;
import io.jkeepalived.vrrp.engine.IpAddr;
import io.jkeepalived.vrrp.engine.RouterSpec;
import io.jkeepalived.vrrp.wire.AddressList;
import io.jkeepalived.vrrp.wire.AddressMismatchPolicy;
import io.jkeepalived.vrrp.wire.AdvertEncoder;
import io.jkeepalived.vrrp.wire.AdvertValidator;
import io.jkeepalived.vrrp.wire.AdvertView;
import io.jkeepalived.vrrp.wire.Advertisement;
import io.jkeepalived.vrrp.wire.ChecksumMode;
import io.jkeepalived.vrrp.wire.IpFamily;
import io.jkeepalived.vrrp.wire.ReceiveProfile;
import io.jkeepalived.vrrp.wire.RejectReason;
import io.jkeepalived.vrrp.wire.UnicastPeers;
import io.jkeepalived.vrrp.wire.Verdict;
import io.jkeepalived.vrrp.wire.VrrpHeader;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The simulated LAN's bytes: a sender's advert goes through the real {@link AdvertEncoder} (IPv4
 * with its header, IPv6 as the payload with the checksum the kernel would fill in), and a receiver
 * wraps it in an {@link AdvertView}, finds its instance by VRID and runs {@link AdvertValidator}
 * against the {@link ReceiveProfile} the daemon would build from the same config, exactly the
 * daemon's receive path. So a VIP list, VRID, password or v2 interval that differs after a reload
 * makes peers deaf to each other for the reason keepalived gives, not because the simulator says so.
 */
final class Wire {
    private static final byte[] GROUP_V6 = InetAddress.ofLiteral("ff02::12").getAddress();

    private final AdvertView view = new AdvertView();
    private final MemorySegment source6 = MemorySegment.ofArray(new byte[16]);
    private final MemorySegment destination6 = MemorySegment.ofArray(GROUP_V6.clone());
    /** Packets the receive path dropped, by reason (config differences during rollouts, wrong VRID or password). */
    final long[] rejected = new long[RejectReason.values().length];

    /** What the daemon's planner makes of one instance: its advert template and receive profile. */
    record Plan(int vrid, Advertisement advert, ReceiveProfile profile) {
    }

    static Plan plan(Scenario sc, int node, RouterSpec spec) {
        IpFamily family = spec.ipv6() ? IpFamily.IPV6 : IpFamily.IPV4;
        List<InetAddress> vips = new ArrayList<>();
        for (String id : spec.vips()) {
            vips.add(InetAddress.ofLiteral(Scenario.address(id)));
        }
        AddressList list = AddressList.of(family, vips);
        int slot = spec.name().charAt(3) - '1';
        Advertisement ad;
        if (spec.version() == 3) {
            ad = Advertisement.v3(spec.vrid(), spec.basePriority(), spec.advertIntervalCentis(), list,
                    ChecksumMode.PSEUDO_HEADER);
        } else if (sc.authPass) {
            ad = Advertisement.v2Pass(spec.vrid(), spec.basePriority(), spec.advertIntervalCentis() / 100,
                    sc.password(node, slot), list);
        } else {
            ad = Advertisement.v2(spec.vrid(), spec.basePriority(), spec.advertIntervalCentis() / 100, list);
        }
        ReceiveProfile profile = new ReceiveProfile(ad.version(), family, ad.authType(), ad.authData(),
                spec.advertIntervalCentis(), false, list, UnicastPeers.none(family), false, ChecksumMode.PSEUDO_HEADER,
                AddressMismatchPolicy.DROP, spec.owner() && spec.strict(), false);
        return new Plan(spec.vrid(), ad, profile);
    }

    /** The bytes one advert puts on the LAN (IPv4: header and VRRP; IPv6: the VRRP payload). */
    static byte[] encode(Advertisement template, int priority, IpAddr source, int ipId) {
        Advertisement ad = template.withPriority(priority);
        if (ad.family() == IpFamily.IPV4) {
            byte[] packet = new byte[AdvertEncoder.ipv4PacketLength(ad)];
            AdvertEncoder.encodeIpv4(ad, (int) source.lo(), VrrpHeader.GROUP_V4, VrrpHeader.TTL, ipId,
                    MemorySegment.ofArray(packet), 0);
            return packet;
        }
        byte[] packet = new byte[ad.vrrpLength()];
        AdvertEncoder.encodeIpv6(ad, MemorySegment.ofArray(source.toBytes()), MemorySegment.ofArray(GROUP_V6),
                MemorySegment.ofArray(packet), 0);
        return packet;
    }

    /**
     * The receive path: parse, dispatch by VRID to the instance on this LAN ({@code plan}), validate.
     * Returns the engine event, or empty when the daemon would drop the packet. (No instance here
     * uses skip_check_adv_addr, so whether it comes from the current master does not matter.)
     */
    Optional<Event.AdvertReceived> receive(byte[] packet, IpAddr source, Plan plan) {
        MemorySegment seg = MemorySegment.ofArray(packet);
        boolean v6 = plan.profile().family() == IpFamily.IPV6;
        if (v6) {
            MemorySegment.copy(MemorySegment.ofArray(source.toBytes()), 0, source6, 0, 16);
        }
        var bad = v6 ? view.wrapIpv6(seg, 0, packet.length, source6, destination6, VrrpHeader.TTL)
                : view.wrapIpv4(seg, 0, packet.length);
        if (bad.isPresent()) {
            rejected[bad.get().ordinal()]++;
            return Optional.empty();
        }
        if (view.vrid() != plan.vrid()) {
            rejected[RejectReason.UNKNOWN_VRID.ordinal()]++;
            return Optional.empty();
        }
        if (AdvertValidator.validate(view, plan.profile()) instanceof Verdict.Rejected r) {
            rejected[r.reason().ordinal()]++;
            return Optional.empty();
        }
        IpAddr src = v6 ? new IpAddr(view.sourceIpv6High(), view.sourceIpv6Low(), true)
                : new IpAddr(0, view.sourceIpv4() & 0xFFFF_FFFFL, false);
        return Optional.of(new Event.AdvertReceived(src, view.priority(), view.adverIntCentis()));
    }
}
