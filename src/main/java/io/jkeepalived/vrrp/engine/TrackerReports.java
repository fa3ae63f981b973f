package io.jkeepalived.vrrp.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A router's last report from each of its trackers, by tracker id. A tracker added by a reload to a
 * running router counts only from its first report, so adding a weight-0 script to a MASTER cannot
 * fault it before the script has run.
 */
final class TrackerReports {
    private final Map<String, Priorities.Report> reports = new HashMap<>();
    private final Set<String> awaitingFirstReport = new HashSet<>();

    TrackerReports(List<TrackerSpec> trackers) {
        for (TrackerSpec t : trackers) {
            reports.put(t.id(), Priorities.Report.initial(t));
        }
    }

    /** Applies one report; false for a tracker this router does not have. */
    boolean update(String id, UnaryOperator<Priorities.Report> change) {
        Priorities.Report old = reports.get(id);
        if (old == null) {
            return false;
        }
        reports.put(id, change.apply(old));
        awaitingFirstReport.remove(id);
        return true;
    }

    /** A reload: reports kept by id, new trackers start afresh (awaited when the router runs). */
    void retain(List<TrackerSpec> next, boolean running) {
        Map<String, Priorities.Report> kept = new HashMap<>();
        for (TrackerSpec t : next) {
            Priorities.Report r = reports.get(t.id());
            if (r == null) {
                r = Priorities.Report.initial(t);
                if (running && r.status() == TrackerStatus.UNKNOWN) {
                    awaitingFirstReport.add(t.id());
                }
            }
            kept.put(t.id(), r);
        }
        reports.clear();
        reports.putAll(kept);
        awaitingFirstReport.retainAll(kept.keySet());
    }

    /** The trackers (of {@code trackers}) that fault the router now. */
    List<String> faulting(List<TrackerSpec> trackers) {
        List<String> out = new ArrayList<>();
        for (TrackerSpec t : trackers) {
            if (!awaitingFirstReport.contains(t.id()) && Priorities.faults(t, reports.get(t.id()))) {
                out.add(t.id());
            }
        }
        return out;
    }

    boolean anyFault(List<TrackerSpec> trackers) {
        for (TrackerSpec t : trackers) {
            if (!awaitingFirstReport.contains(t.id()) && Priorities.faults(t, reports.get(t.id()))) {
                return true;
            }
        }
        return false;
    }

    /** Whether every tracker that faults has not reported yet (at startup keepalived is silent about those). */
    boolean onlyUnknownFault(List<TrackerSpec> trackers) {
        for (TrackerSpec t : trackers) {
            Priorities.Report r = reports.get(t.id());
            if (Priorities.faults(t, r) && r.status() != TrackerStatus.UNKNOWN) {
                return false;
            }
        }
        return true;
    }

    int effective(int base, List<TrackerSpec> trackers, boolean ignoreWeighted) {
        return Priorities.effective(base, trackers, reports, ignoreWeighted);
    }

    List<TrackerReading> readings(List<TrackerSpec> trackers, boolean ignoreWeighted) {
        List<TrackerReading> out = new ArrayList<>(trackers.size());
        for (TrackerSpec t : trackers) {
            Priorities.Report r = reports.get(t.id());
            out.add(new TrackerReading(t, r.status(), r.value(), Priorities.adjustment(t, r, ignoreWeighted),
                    Priorities.faults(t, r)));
        }
        return out;
    }
}
