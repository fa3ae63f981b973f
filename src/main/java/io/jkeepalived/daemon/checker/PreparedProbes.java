package io.jkeepalived.daemon.checker;

import io.jkeepalived.check.plan.CheckPlan;
import io.jkeepalived.check.plan.CheckerSpec;
import io.jkeepalived.check.plan.DedupKey;
import io.jkeepalived.check.plan.RealServerSpec;
import io.jkeepalived.check.plan.VirtualServerSpec;
import io.jkeepalived.check.probe.Probe;
import io.jkeepalived.check.probe.Probes;
import io.jkeepalived.check.run.ProbeSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The probes of the running plan, built once per (re)load on the checker thread and read by the
 * probes' virtual threads. A checker that cannot run (a script refused by script security, an
 * unknown track_file, no port) is taken out of the plan before the engine sees it, so it counts
 * as neither up nor down (docs/probes.md); its reason is logged once, when it first appears.
 */
final class PreparedProbes implements ProbeSource {

    private volatile Map<DedupKey, List<Probe>> ready = Map.of();
    private Map<DedupKey, String> disabled = Map.of();

    /** Checker thread: builds the probes of {@code plan} and returns it without the disabled checkers. */
    CheckPlan prepare(CheckPlan plan, Probes probes, Consumer<String> logDisabled) {
        Map<DedupKey, List<Probe>> built = new HashMap<>();
        Map<DedupKey, String> off = new HashMap<>();
        List<VirtualServerSpec> servers = new ArrayList<>();
        for (VirtualServerSpec vs : plan.virtualServers()) {
            List<RealServerSpec> reals = new ArrayList<>();
            for (RealServerSpec rs : vs.realServers()) {
                List<CheckerSpec> kept = new ArrayList<>();
                for (CheckerSpec cs : rs.checkers()) {
                    if (!built.containsKey(cs.key()) && !off.containsKey(cs.key())) {
                        switch (probes.create(cs.checker(), cs.ip(), cs.port(),
                                new Probes.Inherited(cs.virtualhost(), rs.weight()))) {
                            case Probes.Made.Ready r -> built.put(cs.key(), r.probes());
                            case Probes.Made.Disabled d -> {
                                off.put(cs.key(), d.reason());
                                if (!disabled.containsKey(cs.key())) {
                                    logDisabled.accept(cs.describe() + " of " + rs.id() + " in " + vs.name()
                                            + " disabled: " + d.reason());
                                }
                            }
                        }
                    }
                    if (built.containsKey(cs.key())) kept.add(cs);
                }
                reals.add(kept.size() == rs.checkers().size() ? rs : withCheckers(rs, kept));
            }
            servers.add(withReals(vs, reals));
        }
        ready = Map.copyOf(built);
        disabled = Map.copyOf(off);
        return new CheckPlan(servers, plan.problems());
    }

    /** Any thread (a probe's virtual thread): the probe of this checker's url. */
    @Override
    public Optional<Probe> probe(CheckerSpec spec, int urlIndex) {
        List<Probe> p = ready.get(spec.key());
        return p == null || urlIndex < 0 || urlIndex >= p.size() ? Optional.empty() : Optional.of(p.get(urlIndex));
    }

    int disabledCount() {
        return disabled.size();
    }

    private static RealServerSpec withCheckers(RealServerSpec r, List<CheckerSpec> checkers) {
        return new RealServerSpec(r.ip(), r.port(), r.weight(), r.method(), r.tunnel(), r.inhibitOnFailure(), r.notifyUp(),
                r.notifyDown(), r.uthreshold(), r.lthreshold(), r.smtpAlert(), r.alpha(), checkers);
    }

    private static VirtualServerSpec withReals(VirtualServerSpec v, List<RealServerSpec> reals) {
        return new VirtualServerSpec(v.name(), v.fifoName(), v.services(), v.quorum(), v.hysteresis(), v.quorumUp(),
                v.quorumDown(), v.sorry(), v.haSuspendOn(), v.omega(), v.smtpAlert(), v.protocolLower(), reals);
    }
}
