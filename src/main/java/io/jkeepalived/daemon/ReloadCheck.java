package io.jkeepalived.daemon;

import io.jkeepalived.config.ConfigLoader;
import io.jkeepalived.config.Diagnostic;
import io.jkeepalived.config.LoadResult;
import io.jkeepalived.config.json.ConfigJson;
import io.jkeepalived.config.model.Keepalived;
import io.jkeepalived.config.model.VrrpInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * SIGHUP, first half (spec §3.13): re-read the config off the loop thread and say whether it
 * changed, by instance name (for the log). A config with errors is refused. {@link ReloadApplier}
 * decides per instance from the planned config what the change means.
 */
final class ReloadCheck {

    sealed interface Verdict {
        record Refused(List<Diagnostic> errors) implements Verdict {}

        record Unchanged() implements Verdict {}

        record Changed(List<String> added, List<String> removed, List<String> changed, boolean globalsChanged)
                implements Verdict {}
    }

    private ReloadCheck() {}

    /** Re-reads the config file; a result with errors is to be refused. */
    static LoadResult load(DaemonSettings s) {
        return ConfigLoader.load(s.configFile(), s.readerOptions());
    }

    static Verdict check(LoadResult r, Keepalived running) {
        if (r.hasErrors() || r.config().isEmpty()) {
            return new Verdict.Refused(r.errors());
        }
        return compare(running, r.config().get());
    }

    static Verdict compare(Keepalived running, Keepalived next) {
        if (ConfigJson.render(running).equals(ConfigJson.render(next))) {
            return new Verdict.Unchanged();
        }
        Map<String, VrrpInstance> before = byName(running);
        Map<String, VrrpInstance> after = byName(next);
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        after.forEach((name, i) -> {
            Optional<VrrpInstance> old = Optional.ofNullable(before.get(name));
            if (old.isEmpty()) {
                added.add(name);
            } else if (!old.get().equals(i)) {
                changed.add(name);
            }
        });
        before.keySet().stream().filter(n -> !after.containsKey(n)).forEach(removed::add);
        boolean globals = !running.globalDefs().equals(next.globalDefs())
                || !running.syncGroups().equals(next.syncGroups())
                || !running.vrrpScripts().equals(next.vrrpScripts())
                || !running.trackFiles().equals(next.trackFiles())
                || !running.trackProcesses().equals(next.trackProcesses());
        return new Verdict.Changed(added, removed, changed, globals);
    }

    private static Map<String, VrrpInstance> byName(Keepalived k) {
        return k.vrrpInstances().stream().collect(Collectors.toMap(VrrpInstance::name, Function.identity(),
                (a, b) -> a, java.util.LinkedHashMap::new));
    }
}
