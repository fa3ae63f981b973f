package io.jkeepalived.config;

import java.util.Optional;

/**
 * One configuration problem. Rendered as {@code FILE:LINE:COL: error|warning: message}, followed by
 * a hint and by the include chain when the problem sits in an included file.
 */
public record Diagnostic(Severity severity, SourcePos pos, String message, Optional<String> hint) {

    public static Diagnostic error(SourcePos pos, String message) {
        return new Diagnostic(Severity.ERROR, pos, message, Optional.empty());
    }

    public static Diagnostic warning(SourcePos pos, String message) {
        return new Diagnostic(Severity.WARNING, pos, message, Optional.empty());
    }

    public Diagnostic withHint(String newHint) {
        return new Diagnostic(severity, pos, message, Optional.of(newHint));
    }

    /** The multi-line form printed by {@code jkeepalived -t}. */
    public String render() {
        var out = new StringBuilder();
        out.append(pos).append(": ").append(severity.word()).append(": ").append(message);
        hint.ifPresent(h -> out.append("\n    hint: ").append(h));
        for (int i = pos.includedFrom().size() - 1; i >= 0; i--) {
            out.append("\n    included from ").append(pos.includedFrom().get(i));
        }
        return out.toString();
    }
}
