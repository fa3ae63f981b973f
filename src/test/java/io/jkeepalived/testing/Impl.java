package io.jkeepalived.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Which keepalived a {@link Node} runs: Debian's C keepalived 2.2.7 or ours. */
public enum Impl {
    /** {@code /usr/sbin/keepalived}: a parent process plus a VRRP child. */
    C,
    /** {@code bin/jkeepalived}: one JVM process. */
    J;

    /** The repository root (surefire runs tests there; benches may set {@code jk.root}). */
    public static Path repoRoot() {
        return Path.of(System.getProperty("jk.root", System.getProperty("user.dir"))).toAbsolutePath();
    }

    /**
     * The launcher's default JVM options without {@code -Xrs} and {@code -XX:+DisableAttachMechanism}, as
     * JKEEPALIVED_JAVA_OPTS for a bench that attaches jcmd to the daemon (those two turn attaching off).
     */
    public static String attachableJavaOpts() {
        try {
            var m = java.util.regex.Pattern.compile("JKEEPALIVED_JAVA_OPTS:-([^}]*)}")
                    .matcher(Files.readString(repoRoot().resolve("bin/jkeepalived")));
            if (!m.find()) throw new IllegalStateException("bin/jkeepalived has no default JVM options");
            return m.group(1).replace(" -Xrs", "").replace(" -XX:+DisableAttachMechanism", "");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The command line that runs only VRRP in the foreground, logging to the console in detail. */
    List<String> command(Path config, Path dir) {
        var pid = dir.resolve("keepalived.pid").toString();
        var vrrpPid = dir.resolve("vrrp.pid").toString();
        return switch (this) {
            case C -> List.of("/usr/sbin/keepalived", "-n", "-l", "-D", "-f", config.toString(), "--vrrp",
                    "-p", pid, "-r", vrrpPid, "-c", dir.resolve("checkers.pid").toString());
            case J -> List.of(repoRoot().resolve("bin/jkeepalived").toString(), "-n", "-l", "-D", "-f",
                    config.toString(), "--vrrp", "-p", pid, "-r", vrrpPid, "--control-socket",
                    controlSocket(dir).toString());
        };
    }

    /** Where a J node started with {@code dir} serves {@code jkeepalived status}. */
    public static Path controlSocket(Path dir) {
        return dir.resolve("control.sock");
    }

    /**
     * Extra environment: TMPDIR is the node's own directory, where both implementations write their
     * signal dumps ({@code keepalived.data}, {@code .stats}, {@code .json}). under surefire the jar is not built yet, so the launcher is pointed at the
     * test JVM's own class path (target/classes and the dependencies), unless {@code -Djk.packaged=true}
     * says the packaged jar is there (benchmarks measure the launcher exactly as shipped).
     */
    Map<String, String> environment(Path dir) {
        if (this == C || Files.isDirectory(repoRoot().resolve("lib")) || Boolean.getBoolean("jk.packaged")) {
            return Map.of("TMPDIR", dir.toString());
        }
        var cp = System.getProperty("jk.daemon.classpath", System.getProperty("java.class.path"));
        var main = Arrays.stream(cp.split(File.pathSeparator)).filter(e -> !e.endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
        return Map.of("JKEEPALIVED_CLASSPATH", main, "TMPDIR", dir.toString());
    }

    /** True when this implementation can be started on this machine. */
    public boolean available() {
        return switch (this) {
            case C -> Files.isExecutable(Path.of("/usr/sbin/keepalived"));
            case J -> Files.isExecutable(repoRoot().resolve("bin/jkeepalived"));
        };
    }
}
