package io.jkeepalived.daemon.stats;

import io.jkeepalived.status.CounterSnapshot;
import io.jkeepalived.status.TransitionRecord;
import io.jkeepalived.vrrp.engine.Transition;
import io.jkeepalived.vrrp.engine.VrrpState;
import io.jkeepalived.vrrp.wire.RejectReason;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Per-instance packet, kernel and transition counters, plus the last few transitions. Written
 * only by the event loop thread; other threads (status, metrics, dumps) read a {@link #snapshot()}
 * taken on the loop, so plain fields suffice. {@link #clear()} is keepalived's STATS_CLEAR.
 */
public final class InstanceCounters {
    /** Transitions kept for the status command. */
    static final int HISTORY = 8;
    private static final RejectReason[] REASONS = RejectReason.values();

    private final long[] rejected = new long[REASONS.length];
    private long advertsReceived;
    private long advertsSent;
    private long priorityZeroReceived;
    private long priorityZeroSent;
    private long becameMaster;
    private long releasedMaster;
    private long sendErrors;
    private long netlinkErrors;
    private long gratuitousSent;
    private long resourcesRestored;
    private final ArrayDeque<TransitionRecord> history = new ArrayDeque<>(HISTORY);

    public void received() {
        advertsReceived++;
    }

    public void priorityZeroReceived() {
        priorityZeroReceived++;
    }

    public void reject(RejectReason reason) {
        rejected[reason.ordinal()]++;
    }

    public void sent(int priority) {
        advertsSent++;
        if (priority == 0) {
            priorityZeroSent++;
        }
    }

    public void sendError() {
        sendErrors++;
    }

    public void netlinkError() {
        netlinkErrors++;
    }

    public void gratuitous() {
        gratuitousSent++;
    }

    public void restored() {
        resourcesRestored++;
    }

    public void transition(Transition t, Instant at) {
        if (t.to() == VrrpState.MASTER) {
            becameMaster++;
        }
        if (t.from() == VrrpState.MASTER) {
            releasedMaster++;
        }
        if (history.size() == HISTORY) {
            history.removeFirst();
        }
        history.addLast(new TransitionRecord(t.from().name(), t.to().name(), t.reason().name(), t.detail(),
                at.getEpochSecond() * 1_000_000 + at.getNano() / 1000));
    }

    /** keepalived's STATS_CLEAR: every counter back to zero; the transition history stays. */
    public void clear() {
        java.util.Arrays.fill(rejected, 0);
        advertsReceived = advertsSent = priorityZeroReceived = priorityZeroSent = 0;
        becameMaster = releasedMaster = sendErrors = netlinkErrors = gratuitousSent = resourcesRestored = 0;
    }

    public long rejected(RejectReason reason) {
        return rejected[reason.ordinal()];
    }

    public long advertsReceived() {
        return advertsReceived;
    }

    public long advertsSent() {
        return advertsSent;
    }

    public long sendErrors() {
        return sendErrors;
    }

    public long netlinkErrors() {
        return netlinkErrors;
    }

    public long gratuitousSent() {
        return gratuitousSent;
    }

    public long resourcesRestored() {
        return resourcesRestored;
    }

    /** Oldest first. */
    public List<TransitionRecord> history() {
        return List.copyOf(history);
    }

    /** An immutable copy of every counter. */
    public CounterSnapshot snapshot() {
        Map<RejectReason, Long> byReason = new EnumMap<>(RejectReason.class);
        for (RejectReason r : REASONS) {
            byReason.put(r, rejected[r.ordinal()]);
        }
        return new CounterSnapshot(advertsReceived, advertsSent, priorityZeroReceived, priorityZeroSent, becameMaster,
                releasedMaster, sendErrors, netlinkErrors, gratuitousSent, resourcesRestored, byReason);
    }
}
