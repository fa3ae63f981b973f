package io.jkeepalived.config;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem found in one load; parsing never stops at the first. */
public final class Diagnostics {
    private final List<Diagnostic> items = new ArrayList<>();

    public void add(Diagnostic d) {
        items.add(d);
    }

    public Diagnostic error(SourcePos pos, String message) {
        var d = Diagnostic.error(pos, message);
        items.add(d);
        return d;
    }

    public Diagnostic warning(SourcePos pos, String message) {
        var d = Diagnostic.warning(pos, message);
        items.add(d);
        return d;
    }

    /** Adds an error with a hint. */
    public void error(SourcePos pos, String message, String hint) {
        items.add(Diagnostic.error(pos, message).withHint(hint));
    }

    /** Adds a warning with a hint. */
    public void warning(SourcePos pos, String message, String hint) {
        items.add(Diagnostic.warning(pos, message).withHint(hint));
    }

    public List<Diagnostic> all() {
        return List.copyOf(items);
    }

    public boolean hasErrors() {
        return items.stream().anyMatch(d -> d.severity() == Severity.ERROR);
    }

    public long count(Severity s) {
        return items.stream().filter(d -> d.severity() == s).count();
    }
}
