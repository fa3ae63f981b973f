package io.jkeepalived.status;

import io.jkeepalived.vrrp.wire.RejectReason;
import java.util.EnumMap;
import java.util.Map;

/**
 * One instance's counters at one moment (since start or the last STATS_CLEAR).
 *
 * @param resourcesRestored VIPs, routes and rules a MASTER put back after someone else removed them
 * @param rejected every drop reason, zeros included, in {@link RejectReason} order
 */
public record CounterSnapshot(long advertsReceived, long advertsSent, long priorityZeroReceived,
                              long priorityZeroSent, long becameMaster, long releasedMaster, long sendErrors,
                              long netlinkErrors, long gratuitousSent, long resourcesRestored,
                              Map<RejectReason, Long> rejected) {
    public CounterSnapshot {
        EnumMap<RejectReason, Long> all = new EnumMap<>(RejectReason.class);
        for (RejectReason r : RejectReason.values()) {
            all.put(r, rejected.getOrDefault(r, 0L));
        }
        rejected = java.util.Collections.unmodifiableMap(all);
    }

    public long rejected(RejectReason r) {
        return rejected.get(r);
    }

    public long rejectedTotal() {
        return rejected.values().stream().mapToLong(Long::longValue).sum();
    }
}
