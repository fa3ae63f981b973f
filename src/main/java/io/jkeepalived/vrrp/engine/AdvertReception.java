package io.jkeepalived.vrrp.engine;

import io.jkeepalived.vrrp.engine.Action.LogMessage;
import io.jkeepalived.vrrp.engine.Action.LowerPriorityAdvert;
import io.jkeepalived.vrrp.engine.Action.NotifyKind;
import io.jkeepalived.vrrp.engine.Action.RunNotify;
import io.jkeepalived.vrrp.engine.Action.WriteFifo;
import java.util.function.Consumer;

/**
 * What a router does with a validated advertisement: RFC 3768 and RFC 5798 section 6.4.2 in BACKUP, 6.4.3
 * in MASTER, with keepalived's additions (preempt_delay, lower-priority answers, rival address
 * owners). A part of {@link VirtualRouter}, kept apart so that each file holds one concern; it works
 * on the router's state directly and changes state only through its funnel.
 */
final class AdvertReception {
    private AdvertReception() {
    }

    static void receive(VirtualRouter r, Event.AdvertReceived a, long now, Consumer<Action> out) {
        if (a.priority() < 0 || a.priority() > 255) {
            return;
        }
        if (r.owner() && r.spec.ownerIgnoreAdverts()) {
            return;
        }
        switch (r.state) {
            case BACKUP -> backupReceives(r, a, now, out);
            case MASTER -> masterReceives(r, a, now, out);
            case INIT, FAULT, STOP, DELETED -> { }
        }
    }

    /** RFC 3768 §6.4.2 / RFC 5798 §6.4.2 with keepalived's preempt_delay (behaviour §3.4 "In BACKUP"). */
    private static void backupReceives(VirtualRouter r, Event.AdvertReceived a, long now, Consumer<Action> out) {
        r.ownerStartPending = false;
        if (a.priority() == 0) {
            r.downTimerMicros = r.skewMicros();
            r.deadline = now + r.downTimerMicros * 1000;
            r.masterResigned = true;
            return;
        }
        boolean preemptDelayRunning = r.spec.preemptDelayNanos() > 0 && (r.preemptUntil < 0 || r.preemptUntil > now);
        boolean nopreempt = r.spec.nopreempt() && !r.owner();
        if (nopreempt || a.priority() >= r.effectivePriority || preemptDelayRunning) {
            if (r.spec.version() == 3) {
                r.masterAdverCentis = a.advertIntervalCentis();
            }
            r.downTimerMicros = r.fullDownMicros();
            r.deadline = now + r.downTimerMicros * 1000;
            r.masterAddress = a.source();
            r.masterPriority = a.priority();
            r.masterResigned = false;
            if (r.spec.preemptDelayNanos() > 0) {
                if (a.priority() >= r.effectivePriority) {
                    r.preemptUntil = -1;
                } else if (r.preemptUntil < 0) {
                    r.preemptUntil = now + r.spec.preemptDelayNanos();
                }
            }
            r.wantMaster = false;
        } else {
            r.masterAddress = a.source();
            out.accept(new LowerPriorityAdvert(r.spec.name(), a.source(), a.priority(), r.effectivePriority, false, false));
        }
    }

    /** RFC 3768 §6.4.3 / RFC 5798 §6.4.3 with keepalived's additions (behaviour §3.4 "In MASTER"). */
    private static void masterReceives(VirtualRouter r, Event.AdvertReceived a, long now, Consumer<Action> out) {
        int cmp = a.source().compareTo(r.spec.primaryAddress());
        int rx = a.priority();
        boolean better = rx > r.effectivePriority || (rx == r.effectivePriority && cmp > 0);
        if (rx == 0 || (r.spec.higherPrioSendAdvert() && better)) {
            r.sendAdvert(r.effectivePriority, now, out);
            if (rx == 0) {
                return;
            }
        }
        if (rx == r.effectivePriority) {
            if (cmp == 0) {
                out.accept(new LogMessage(r.spec.name(), LogMessage.OWN_ADDRESS_ADVERT));
                return;
            }
            if (r.effectivePriority == RouterSpec.OWNER && cmp < 0) {
                rivalOwnerSeen(r, a, now, out);
            }
        }
        if (rx < r.effectivePriority || (rx == r.effectivePriority && cmp < 0)) {
            lowerPriorityAdvert(r, a, now, out);
            return;
        }
        if (rx > r.effectivePriority || cmp > 0) {
            if (r.spec.version() == 3) {
                r.masterAdverCentis = a.advertIntervalCentis();
            }
            r.masterAddress = a.source();
            r.masterPriority = rx;
            r.downTimerMicros = r.fullDownMicros();
            TransitionReason why = rx > r.effectivePriority ? TransitionReason.HIGHER_PRIORITY_ADVERT
                    : TransitionReason.EQUAL_PRIORITY_HIGHER_ADDRESS;
            r.changeState(VrrpState.BACKUP, why, "from " + a.source() + " priority " + rx + ", ours "
                    + r.effectivePriority, now, out, true);
        }
    }

    private static void lowerPriorityAdvert(VirtualRouter r, Event.AdvertReceived a, long now, Consumer<Action> out) {
        out.accept(new LowerPriorityAdvert(r.spec.name(), a.source(), a.priority(), r.effectivePriority, true,
                !r.spec.lowerPrioNoAdvert()));
        if (!r.spec.lowerPrioNoAdvert()) {
            r.sendAdvert(r.effectivePriority, now, out);
        }
        r.lowerPrioGarps(now, out);
        if (r.group != null) {
            r.group.lowerPrioGarpsOnPeers(r, now, out);
        }
        r.spec.notifications().masterRxLowerPri().ifPresent(argv ->
                out.accept(new RunNotify(r.spec.name(), NotifyKind.MASTER_RX_LOWER_PRI, argv)));
        if (r.spec.notifications().fifo()) {
            out.accept(new WriteFifo(r.spec.name(), Notifications.fifoLine("INSTANCE", r.spec.name(), "MASTER_RX_LOWER_PRI",
                    r.effectivePriority)));
        }
    }

    /**
     * Two address owners (behaviour §3.4): we have the higher address, so the rival backs off on its
     * own; if it keeps advertising for two more of our adverts plus 1.2 × the larger interval
     * (it may ignore adverts), we drop to 254 until it disappears.
     */
    private static void rivalOwnerSeen(VirtualRouter r, Event.AdvertReceived a, long now, Consumer<Action> out) {
        long ours = r.spec.advertIntervalNanos();
        long larger = Math.max(ours, a.advertIntervalCentis() * 10_000_000L);
        if (r.rivalDeadline < 0 || now - r.lastRivalAdvert > 3 * larger) {
            r.rivalDeadline = now + 2 * ours + larger * 6 / 5;
            out.accept(new LogMessage(r.spec.name(), "CONFIGURATION ERROR: local and remote instance " + a.source()
                    + " are both address owner, please fix"));
        } else if (now >= r.rivalDeadline) {
            out.accept(new LogMessage(r.spec.name(), "rival address owner " + a.source()
                    + " still advertising - reducing local priority to 254"));
            r.demotedForRival = true;
            r.rivalDeadline = -1;
            r.basePriority = RouterSpec.OWNER - 1;
            r.priorityMayHaveChanged(now, out);
        }
        r.lastRivalAdvert = now;
    }
}
