package io.jkeepalived.daemon.checker;

import io.jkeepalived.check.engine.CheckAction;
import io.jkeepalived.check.run.ProbeReport;
import java.util.HashMap;
import java.util.Map;

/**
 * Probe latencies per checker, for metrics: the engine keeps counts and the last result, not
 * sums. A report is matched to its checker by the ticket of the {@link CheckAction.ProbeDue} that
 * asked for it; a cancelled or unknown ticket is not counted (the engine ignores it too).
 * Checker thread only.
 */
final class LatencyBook {

    /** Seconds summed over {@code count} reports. */
    record Sum(double seconds, long count) {}

    private final Map<Long, String> pending = new HashMap<>();
    private final Map<String, Sum> sums = new HashMap<>();

    void due(CheckAction.ProbeDue d) {
        pending.put(d.ticket(), d.spec().describe());
    }

    void cancelled(long ticket) {
        pending.remove(ticket);
    }

    void reported(ProbeReport r) {
        String checker = pending.remove(r.ticket());
        if (checker == null) return;
        double s = r.result().latency().toNanos() / 1e9;
        sums.merge(checker, new Sum(s, 1), (a, b) -> new Sum(a.seconds() + b.seconds(), a.count() + b.count()));
    }

    Sum of(String checker) {
        return sums.getOrDefault(checker, new Sum(0, 0));
    }
}
