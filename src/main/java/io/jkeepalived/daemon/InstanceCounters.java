package io.jkeepalived.daemon;

import io.jkeepalived.vrrp.wire.RejectReason;
import java.util.EnumMap;
import java.util.Map;

/**
 * Per-instance packet and kernel counters. Written only by the event loop thread; other threads
 * (the status command) read a {@link #snapshot()} taken on the loop, so plain fields suffice.
 */
public final class InstanceCounters {
    private static final RejectReason[] REASONS = RejectReason.values();

    private final long[] rejected = new long[REASONS.length];
    private long advertsReceived;
    private long advertsSent;
    private long sendErrors;
    private long netlinkErrors;
    private long gratuitousSent;

    void received() {
        advertsReceived++;
    }

    void reject(RejectReason reason) {
        rejected[reason.ordinal()]++;
    }

    void sent() {
        advertsSent++;
    }

    void sendError() {
        sendErrors++;
    }

    void netlinkError() {
        netlinkErrors++;
    }

    void gratuitous() {
        gratuitousSent++;
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

    /** An immutable copy: every counter by name, rejections as {@code rejected.REASON} (non-zero only). */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        out.put("adverts_received", advertsReceived);
        out.put("adverts_sent", advertsSent);
        out.put("send_errors", sendErrors);
        out.put("netlink_errors", netlinkErrors);
        out.put("gratuitous_sent", gratuitousSent);
        Map<RejectReason, Long> byReason = new EnumMap<>(RejectReason.class);
        for (RejectReason r : REASONS) {
            if (rejected[r.ordinal()] != 0) {
                byReason.put(r, rejected[r.ordinal()]);
            }
        }
        byReason.forEach((r, n) -> out.put("rejected." + r.name(), n));
        return java.util.Collections.unmodifiableMap(out);
    }
}
