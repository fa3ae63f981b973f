package io.jkeepalived.vrrp.engine;

import java.util.List;
import java.util.Map;

/**
 * Effective priority and tracker-driven FAULT (behaviour §3.5, §3.6), as a pure function of the tracker
 * reports.
 *
 * <pre>
 *   weight  reverse   up     down          (weight 0: FAULT while down, or while up with reverse)
 *   W &gt; 0   no       +W     0
 *   W &lt; 0   no        0    −|W|
 *   W &gt; 0   yes      −W     0
 *   W &lt; 0   yes       0    +|W|
 *   track_file: value × weight (negated with reverse); ≤ −254 → FAULT;
 *               weight 0: any non-zero value is a fault
 *   effective = clamp(base + Σ, 1, 254); the owner (255) is never changed
 * </pre>
 */
public final class Priorities {
    private Priorities() {
    }

    /** Tracker state: the last status and, for track_file, the last value. */
    public record Report(TrackerStatus status, long value) {
        public static Report initial(TrackerSpec t) {
            return new Report(t.initial(), 0);
        }
    }

    public static int adjustment(TrackerSpec t, Report r, boolean ignoreWeighted) {
        if (t.weight() == 0 || ignoreWeighted) {
            return 0;
        }
        if (t.kind() == TrackerSpec.Kind.FILE) {
            long v = r.value() * t.weight() * (t.reverse() ? -1 : 1);
            return (int) Math.max(-1000, Math.min(1000, v));
        }
        int sign = t.reverse() ? -1 : 1;
        return switch (r.status()) {
            case UNKNOWN -> 0;
            case UP -> t.weight() > 0 ? sign * t.weight() : 0;
            case DOWN -> t.weight() < 0 ? sign * t.weight() : 0;
        };
    }

    /** Whether this tracker alone forces FAULT. */
    public static boolean faults(TrackerSpec t, Report r) {
        if (t.kind() == TrackerSpec.Kind.FILE) {
            if (t.weight() == 0) {
                return (r.value() != 0) != t.reverse();
            }
            return r.value() * t.weight() * (t.reverse() ? -1 : 1) <= -254;
        }
        if (t.weight() != 0) {
            return false;
        }
        return switch (r.status()) {
            case UNKNOWN -> true;
            case UP -> t.reverse();
            case DOWN -> !t.reverse();
        };
    }

    /**
     * @param ignoreWeighted weighted trackers are ignored on an owner and on a sync-group member
     *                       without sync_group_tracking_weight
     */
    public static int effective(int base, List<TrackerSpec> trackers, Map<String, Report> reports,
                                boolean ignoreWeighted) {
        if (base == RouterSpec.OWNER) {
            return base;
        }
        int sum = base;
        for (TrackerSpec t : trackers) {
            sum += adjustment(t, reports.get(t.id()), ignoreWeighted);
        }
        return Math.max(1, Math.min(254, sum));
    }
}
