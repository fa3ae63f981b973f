package io.jkeepalived.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * One keepalived daemon (C or ours) running VRRP in a namespace, with its console log captured so a
 * test awaits {@code (VI_1) Entering MASTER STATE} rather than sleeping. Stopped by PID: SIGTERM
 * for a graceful stop, SIGKILL to simulate a crash; {@link #close()} kills whatever is left.
 */
public final class Node implements AutoCloseable {

    /** A VRRP state as keepalived logs it. */
    public enum State { MASTER, BACKUP, FAULT }

    private static final Pattern VRRP_CHILD = Pattern.compile("Starting VRRP child process, pid=(\\d+)");

    private final Impl impl;
    private final String name;
    private final NetNs ns;
    private final Process process;
    private final LineLog log;
    private final Path config;

    private Node(Impl impl, String name, NetNs ns, Process process, LineLog log, Path config) {
        this.impl = impl;
        this.name = name;
        this.ns = ns;
        this.process = process;
        this.log = log;
        this.config = config;
    }

    /** Writes {@code configText} into {@code dir} and starts {@code impl} on it inside {@code ns}. */
    public static Node start(Impl impl, String name, NetNs ns, String configText, Path dir) {
        return start(impl, name, ns, configText, dir, java.util.Map.of());
    }

    /** As {@link #start(Impl, String, NetNs, String, Path)}, with extra environment variables. */
    public static Node start(Impl impl, String name, NetNs ns, String configText, Path dir,
                             java.util.Map<String, String> env) {
        return start(impl, name, ns, configText, dir, env, java.util.List.of());
    }

    /**
     * As {@link #start(Impl, String, NetNs, String, Path, java.util.Map)}, through {@code wrapper} (a
     * command that execs its arguments, e.g. a shell that ignores signals first).
     */
    public static Node start(Impl impl, String name, NetNs ns, String configText, Path dir,
                             java.util.Map<String, String> env, java.util.List<String> wrapper) {
        try {
            Files.createDirectories(dir);
            var config = dir.resolve("keepalived.conf");
            Files.writeString(config, configText);
            var all = new java.util.HashMap<>(impl.environment(dir));
            all.putAll(env);
            var command = new java.util.ArrayList<>(wrapper);
            command.addAll(impl.command(config, dir));
            var process = ns.start(all, command.toArray(String[]::new));
            return new Node(impl, name, ns, process, LineLog.follow(name + "/" + impl, process.getInputStream()),
                    config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** As {@link #startWithChecker}, with the health checker alone ({@code -C}: no VRRP, no control socket). */
    public static Node startCheckerOnly(Impl impl, String name, NetNs ns, String configText, Path dir) {
        return startWithChecker(impl, name, ns, configText, dir, java.util.Optional.of("-C"));
    }

    /**
     * As {@link #start(Impl, String, NetNs, String, Path)}, with the health checker too (no
     * {@code --vrrp}): for virtual_server tests.
     */
    public static Node startWithChecker(Impl impl, String name, NetNs ns, String configText, Path dir) {
        return startWithChecker(impl, name, ns, configText, dir, java.util.Optional.empty());
    }

    private static Node startWithChecker(Impl impl, String name, NetNs ns, String configText, Path dir,
                                         java.util.Optional<String> instead) {
        try {
            Files.createDirectories(dir);
            var config = dir.resolve("keepalived.conf");
            Files.writeString(config, configText);
            var command = new java.util.ArrayList<>(impl.command(config, dir));
            int vrrp = command.indexOf("--vrrp");
            if (instead.isPresent()) command.set(vrrp, instead.get());
            else command.remove(vrrp);
            var process = ns.start(impl.environment(dir), command.toArray(String[]::new));
            return new Node(impl, name, ns, process, LineLog.follow(name + "/" + impl, process.getInputStream()),
                    config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Impl impl() {
        return impl;
    }

    public String name() {
        return name;
    }

    public NetNs ns() {
        return ns;
    }

    /** The node's own directory: its config, pid files, TMPDIR (signal dumps) and control socket. */
    public Path dir() {
        return config.getParent();
    }

    public LineLog log() {
        return log;
    }

    /** The daemon's main PID (C: the parent; ours: the JVM, which the launcher exec'd). */
    public long pid() {
        return process.pid();
    }

    /** Replaces the configuration file (for a reload). */
    public void rewriteConfig(String configText) {
        try {
            Files.writeString(config, configText);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for {@code (INSTANCE) Entering STATE STATE} printed after {@code mark}. */
    public LineLog.Line awaitState(int mark, String instance, State state, Duration timeout) {
        return log.await(mark, Pattern.quote("(" + instance + ") Entering " + state + " STATE"), timeout);
    }

    /** True if the last state this node logged for {@code instance} is {@code state}. */
    public boolean lastStateIs(String instance, State state) {
        var entered = log.matching(0, Pattern.quote("(" + instance + ") Entering ") + "(MASTER|BACKUP|FAULT) STATE");
        return !entered.isEmpty() && entered.getLast().text().contains("Entering " + state + " STATE");
    }

    /**
     * Waits until the last state logged for {@code instance} is {@code state} (two nodes that both
     * timed out at start-up are both MASTER until the lower one hears the higher one's advert).
     */
    public void awaitLastState(String instance, State state, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!lastStateIs(instance, state)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(this + " is not in " + state + " after " + timeout.toMillis() + " ms:\n"
                        + log.tail(30));
            }
            log.awaitLine(log.mark(), l -> true, Duration.ofMillis(100));
        }
    }

    /** Simulates a crash: SIGKILL, no priority-0 advert, VIPs stay behind. Returns the time it was sent. */
    public Instant kill9() {
        return switch (impl) {
            case J -> {
                var at = Instant.now();
                Signals.send(pid(), "KILL");
                yield at;
            }
            case C -> {
                // Freeze the parent first so it neither respawns the VRRP child nor signals it to stop.
                Signals.send(pid(), "STOP");
                var child = vrrpChildPid();
                var at = Instant.now();
                child.ifPresent(c -> Signals.send(c, "KILL"));
                Signals.send(pid(), "KILL");
                yield at;
            }
        };
    }

    /** A graceful stop (masters send priority 0 and remove their VIPs). Returns the time it was sent. */
    public Instant terminate() {
        var at = Instant.now();
        Signals.send(pid(), "TERM");
        return at;
    }

    /** SIGHUP: reload the configuration. */
    public void reload() {
        Signals.send(pid(), "HUP");
    }

    /** Waits for the daemon to exit; returns its exit code. */
    public Optional<Integer> awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    ? Optional.of(process.exitValue()) : Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    public boolean alive() {
        return process.isAlive();
    }

    private Optional<Long> vrrpChildPid() {
        return log.matching(0, VRRP_CHILD.pattern()).stream().findFirst()
                .map(l -> VRRP_CHILD.matcher(l.text()))
                .filter(m -> m.find())
                .map(m -> Long.parseLong(m.group(1)));
    }

    @Override
    public void close() {
        if (impl == Impl.C) {
            vrrpChildPid().ifPresent(c -> ProcessHandle.of(c).ifPresent(ProcessHandle::destroyForcibly));
        }
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(10));
    }

    @Override
    public String toString() {
        return name + "/" + impl;
    }
}
