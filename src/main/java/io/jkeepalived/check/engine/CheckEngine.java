package io.jkeepalived.check.engine;

import io.jkeepalived.check.plan.CheckPlan;
import io.jkeepalived.check.plan.CheckerSpec;
import io.jkeepalived.check.plan.DedupKey;
import io.jkeepalived.check.plan.RealServerSpec;
import io.jkeepalived.check.plan.VirtualServerSpec;
import io.jkeepalived.check.probe.ProbeResult;
import io.jkeepalived.lvs.LbOp;
import io.jkeepalived.lvs.TableDiff;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * The checker half's policy and state, pure like the VRRP engine: no sockets, no clock, no
 * threads. Events in, actions out:
 * <pre>
 *   engine.apply(CheckPlan.of(config), now, out);          // startup, and every reload
 *   ProbeDue      → scheduler runs the probe at atNanos → handle(new ProbeReported(ticket, result), now, out)
 *   every second  → tick(now, out)                        // stall detection
 *   VIP added/removed → handle(new AddressPresence(ip, present), now, out)   // ha_suspend
 *   TableChange   → LoadBalancer.applyAll(ops);  RunScript / WriteFifo / SmtpAlert / LogTransition as for VRRP
 * </pre>
 * Checkers with equal {@link DedupKey}s are one checker shared by every real server that names it.
 */
public final class CheckEngine {

    private final RandomGenerator random;
    private final Funnel funnel = new Funnel();
    private Map<String, VirtualServerState> servers = new LinkedHashMap<>();
    private Map<DedupKey, CheckerPolicy> checkers = new LinkedHashMap<>();
    private final Map<Long, CheckerPolicy> tickets = new HashMap<>();
    private final Set<InetAddress> present = new HashSet<>();
    private final Set<VirtualServerState> dirty = new LinkedHashSet<>();
    private final List<LbOp> pendingOps = new ArrayList<>();
    private long nextTicket = 1;
    private boolean stopped;
    private long staleReports;
    private long stalls;

    /** {@code random} scatters first probes over warmup; tests pass a seeded generator. */
    public CheckEngine(RandomGenerator random) {
        this.random = random;
    }

    /** Startup (on an empty engine) and reload: state is kept by virtual server, real server and checker. */
    public void apply(CheckPlan plan, long now, Consumer<CheckAction> out) {
        if (stopped) return;
        Map<String, VirtualServerState> oldServers = servers;
        Map<DedupKey, CheckerPolicy> oldCheckers = checkers;
        Map<String, VirtualServerState> newServers = new LinkedHashMap<>();
        Map<DedupKey, CheckerPolicy> newCheckers = new LinkedHashMap<>();
        Set<RealServerState> carried = new HashSet<>();
        Set<CheckerPolicy> fresh = new LinkedHashSet<>(); // a set: checked once per checker below
        for (VirtualServerSpec spec : plan.virtualServers()) {
            VirtualServerState was = oldServers.get(spec.name());
            VirtualServerState vs = was == null ? new VirtualServerState(spec, true, Map.of(), now)
                    : new VirtualServerState(spec, was.quorumUp, was.fragment, was.lastChangeAt);
            newServers.put(spec.name(), vs);
            for (RealServerSpec rs : spec.realServers()) {
                Optional<RealServerState> old = was == null ? Optional.empty() : was.real(rs.id());
                RealServerState r = new RealServerState(rs, vs, old.map(o -> o.alive).orElse(true),
                        old.map(o -> o.lastChangeAt).orElse(now));
                old.ifPresent(o -> {
                    r.weight = o.weight;
                    carried.add(r);
                });
                vs.reals.add(r);
                for (CheckerSpec cs : rs.checkers()) {
                    CheckerPolicy c = newCheckers.get(cs.key());
                    if (c == null) {
                        c = oldCheckers.get(cs.key());
                        if (c == null) {
                            c = new CheckerPolicy(cs, true, false, now);
                            fresh.add(c);
                        } else {
                            c.subscribers.clear();
                        }
                        newCheckers.put(cs.key(), c);
                    }
                    c.subscribers.add(r);
                    r.checkers.add(c);
                }
            }
        }
        oldCheckers.forEach((k, c) -> {
            if (!newCheckers.containsKey(k)) cancel(c, out);
        });
        oldServers.forEach((name, vs) -> {
            if (!newServers.containsKey(name)) pendingOps.addAll(TableDiff.between(vs.fragment, Map.of()));
        });
        servers = newServers;
        checkers = newCheckers;
        for (CheckerPolicy c : fresh) start(c, carried, now, out);
        for (CheckerPolicy c : newCheckers.values()) {
            if (!fresh.contains(c)) suspension(c, now, out);
        }
        for (VirtualServerState vs : newServers.values()) {
            for (RealServerState r : vs.reals) {
                if (carried.contains(r)) {
                    refresh(r, now, out);
                } else {
                    r.alive = r.checkersAlive();
                    r.weight = r.effectiveWeight();
                }
            }
            dirty.add(vs);
        }
        flush(now, out);
    }

