package io.jkeepalived.status;

import io.jkeepalived.vrrp.wire.RejectReason;
import java.util.EnumMap;
import java.util.List;
import java.util.Optional;

/** Snapshots for the formatter tests. */
final class StatusSamples {
    private StatusSamples() {
    }

    /** 2026-12-02T22:55:59.915313Z, the C capture's last transition. */
    static final long T = 1796252159915313L;

    /**
     * The state of the C keepalived 2.2.7 capture in src/test/resources/golden/keepalived-2.2.7-dumps:
     * one instance, MASTER after its down timer, tracking a weight-10 script that succeeds.
     */
    static DaemonStatus captured() {
        var settings = new InstanceSettings(true, false, 0, false, true, Optional.empty(), 0, 5, 5, 0, 1, 5, 5, false,
                false, 3, false, false, false, 3_570_312, 100, false, List.of("198.18.7.100/24 dev jkd0 scope global"));
        var wire = new WireSetup("jkd0", 51, 2, false, false, Optional.of("198.18.7.1"), 100, Optional.empty());
        var tracker = new TrackerView("chk_ok", "script", 10, false, "UP", 0, 10, false);
        var counters = new CounterSnapshot(0, 1, 0, 0, 1, 0, 0, 0, 5, 0, new EnumMap<>(RejectReason.class));
        var vi1 = new InstanceStatus("VI_1", "MASTER", 100, 110, Optional.of("198.18.7.1"), 110,
                List.of("198.18.7.100"), wire, settings, List.of(tracker),
                List.of(new TransitionRecord("BACKUP", "MASTER", "MASTER_DOWN_TIMER", "", T)), 2, counters);
        var script = new ScriptView("chk_ok", "'/usr/bin/true'", 1, 0, 10, 1, 1, "GOOD",
                List.of(new ScriptView.Tracking("VI_1", 10)),
                Optional.of(new ScriptView.Runs(12, 1, 0, 0, Optional.of(0), "")));
        return new DaemonStatus("jkeepalived test", 4242, "lbcap", T / 1000 - 5000, T / 1000 + 2000,
                new GlobalView(Optional.empty(), "224.0.0.18", "ff02::12", 2, false, false), List.of(vi1), List.of(script));
    }

    /** A BACKUP that has seen a master and dropped some packets. */
    static DaemonStatus backupWithDrops() {
        DaemonStatus c = captured();
        InstanceStatus m = c.instances().getFirst();
        var rejected = new EnumMap<RejectReason, Long>(RejectReason.class);
        rejected.put(RejectReason.BAD_TTL, 3L);
        rejected.put(RejectReason.TOO_SHORT, 1L);
        rejected.put(RejectReason.BAD_LENGTH, 2L);
        rejected.put(RejectReason.AUTH_FAILURE, 4L);
        var counters = new CounterSnapshot(40, 2, 1, 1, 1, 1, 0, 0, 5, 1, rejected);
        var b = new InstanceStatus("VI_1", "BACKUP", 100, 110, Optional.of("198.18.7.2"), 150, m.virtualIpaddress(),
                m.wire(), m.settings(), List.of(new TrackerView("chk_ok", "script", 10, false, "DOWN", 0, 0, false)),
                m.recentTransitions(), 3, counters);
        return new DaemonStatus(c.version(), c.pid(), c.routerId(), c.startedEpochMillis(), c.takenEpochMillis(),
                c.globals(), List.of(b), c.scripts());
    }
}
