package io.jkeepalived.testing;

import io.jkeepalived.os.NetNamespace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A throw-away network namespace for system tests (root and iproute2 needed). {@link #create(String)}
 * names it {@code PREFIX-<8 hex>} (prefixes start with {@code jk-}), brings {@code lo} up and turns
 * IPv6 duplicate address detection off, so link-local and static IPv6 addresses are usable at
 * once. {@link #close()} kills every process {@link #spawn spawned} in it and deletes it, which also
 * deletes its veths and bridges; use it in try-with-resources so this happens on failure too.
 *
 * <pre>{@code
 * try (var a = NetNs.create("jk-os"); var b = NetNs.create("jk-os")) {
 *     NetNs.veth(a, "a0", b, "b0");                          // or: hub.bridge("br0"); hub.plug("br0", "p1", a, "eth0")
 *     a.ip("addr", "add", "198.18.0.1/24", "dev", "a0");
 *     var sock = a.run(() -> VrrpSocket.openIpv4("a0"));   // a socket living in namespace a
 * }
 * }</pre>
 */
public final class NetNs implements AutoCloseable {

    private static final long COMMAND_TIMEOUT_SECONDS = 30;

    /** Exit code and combined stdout+stderr of a command. */
    public record Result(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    private final String name;
    private final List<Process> spawned = new ArrayList<>();
    private boolean closed;

    private NetNs(String name) {
        this.name = name;
    }

    /** Creates {@code PREFIX-<random>}; {@code prefix} must start with {@code jk-}. */
    public static NetNs create(String prefix) {
        if (!prefix.startsWith("jk-")) {
            throw new IllegalArgumentException("test namespaces are named jk-...: " + prefix);
        }
        var name = prefix + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt() | 0x10000000);
        host("ip", "netns", "add", name);
        var ns = new NetNs(name);
        try {
            ns.ip("link", "set", "lo", "up");
            ns.exec("sysctl", "-qw", "net.ipv6.conf.all.accept_dad=0", "net.ipv6.conf.default.accept_dad=0");
            return ns;
        } catch (RuntimeException | Error e) {
            ns.close();
            throw e;
        }
    }

    /** Creates a veth pair {@code ifA} in {@code a} and {@code ifB} in {@code b}, both up. */
    public static void veth(NetNs a, String ifA, NetNs b, String ifB) {
        a.ip("link", "add", ifA, "type", "veth", "peer", "name", ifB, "netns", b.name);
        a.ip("link", "set", ifA, "up");
        b.ip("link", "set", ifB, "up");
    }

    /** Creates a bridge in this namespace, up, with the given (existing) member interfaces. */
    public void bridge(String bridge, String... members) {
        ip("link", "add", bridge, "type", "bridge");
        for (var member : members) {
            ip("link", "set", member, "master", bridge);
        }
        ip("link", "set", bridge, "up");
    }

    /**
     * Connects {@code node} to {@code bridge} in this (hub) namespace: a veth with {@code hubIf}
     * enslaved to the bridge here and {@code nodeIf} in {@code node}, both up.
     */
    public void plug(String bridge, String hubIf, NetNs node, String nodeIf) {
        veth(this, hubIf, node, nodeIf);
        ip("link", "set", hubIf, "master", bridge);
    }

    public String name() {
        return name;
    }

    /** {@code ip ARGS...} inside the namespace; returns stdout, throws with the output when it fails. */
    public String ip(String... args) {
        var cmd = new String[args.length + 3];
        cmd[0] = "ip";
        cmd[1] = "-n";
        cmd[2] = name;
        System.arraycopy(args, 0, cmd, 3, args.length);
        return check(runCommand(cmd), cmd);
    }

    /** Sets sysctls ({@code key=value}) inside the namespace. */
    public void sysctl(String... settings) {
        var cmd = new String[settings.length + 2];
        cmd[0] = "sysctl";
        cmd[1] = "-qw";
        System.arraycopy(settings, 0, cmd, 2, settings.length);
        exec(cmd);
    }

    /** Runs a command inside the namespace; returns its output, throws when it exits non-zero. */
    public String exec(String... command) {
        var cmd = inNs(command);
        return check(runCommand(cmd), cmd);
    }

    /** Runs a command inside the namespace and returns its exit code and output, whatever they are. */
    public Result execResult(String... command) {
        return runCommand(inNs(command));
    }

    /**
     * Starts a long-running command (tcpdump, a daemon) inside the namespace, output discarded unless
     * redirected by the caller's command; it is killed by {@link #close()} if still running.
     */
    public Process spawn(ProcessBuilder.Redirect output, String... command) {
        try {
            var p = new ProcessBuilder(inNs(command)).redirectErrorStream(true).redirectOutput(output).start();
            spawned.add(p);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts a long-running command inside the namespace with stdout+stderr piped to the caller (read
     * it from {@link Process#getInputStream()}) and {@code env} added to the environment; it is killed
     * by {@link #close()} if still running.
     */
    public Process start(Map<String, String> env, String... command) {
        try {
            var pb = new ProcessBuilder(inNs(command)).redirectErrorStream(true);
            pb.environment().putAll(env);
            var p = pb.start();
            p.getOutputStream().close();
            spawned.add(p);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs {@code task} on a fresh platform thread moved into this namespace (FFM {@code setns}), and
     * returns its result. Sockets it opens stay in this namespace when used from other threads.
     */
    public <T> T run(Callable<T> task) throws Exception {
        var result = new CompletableFuture<T>();
        Thread.ofPlatform().name("netns-" + name).daemon().start(() -> {
            try {
                NetNamespace.enter(name);
                result.complete(task.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        try {
            return result.get(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        } catch (TimeoutException e) {
            throw new AssertionError("task in namespace " + name + " did not finish in "
                    + COMMAND_TIMEOUT_SECONDS + " s", e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (var p : spawned) {
            p.destroy();
            try {
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        runCommand("ip", "netns", "del", name);
    }

    @Override
    public String toString() {
        return name;
    }

    private String[] inNs(String... command) {
        var cmd = new String[command.length + 4];
        cmd[0] = "ip";
        cmd[1] = "netns";
        cmd[2] = "exec";
        cmd[3] = name;
        System.arraycopy(command, 0, cmd, 4, command.length);
        return cmd;
    }

    private static void host(String... command) {
        check(runCommand(command), command);
    }

    private static String check(Result r, String... command) {
        if (!r.ok()) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + r.exitCode() + ": "
                    + r.output().strip());
        }
        return r.output();
    }

    private static Result runCommand(String... command) {
        try {
            var p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            var out = new CompletableFuture<String>();
            Thread.ofVirtual().start(() -> {
                try {
                    out.complete(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    out.completeExceptionally(e);
                }
            });
            if (!p.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " timed out");
            }
            return new Result(p.exitValue(), out.get(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + String.join(" ", command), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not read output of " + String.join(" ", command), e);
        }
    }
}