    /**
     * A new checker of a real server that existed before starts from that server's state and is
     * probed at once (a failed server is not re-added by a reload, keepalived #1720); a checker of
     * a new server starts up, or down with alpha, and is first probed at a random point of warmup.
     */
    private void start(CheckerPolicy c, Set<RealServerState> carried, long now, Consumer<CheckAction> out) {
        List<RealServerState> known = c.subscribers.stream().filter(carried::contains).toList();
        long first;
        if (!known.isEmpty()) {
            boolean up = known.stream().allMatch(r -> r.alive);
            c.init(up, up);
            first = now;
        } else {
            c.init(!c.t.alpha(), false);
            first = now + (c.t.warmup() > 0 ? random.nextLong(c.t.warmup() + 1) : 0);
        }
        c.lastHeardAt = first;
        c.suspended = wantsSuspend(c);
        if (!c.suspended) schedule(c, first, out);
    }

    public void handle(CheckEvent event, long now, Consumer<CheckAction> out) {
        if (stopped) return;
        switch (event) {
            case CheckEvent.ProbeReported p -> reported(p, now, out);
            case CheckEvent.AddressPresence a -> {
                boolean changed = a.present() ? present.add(a.address()) : present.remove(a.address());
                if (changed) checkers.values().forEach(c -> suspension(c, now, out));
            }
            case CheckEvent.Shutdown s -> shutdown(now, out);
        }
        flush(now, out);
    }

    private void reported(CheckEvent.ProbeReported p, long now, Consumer<CheckAction> out) {
        CheckerPolicy c = tickets.remove(p.ticket());
        if (c == null) {
            staleReports++;
            return;
        }
        c.ticket = 0;
        c.lastHeardAt = now;
        if (c.stalled) {
            c.stalled = false;
            out.accept(new CheckAction.StallChanged(c.spec.describe(), false, now));
        }
        CheckerPolicy.Step step = c.report(p.result(), now);
        if (step.logFailure() && p.result() instanceof ProbeResult.Down d) {
            out.accept(new CheckAction.ProbeFailed(c.spec.describe(), d.reason(), d.detail(), step.attempt(), now));
        }
        if (step.stateChanged()) funnel.checker(c, now, out);
        if (step.stateChanged() || step.weightChanged()) c.subscribers.forEach(r -> refresh(r, now, out));
        if (!c.suspended) schedule(c, step.nextDueAt(), step.backToBack(), out);
    }

    /** Stall detection: call about once a second. */
    public void tick(long now, Consumer<CheckAction> out) {
        if (stopped) return;
        for (CheckerPolicy c : checkers.values()) {
            if (!c.suspended && c.ticket != 0 && !c.stalled && now - c.lastHeardAt >= c.t.stallAfter()) {
                c.stalled = true;
                stalls++;
                out.accept(new CheckAction.StallChanged(c.spec.describe(), true, now));
            }
        }
    }

