package io.jkeepalived.status;

import io.jkeepalived.vrrp.wire.RejectReason;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What one VRRP socket (interface and family) dropped before a packet reached an instance, since
 * start or the last STATS_CLEAR. Drops of packets for a VRID we run are the instance's
 * ({@link CounterSnapshot#rejected()}); these are the rest: a forged or broken packet too short to
 * carry a VRID, or one for a VRID nobody here runs.
 *
 * @param rejected every reason in {@link #REASONS}, zeros included
 */
public record InterfaceDrops(String iface, boolean ipv6, Map<RejectReason, Long> rejected) {
    /** The reasons a packet can be dropped for before its VRID is looked up (or because it was). */
    public static final List<RejectReason> REASONS = List.of(RejectReason.TOO_SHORT, RejectReason.BAD_IP_HEADER,
            RejectReason.NOT_VRRP, RejectReason.AH_UNSUPPORTED, RejectReason.UNKNOWN_VRID);

    public InterfaceDrops {
        EnumMap<RejectReason, Long> all = new EnumMap<>(RejectReason.class);
        for (RejectReason r : REASONS) {
            all.put(r, rejected.getOrDefault(r, 0L));
        }
        rejected = Collections.unmodifiableMap(all);
    }

    public long rejected(RejectReason r) {
        return rejected.getOrDefault(r, 0L);
    }

    public long rejectedTotal() {
        return rejected.values().stream().mapToLong(Long::longValue).sum();
    }

    /** "inet" or "inet6", as in the instance's {@code family}. */
    public String family() {
        return ipv6 ? "inet6" : "inet";
    }
}
