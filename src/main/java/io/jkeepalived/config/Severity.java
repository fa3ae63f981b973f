package io.jkeepalived.config;

/** How bad a configuration problem is; ordered from least to most severe. */
public enum Severity {
    WARNING,
    ERROR;

    /** Lower-case word used in the {@code FILE:LINE:COL: error: ...} format. */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
