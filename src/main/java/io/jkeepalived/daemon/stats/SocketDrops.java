package io.jkeepalived.daemon.stats;

import io.jkeepalived.status.InterfaceDrops;
import io.jkeepalived.vrrp.wire.RejectReason;
import java.util.EnumMap;
import java.util.Map;

/**
 * Packets one VRRP socket (one family on one interface) dropped before any instance could own
 * them: too short or malformed to read a VRID, or for a VRID nobody here runs. Kept apart from the
 * socket so the counts survive the interface going away and coming back. Loop thread only.
 */
public final class SocketDrops {
    private final String ifname;
    private final boolean ipv6;
    private final long[] byReason = new long[RejectReason.values().length];

    public SocketDrops(String ifname, boolean ipv6) {
        this.ifname = ifname;
        this.ipv6 = ipv6;
    }

    public void count(RejectReason reason) {
        byReason[reason.ordinal()]++;
    }

    public long get(RejectReason reason) {
        return byReason[reason.ordinal()];
    }

    /** STATS_CLEAR. */
    public void clear() {
        java.util.Arrays.fill(byReason, 0);
    }

    public InterfaceDrops snapshot() {
        Map<RejectReason, Long> m = new EnumMap<>(RejectReason.class);
        for (RejectReason r : InterfaceDrops.REASONS) {
            m.put(r, byReason[r.ordinal()]);
        }
        return new InterfaceDrops(ifname, ipv6, m);
    }
}
