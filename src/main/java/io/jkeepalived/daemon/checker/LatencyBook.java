package io.jkeepalived.daemon.checker;

import io.jkeepalived.check.engine.CheckAction;
import io.jkeepalived.check.plan.CheckerSpec;
import io.jkeepalived.check.plan.DedupKey;
import io.jkeepalived.check.run.ProbeReport;
import java.util.HashMap;
import java.util.Map;

/**
 * Probe latencies per checker, for metrics: the engine keeps counts and the last result, not
 * sums. A report is matched to its checker by the ticket of the {@link CheckAction.ProbeDue} that
 * asked for it; a cancelled or unknown ticket is not counted (the engine ignores it too).
 * Checker thread only. Per probe it does two map operations and no allocation beyond the map's
 * own: at 10,000 probes a second, naming each checker on every report was a fifth of the daemon's
 * garbage; names are made only for a snapshot ({@link #byName}).
 */
final class LatencyBook {

    /** Seconds summed over {@code count} reports. */
    record Sum(double seconds, long count) {}

    private static final class Acc {
        final CheckerSpec spec;
        double seconds;
        long count;

        Acc(CheckerSpec spec) {
            this.spec = spec;
        }
    }

    private final Map<Long, CheckerSpec> pending = new HashMap<>();
    private final Map<DedupKey, Acc> sums = new HashMap<>();

    void due(CheckAction.ProbeDue d) {
        pending.put(d.ticket(), d.spec());
    }

    void cancelled(long ticket) {
        pending.remove(ticket);
    }

    void reported(ProbeReport r) {
        CheckerSpec checker = pending.remove(r.ticket());
        if (checker == null) return;
        Acc a = sums.computeIfAbsent(checker.key(), k -> new Acc(checker));
        a.seconds += r.result().latency().toNanos() / 1e9;
        a.count++;
    }

    /** Every checker's sum under its name ({@link CheckerSpec#describe}), for one snapshot. */
    Map<String, Sum> byName() {
        Map<String, Sum> out = new HashMap<>();
        for (Acc a : sums.values()) {
            out.merge(a.spec.describe(), new Sum(a.seconds, a.count),
                    (x, y) -> new Sum(x.seconds() + y.seconds(), x.count() + y.count()));
        }
        return out;
    }
}
