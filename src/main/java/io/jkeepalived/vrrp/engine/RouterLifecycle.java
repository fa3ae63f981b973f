package io.jkeepalived.vrrp.engine;

import java.util.function.Consumer;

/**
 * A router's way in and out: leaving INIT at startup (straight to FAULT, the owner's fast path, the
 * sync group's initial state), graceful shutdown, and removal by a reload. A part of
 * {@link VirtualRouter}, kept apart so that each file holds one concern.
 */
final class RouterLifecycle {
    private RouterLifecycle() {
    }

    static void startup(VirtualRouter r, long now, Consumer<Action> out) {
        if (r.state != VrrpState.INIT) {
            return;
        }
        r.wantMaster = r.spec.startAsMaster();
        if (r.faulty() || (r.group != null && r.group.anyMemberFaulty())) {
            boolean onlyScriptsInInit = r.faults.isEmpty() && r.trackers.onlyUnknownFault(r.spec.trackers());
            r.changeState(VrrpState.FAULT, TransitionReason.STARTUP, "fault at startup", now, out, !onlyScriptsInInit);
            if (r.group != null) {
                r.group.memberFaultChanged(r, now, out);
            }
            return;
        }
        if (r.spec.startAsMaster() && r.spec.owner()) {
            // keepalived's way in: a BACKUP whose down timer expires after 1 µs, without notifies.
            r.downTimerMicros = 1;
            r.ownerStartPending = true;
            r.changeState(VrrpState.BACKUP, TransitionReason.STARTUP_OWNER, "owner with r.state MASTER", now, out, false);
            return;
        }
        if (r.spec.startAsMaster() && r.group != null && r.group.initialState() == VrrpState.BACKUP) {
            r.downTimerMicros = Timers.centisToMicros(r.masterAdverCentis)
                    + Timers.skewMinMicros(r.spec.version(), r.masterAdverCentis);
        } else {
            r.downTimerMicros = r.fullDownMicros();
        }
        r.changeState(VrrpState.BACKUP, TransitionReason.STARTUP, "", now, out, true);
    }

    static void shutdown(VirtualRouter r, long now, Consumer<Action> out) {
        if (r.state == VrrpState.STOP || r.state == VrrpState.DELETED) {
            return;
        }
        r.changeState(VrrpState.STOP, TransitionReason.SHUTDOWN, "", now, out, true);
    }

    /** Removed by reload: leave like a shutdown; notify DELETED only with notify_deleted, else FAULT. */
    static void removed(VirtualRouter r, long now, Consumer<Action> out) {
        if (r.state == VrrpState.STOP || r.state == VrrpState.DELETED) {
            return;
        }
        boolean deleted = r.spec.notifications().notifyDeleted();
        r.changeState(VrrpState.DELETED, TransitionReason.REMOVED, "", now, out, deleted);
        if (!deleted) {
            r.notifiesSent = false;
            r.notifyState(VrrpState.FAULT, out);
        }
    }
}
