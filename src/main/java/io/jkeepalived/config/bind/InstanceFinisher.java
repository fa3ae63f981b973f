package io.jkeepalived.config.bind;

import io.jkeepalived.config.model.Authentication;
import io.jkeepalived.config.model.Family;
import io.jkeepalived.config.model.Garp;
import io.jkeepalived.config.model.GlobalDefs;
import io.jkeepalived.config.model.VirtualIp;
import io.jkeepalived.config.model.SplitBrain;
import io.jkeepalived.config.model.Vmac;
import io.jkeepalived.config.model.VrrpInstance;
import io.jkeepalived.config.model.VrrpState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns what an instance block said into the instance keepalived would run: defaults from the
 * globals, the priority/state pairing, advert_int rounding per version, family and version rules,
 * and the strict-mode overrides of behaviour §3.10, each reported where it changes the config.
 */
final class InstanceFinisher {
    private InstanceFinisher() {}

    static Optional<VrrpInstance> finish(VrrpInstanceBinder.I i, GlobalDefs g, Ctx c) {
        String who = "(" + i.name + ") ";
        if (i.vrid.isEmpty()) {
            c.error(i.pos, who + "virtual_router_id must be set; instance ignored");
            return Optional.empty();
        }
        // Family comes from the first VIP; VIPs of the other family cannot be advertised.
        // native_ipv6 (deprecated) still forces the instance to IPv6, as keepalived 2.2.7 does.
        Family family = i.nativeIpv6 ? Family.INET6
                : i.vips.isEmpty() ? Family.INET : i.vips.getFirst().address().family();
        List<VirtualIp> vips = new ArrayList<>();
        for (int k = 0; k < i.vips.size(); k++) {
            VirtualIp v = i.vips.get(k);
            if (v.address().family() != family) {
                c.error(i.vipPos.get(k), who + "virtual_ipaddress " + v.address() + " is not the instance's address"
                        + " family (" + (family == Family.INET ? "IPv4" : "IPv6") + "); ignored",
                        "put addresses of the other family in virtual_ipaddress_excluded");
            } else {
                vips.add(v);
            }
        }
        boolean strict = i.strict.orElse(g.vrrpStrict());
        int version = i.version.orElse(g.vrrpVersion());
        if (family == Family.INET6 && version == 2) {
            // keepalived 2.2.7 (checked with -d) keeps an explicit "version 2" on IPv6, auth included;
            // only the default version becomes 3
            if (i.version.isPresent()) {
                c.warning(i.versionPos, who + "VRRP version 2 over IPv6 is not standard (RFC 5798 defines IPv6 for"
                        + " version 3); kept as configured");
            } else {
                version = 3;
            }
        }
        // priority and state: MASTER without a priority means owner (255); no state is derived from priority.
        int priority = i.priority.orElse(i.state.orElse(VrrpState.BACKUP) == VrrpState.MASTER ? 255 : 100);
        VrrpState state = i.state.orElse(priority == 255 ? VrrpState.MASTER : VrrpState.BACKUP);
        if (i.iface.isEmpty()) {
            // the man page allows unicast without an interface, but keepalived 2.2.7 -t rejects it
            c.error(i.pos, who + "no interface given");
        }
        Duration advert = advertInt(i, version, c, who);
        Optional<Authentication> auth = Optional.empty();
        if (i.authPos != null) {
            if (version == 3) {
                c.error(i.authPos, who + "authentication is not supported with VRRP version 3; ignored");
            } else if (i.authPass.isEmpty() && i.authType.orElse(Authentication.AuthType.PASS) == Authentication.AuthType.PASS) {
                c.error(i.authPos, who + "authentication has no auth_pass; ignored");
            } else {
                auth = Optional.of(new Authentication(i.authType.orElse(Authentication.AuthType.PASS), i.authPass.orElse("")));
            }
        }
        if (state == VrrpState.MASTER && priority != 255
                && auth.map(a -> a.authType() == Authentication.AuthType.AH).orElse(false)) {
            c.error(i.statePos != null ? i.statePos : i.pos, who + "initial state MASTER is incompatible with AH"
                    + " authentication; state set to BACKUP");
            state = VrrpState.BACKUP;
        }
        boolean nopreempt = i.nopreempt;
        Duration preemptDelay = i.preemptDelay.orElse(Duration.ZERO);
        int downTimerAdverts = i.downTimerAdverts.orElse(g.vrrpDownTimerAdverts());
        boolean lowerPrioNoAdvert = i.lowerPrioNoAdvert.orElse(g.vrrpLowerPrioNoAdvert());
        boolean higherPrioSendAdvert = i.higherPrioSendAdvert.orElse(g.vrrpHigherPrioSendAdvert());
        Optional<Vmac> vmac = i.vmac.map(v -> new Vmac(v.name(), v.mac(), i.vmacXmitBase));
        if (vmac.isPresent() && !i.peers.isEmpty() && !i.vmacXmitBase) {
            c.error(i.vmacPos, who + "unicast with use_vmac requires vmac_xmit_base; set");
            vmac = Optional.of(new Vmac(vmac.get().name(), vmac.get().mac(), true));
        }
        int lowerPrioRepeat = i.lowerPrioRepeat.or(g::vrrpGarpLowerPrioRepeat).orElse(i.garpRepeat.orElse(g.vrrpGarpMasterRepeat()));
        boolean accept;
        if (strict) {
            if (vips.isEmpty() && !i.noVips) c.error(i.pos, who + "strict mode requires at least one virtual_ipaddress");
            if (!i.peers.isEmpty()) {
                // keepalived 2.2.7 -t accepts this; RFC strictness forbids unicast on a multicast-capable link
                c.warning(i.pos, who + "unicast_peer does not comply with strict mode on a multicast-capable interface");
            }
            if (state == VrrpState.MASTER && priority != 255) {
                c.error(i.statePos != null ? i.statePos : i.pos, who + "strict mode requires priority 255 for state"
                        + " MASTER; state set to BACKUP");
                state = VrrpState.BACKUP;
            }
            if (auth.isPresent()) {
                c.error(i.authPos, who + "strict mode does not support authentication; ignored");
                auth = Optional.empty();
            }
            if (!preemptDelay.isZero()) {
                c.error(i.preemptDelayPos, who + "preempt_delay is not supported in strict mode; ignored");
                preemptDelay = Duration.ZERO;
            }
            if (i.downTimerAdverts.isPresent() && downTimerAdverts != 3) {
                c.error(i.pos, who + "strict mode requires down_timer_adverts 3; set to 3");
            }
            downTimerAdverts = 3;
            if (version == 2 && i.accept.orElse(false)) {
                c.error(i.acceptPos, who + "accept mode is not supported with VRRP version 2 in strict mode; ignored");
            }
            accept = version == 3 ? i.accept.orElse(priority == 255) : priority == 255;
            lowerPrioNoAdvert = true;
            higherPrioSendAdvert = false;
            lowerPrioRepeat = 0;
            if (family == Family.INET6 && !vips.isEmpty() && !vips.getFirst().address().address().isLinkLocalAddress()) {
                c.error(i.vipPos.getFirst(), who + "strict mode requires the first IPv6 VIP to be link-local");
            }
            if (vmac.isPresent() && (i.vmacXmitBase || vmac.get().mac().isPresent())) {
                c.error(i.pos, who + "strict mode does not allow vmac_xmit_base or a VMAC MAC address; ignored");
                vmac = Optional.of(new Vmac(vmac.get().name(), Optional.empty(), false));
            }
        } else {
            accept = i.accept.orElse(true);
        }
        if (nopreempt && (state == VrrpState.MASTER || priority == 255)) {
            c.error(i.nopreemptPos, who + "nopreempt is ignored with state MASTER or priority 255");
            nopreempt = false;
        }
        if (!preemptDelay.isZero() && (state == VrrpState.MASTER || nopreempt)) {
            c.error(i.preemptDelayPos, who + "preempt_delay is ignored with " + (nopreempt ? "nopreempt" : "state MASTER"));
            preemptDelay = Duration.ZERO;
        }
        if (i.timerExpiredBackup.isPresent() && !nopreempt) {
            c.warning(i.pos, who + "timer_expired_backup requires nopreempt; ignored");
        }
        if (vips.isEmpty() && !i.noVips && !strict) {
            c.error(i.pos, who + "no virtual_ipaddress configured; at least one is needed",
                    "use no_virtual_ipaddress if this is intended");
        }
        Garp garp = new Garp(
                i.garpDelay.orElse(g.vrrpGarpMasterDelay()),
                i.garpRepeat.orElse(g.vrrpGarpMasterRepeat()),
                i.garpRefresh.orElse(g.vrrpGarpMasterRefresh()),
                i.garpRefreshRepeat.orElse(g.vrrpGarpMasterRefreshRepeat()),
                i.lowerPrioDelay.or(g::vrrpGarpLowerPrioDelay).orElse(i.garpDelay.orElse(g.vrrpGarpMasterDelay())),
                lowerPrioRepeat);
        // An address without dev goes on the instance's interface, or on its VMAC when use_vmac is set.
        Optional<String> addrDev = vmac.isPresent()
                ? Optional.of(vmac.get().name().orElse(g.vmacPrefix() + "." + i.vrid.get())) : i.iface;
        return Optional.of(new VrrpInstance(i.name, state, i.iface, i.vrid.get(), priority, advert, version, family,
                withDev(vips, addrDev), withDev(i.evips, addrDev), i.noVips, i.routes, i.rules, auth, i.unicastSrc, i.peers, i.unicastTtl.orElse(255),
                i.mcastSrc, i.mcastDst, nopreempt, preemptDelay, accept, strict,
                i.skipCheckAdvAddr.orElse(g.vrrpSkipCheckAdvAddr()), i.dontTrackPrimary,
                TrackRefs.of(i.refs, "track_interface"), TrackRefs.of(i.refs, "track_script"),
                TrackRefs.of(i.refs, "track_file"), TrackRefs.of(i.refs, "track_process"),
                TrackRefs.of(i.refs, "track_bfd"), garp, downTimerAdverts, lowerPrioNoAdvert, higherPrioSendAdvert,
                vmac, i.promoteSecondaries, i.timerExpiredBackup, i.notify.build(), i.smtpAlert,
                new SplitBrain(i.splitBrainInterval.orElse(g.splitBrainInterval()), i.notifySplitBrain,
                        i.splitBrainFault)));
    }

