package io.jkeepalived.daemon.loop;

import io.jkeepalived.config.model.Script;
import io.jkeepalived.script.RunAs;
import io.jkeepalived.script.ScriptLauncher;
import io.jkeepalived.script.ScriptPolicy;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * global_defs {@code startup_script} (run before VRRP starts) and {@code shutdown_script} (after
 * it stopped), each waited for up to its timeout and killed beyond it.
 */
public final class LifecycleScripts {
    private static final Logger LOG = LoggerFactory.getLogger("Keepalived");

    private LifecycleScripts() {}

    public static void run(String kind, Optional<Script> script, Duration timeout, ScriptLauncher launcher,
                    ScriptPolicy policy) {
        if (script.isEmpty()) {
            return;
        }
        Script s = script.get();
        Optional<RunAs> runAs = s.user().map(u -> new RunAs(u, s.group()));
        switch (policy.admit(kind, kind, s.argv(), runAs)) {
            case ScriptPolicy.Refused r -> LOG.warn(r.reason());
            case ScriptPolicy.Admitted a -> {
                switch (launcher.start(a.argv(), a.identity())) {
                    case ScriptLauncher.LaunchFailed f -> LOG.warn("{} failed to start: {}", kind, f.reason());
                    case ScriptLauncher.Started started -> {
                        try {
                            int rc = started.script().exit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                            if (rc != 0) {
                                LOG.warn("{} {} exited with status {}", kind, s.command(), rc);
                            }
                        } catch (java.util.concurrent.TimeoutException e) {
                            LOG.warn("{} {} timed out after {} ms; killed", kind, s.command(), timeout.toMillis());
                            started.script().killTree();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        } catch (java.util.concurrent.ExecutionException e) {
                            LOG.warn("{} {}: {}", kind, s.command(), e.getCause().toString());
                        }
                    }
                }
            }
        }
    }
}
