package io.jkeepalived.check.engine;

/** Snapshots of engine state for status, dumps and metrics. */
final class Views {
    private Views() {}

    static VirtualServerView of(VirtualServerState vs) {
        var reals = vs.reals.stream().map(r -> new VirtualServerView.RealServer(r.spec.id().toString(), r.weight,
                r.alive, inTable(vs, r), r.lastChangeAt, r.checkers.stream().map(Views::of).toList())).toList();
        return new VirtualServerView(vs.spec.name(), vs.quorumUp, vs.sorryActive(), vs.aliveWeight(), vs.spec.quorum(),
                vs.spec.hysteresis(), vs.lastChangeAt, reals);
    }

    private static boolean inTable(VirtualServerState vs, RealServerState r) {
        return vs.fragment.values().stream().anyMatch(e -> e.destinations().values().stream()
                .anyMatch(d -> d.ip().equals(r.spec.ip()) && r.spec.port().map(p -> p == d.port()).orElse(true)));
    }

    private static VirtualServerView.Checker of(CheckerPolicy c) {
        return new VirtualServerView.Checker(c.spec.describe(), c.up(), c.stalled, c.suspended, c.last(),
                c.lastChangeAt, c.probes, c.failed, c.subscribers.size());
    }
}
