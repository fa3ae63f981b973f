package io.jkeepalived.vrrp.engine;

import java.util.function.Consumer;

/**
 * A router's single running timer: the master-down expiry in BACKUP, the next advert in MASTER
 * (with keepalived's timer_expired_backup check), and the GARP schedule. A part of
 * {@link VirtualRouter}, kept apart so that each file holds one concern.
 */
final class RouterTimers {
    private RouterTimers() {
    }

    static void fireDue(VirtualRouter r, long now, Consumer<Action> out) {
        r.garps.fire(now, out);
        if (r.deadline > now) {
            return;
        }
        switch (r.state) {
            case BACKUP -> downTimerExpired(r, now, out);
            case MASTER -> advertTimerExpired(r, now, out);
            case INIT, FAULT, STOP, DELETED -> r.deadline = VirtualRouter.NEVER;
        }
    }

    private static void downTimerExpired(VirtualRouter r, long now, Consumer<Action> out) {
        if (r.group != null && !r.group.othersWantMaster(r)) {
            // Held in BACKUP by the sync group: remember we want MASTER and re-arm (behaviour §3.7).
            r.wantMaster = true;
            r.deadline = now + r.downTimerMicros * 1000;
            return;
        }
        r.wantMaster = true;
        if (r.demotedForRival) {
            r.demotedForRival = false;
            r.basePriority = RouterSpec.OWNER;
            r.priorityMayHaveChanged(now, out);
        }
        TransitionReason why = r.ownerStartPending ? TransitionReason.STARTUP_OWNER
                : r.masterResigned ? TransitionReason.PRIORITY_ZERO_RECEIVED : TransitionReason.MASTER_DOWN_TIMER;
        r.ownerStartPending = false;
        r.masterResigned = false;
        if (r.group != null) {
            r.group.goMaster(r, why, now, out);
        } else {
            r.changeState(VrrpState.MASTER, why, "", now, out, true);
        }
    }

    private static void advertTimerExpired(VirtualRouter r, long now, Consumer<Action> out) {
        if (r.spec.timerExpiredBackup().isPresent() && r.lastAdvertSent >= 0) {
            long otherDown = Timers.masterDownMicros(r.spec.version(), r.spec.timerExpiredBackup().getAsInt(),
                    r.spec.advertIntervalCentis(), r.spec.downTimerAdverts()) * 1000;
            if (now - r.lastAdvertSent >= otherDown) {
                r.downTimerMicros = r.fullDownMicros();
                r.changeState(VrrpState.BACKUP, TransitionReason.SCHEDULED_LATE,
                        "advert " + (now - r.lastAdvertSent) / 1000 + " us late; another router may be master", now,
                        out, true);
                return;
            }
        }
        r.sendAdvert(r.effectivePriority, now, out);
        r.deadline = now + r.spec.advertIntervalNanos();
    }
}
