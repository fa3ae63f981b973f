package io.jkeepalived.daemon.checker;

import io.jkeepalived.check.plan.CheckPlan;
import io.jkeepalived.check.probe.PingService;
import io.jkeepalived.check.probe.Probes;
import io.jkeepalived.check.probe.TlsContexts;
import io.jkeepalived.script.ScriptLauncher;
import io.jkeepalived.script.ScriptPolicy;
import io.jkeepalived.script.ScriptSecurity;
import io.jkeepalived.script.UserDb;
import java.util.Map;
import java.util.Optional;

/**
 * The reload benchmark's door to {@link PreparedProbes} (package-private): the checker thread's
 * {@code prepare} step of a reload, with the probe environment CheckerService builds (no SSL block,
 * no track files).
 */
public final class ReloadPathProbes {

    private final PreparedProbes prepared = new PreparedProbes();
    private final Probes probes;

    public ReloadPathProbes() {
        var policy = new ScriptPolicy(UserDb.system(), ScriptSecurity.system(), Optional.empty(), false,
                ScriptLauncher.currentUid());
        probes = new Probes(new Probes.Environment(ScriptLauncher.system(), policy, TlsContexts.defaults(), Map.of(),
                PingService.shared()));
    }

    /** The plan without disabled checkers, as CheckerService hands it to the engine. */
    public CheckPlan prepare(CheckPlan raw) {
        return prepared.prepare(raw, probes, w -> {});
    }
}