    private void refresh(RealServerState r, long now, Consumer<CheckAction> out) {
        boolean alive = r.checkersAlive();
        long weight = r.effectiveWeight();
        if (alive == r.alive && weight == r.weight) return;
        r.weight = weight;
        if (alive != r.alive) {
            r.alive = alive;
            String cause = r.checkers.stream().filter(c -> !c.up()).findFirst()
                    .map(c -> c.spec.describe() + ": " + c.cause()).orElse("all checkers up");
            funnel.realServer(r, cause, now, out);
        }
        dirty.add(r.vs);
    }

    /** Quorum first (it decides sorry-server mode), then the table diff of every touched server. */
    private void flush(long now, Consumer<CheckAction> out) {
        for (VirtualServerState vs : dirty) {
            if (vs.quorumWanted() != vs.quorumUp) {
                vs.quorumUp = !vs.quorumUp;
                funnel.quorum(vs, now, out);
            }
            var fragment = Fragments.of(vs);
            pendingOps.addAll(TableDiff.between(vs.fragment, fragment));
            vs.fragment = fragment;
        }
        dirty.clear();
        if (!pendingOps.isEmpty()) {
            out.accept(new CheckAction.TableChange(pendingOps, now));
            pendingOps.clear();
        }
    }

    private boolean wantsSuspend(CheckerPolicy c) {
        return !c.subscribers.isEmpty() && c.subscribers.stream()
                .allMatch(r -> r.vs.spec.haSuspendOn().filter(a -> !present.contains(a)).isPresent());
    }

    /** ha_suspend: a checker pauses while none of its virtual servers has its address here. */
    private void suspension(CheckerPolicy c, long now, Consumer<CheckAction> out) {
        boolean s = wantsSuspend(c);
        if (s == c.suspended) return;
        c.suspended = s;
        if (s) {
            cancel(c, out);
        } else {
            c.lastHeardAt = now;
            schedule(c, now, out);
        }
    }

    private void schedule(CheckerPolicy c, long at, Consumer<CheckAction> out) {
        schedule(c, at, false, out);
    }

    private void schedule(CheckerPolicy c, long at, boolean backToBack, Consumer<CheckAction> out) {
        c.scheduled(at, backToBack);
        c.ticket = nextTicket++;
        tickets.put(c.ticket, c);
        out.accept(new CheckAction.ProbeDue(c.ticket, c.spec, c.urlIndex(), at, c.t.probeTimeout()));
    }

    private void cancel(CheckerPolicy c, Consumer<CheckAction> out) {
        if (c.ticket == 0) return;
        tickets.remove(c.ticket);
        out.accept(new CheckAction.CancelProbe(c.ticket));
        c.ticket = 0;
    }

    /** omega: down notifiers of live real servers and quorum, then every service leaves the table. */
    private void shutdown(long now, Consumer<CheckAction> out) {
        for (VirtualServerState vs : servers.values()) {
            if (vs.spec.omega()) {
                for (RealServerState r : vs.reals) {
                    if (!r.alive) continue;
                    r.alive = false;
                    funnel.realServer(r, "shutdown", now, out);
                }
                if (vs.quorumUp) {
                    vs.quorumUp = false;
                    funnel.quorum(vs, now, out);
                }
            }
            pendingOps.addAll(TableDiff.between(vs.fragment, Map.of()));
            vs.fragment = Map.of();
        }
        checkers.values().forEach(c -> cancel(c, out));
        stopped = true;
    }

    public List<VirtualServerView> view() {
        return servers.values().stream().map(Views::of).toList();
    }

    public Counters counters() {
        long probes = 0, failed = 0;
        for (CheckerPolicy c : checkers.values()) {
            probes += c.probes;
            failed += c.failed;
        }
        return new Counters(checkers.size(), probes, failed, staleReports, stalls,
                funnel.transitions(CheckTransition.Kind.CHECKER), funnel.transitions(CheckTransition.Kind.REAL_SERVER),
                funnel.transitions(CheckTransition.Kind.QUORUM));
    }

    /** Engine-wide counts for metrics ({@code checkers} counts shared checkers once). */
    public record Counters(int checkers, long probes, long failedProbes, long staleReports, long stalls,
                           long checkerTransitions, long realServerTransitions, long quorumTransitions) {}
}
