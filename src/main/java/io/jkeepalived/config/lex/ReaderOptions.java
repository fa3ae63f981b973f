package io.jkeepalived.config.lex;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the reader needs from the command line and the process: the config id that {@code @ID}
 * lines and {@code ${_INSTANCE}} test against, the environment {@code ${_ENV VAR}} reads, and
 * whether {@code -e/--all-config} turns a missing include into an error.
 */
public record ReaderOptions(String configId, Map<String, String> environment, boolean allConfig) {

    public ReaderOptions {
        java.util.Objects.requireNonNull(configId, "configId");
        environment = Map.copyOf(environment);
    }

    /** keepalived's defaults: config id is the host name up to the first dot, the real environment. */
    public static ReaderOptions defaults() {
        return new ReaderOptions(defaultConfigId(), System.getenv(), false);
    }

    public ReaderOptions withConfigId(String id) {
        return new ReaderOptions(id, environment, allConfig);
    }

    static String defaultConfigId() {
        String host;
        try {
            // uname's nodename, as keepalived uses; no DNS lookup
            host = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException | SecurityException e) {
            host = System.getenv().getOrDefault("HOSTNAME", "localhost");
        }
        int dot = host.indexOf('.');
        return dot < 0 ? host : host.substring(0, dot);
    }
}
