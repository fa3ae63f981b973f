package io.jkeepalived.vrrp.engine;

import io.jkeepalived.vrrp.engine.Action.LogMessage;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * A router taking a new spec in place ({@link Event.Reconfigured}). A part of
 * {@link VirtualRouter}, kept apart so that each file holds one concern.
 */
final class RouterReload {
    private RouterReload() {
    }

    /**
     * A reload changed this instance's settings (behaviour §3.13): the state is kept, so there is no
     * election and no GARP. Tracker reports are kept by id; a tracker new to a running router counts
     * only from its first report, so adding a weight-0 script to a MASTER cannot fault it before the
     * script has run. A MASTER advertises at once when its priority or interval changed, so peers
     * see the new values without waiting an interval. A MASTER releases the VIPs, routes and rules
     * that went away and adds (and announces) the new ones; their ids carry every detail, so a
     * changed address is a removed id and a new one.
     */
    static void reconfigure(VirtualRouter r, RouterSpec next, long now, Consumer<Action> out) {
        if (!next.name().equals(r.spec.name()) || next.vrid() != r.spec.vrid() || next.version() != r.spec.version()
                || next.ipv6() != r.spec.ipv6()) {
            out.accept(new LogMessage(r.spec.name(), "reconfiguration with another VRID, version or family ignored:"
                    + " the instance has to be restarted"));
            return;
        }
        boolean running = r.state == VrrpState.MASTER || r.state == VrrpState.BACKUP || r.state == VrrpState.FAULT;
        boolean wasFaulty = r.faulty();
        int oldEffective = r.effectivePriority;
        int oldInterval = r.spec.advertIntervalCentis();
        r.trackers.retain(next.trackers(), running);
        if (next.basePriority() != r.spec.basePriority()) {
            r.basePriority = next.basePriority();
            r.demotedForRival = false;
        }
        RouterSpec old = r.spec;
        r.spec = next;
        if (r.state == VrrpState.MASTER && r.releasedFor == next) {
            MasterResources.takeNew(old, next, r.owner(), out);
        } else if (r.state == VrrpState.MASTER) {
            MasterResources.swap(old, next, r.owner(), out);
        }
        r.releasedFor = null;
        if (!old.announcedAddresses().equals(next.announcedAddresses()) || !old.garp().equals(next.garp())) {
            r.garps.cancelAll();
            r.garps = new GarpScheduler(next.name(), next.announcedAddresses(), next.garp().intervalNanos());
            if (r.state == VrrpState.MASTER) {
                GarpSpec g = next.garp();
                r.garps.refresh(now + g.masterRefreshNanos(), g.masterRefreshNanos(), g.refreshRepeat());
            }
        }
        boolean intervalChanged = oldInterval != next.advertIntervalCentis();
        if (intervalChanged) {
            Arrays.fill(r.advertCache, null);
        }
        if (intervalChanged && (r.state == VrrpState.MASTER || next.version() == 2)) {
            r.masterAdverCentis = next.advertIntervalCentis();
        }
        r.downTimerMicros = r.fullDownMicros();
        r.priorityMayHaveChanged(now, out);
        if (r.state == VrrpState.MASTER && (intervalChanged || r.effectivePriority != oldEffective)) {
            r.sendAdvert(r.effectivePriority, now, out);
            r.deadline = now + r.spec.advertIntervalNanos();
        }
        if (wasFaulty != r.faulty()) {
            r.faultConditionChanged(now, out);
        }
    }
}