    static List<VirtualIp> withDev(List<VirtualIp> in, Optional<String> dev) {
        if (dev.isEmpty()) return in;
        var out = new ArrayList<VirtualIp>(in.size());
        for (VirtualIp v : in) {
            out.add(v.dev().isPresent() ? v : new VirtualIp(v.address(), dev, v.label(), v.brd(), v.scope(), v.peer(),
                    v.noTrack(), v.preferredLft(), v.home(), v.nodad(), v.mngtmpaddr(), v.noprefixroute(), v.autojoin(),
                    v.useVmac(), v.trackGroup()));
        }
        return java.util.Collections.unmodifiableList(out);
    }

    /** v2: whole seconds 1..255, fractions rounded with a warning. v3: 10 ms steps, 0.01..40.95 s. */
    static Duration advertInt(VrrpInstanceBinder.I i, int version, Ctx c, String who) {
        if (i.advertInt.isEmpty()) return Duration.ofSeconds(1);
        long micros = i.advertInt.get().toNanos() / 1000;
        if (version == 2) {
            long secs = Math.max(1, (micros + 500_000) / 1_000_000);
            if (secs * 1_000_000 != micros) {
                c.error(i.advertPos, who + "VRRP version 2 advert_int must be whole seconds; rounded to " + secs);
            }
            return Duration.ofSeconds(secs);
        }
        long centis = (micros + 5_000) / 10_000;
        if (centis < 1 || centis > 4095) {
            c.error(i.advertPos, who + "advert_int " + micros / 1e6 + " is out of range 0.01..40.95 for version 3;"
                    + " using 1");
            return Duration.ofSeconds(1);
        }
        if (centis * 10_000 != micros) {
            c.error(i.advertPos, who + "advert_int rounded to " + centis / 100.0 + " (10 ms steps)");
        }
        return Duration.ofMillis(centis * 10);
    }
}
