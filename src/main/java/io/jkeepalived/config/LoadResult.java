package io.jkeepalived.config;

import io.jkeepalived.config.model.Keepalived;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of loading a config: the effective config (absent only when nothing could be read)
 * and every diagnostic, in the order found.
 */
public record LoadResult(Optional<Keepalived> config, List<Diagnostic> diagnostics, HostFindings host) {

    /**
     * What the host checks found, for {@code -t}'s exit code: an interface the config names is
     * missing; a script that would run exists (so script security matters).
     */
    public record HostFindings(boolean missingInterface, boolean runnableScripts) {
        public static final HostFindings NONE = new HostFindings(false, false);
    }

    public LoadResult {
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        for (Diagnostic d : diagnostics) {
            if (d.severity() == Severity.ERROR) return true;
        }
        return false;
    }

    public List<Diagnostic> errors() {
        return diagnostics.stream().filter(d -> d.severity() == Severity.ERROR).toList();
    }
}
