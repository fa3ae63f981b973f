package io.jkeepalived.script;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts scripts as separate processes, as a given user, with output drained and bounded.
 *
 * <p><b>Identity and parent death.</b> {@link ProcessBuilder} cannot setuid, so when {@code
 * setpriv} (util-linux) is present every script is exec'd through
 * {@code setpriv [--reuid=U --regid=G --init-groups] --pdeathsig TERM -- argv...}. We chose
 * setpriv over {@code runuser}/{@code su}: it execs in place (the PID we hold is the script's
 * PID, so timeouts kill the right process), opens no PAM session, needs no shell, and also sets
 * the parent-death signal keepalived sets ({@code PR_SET_PDEATHSIG SIGTERM}), so scripts get
 * SIGTERM even if the JVM is SIGKILLed. Linux delivers that signal when the <em>thread</em> that
 * forked dies, so callers must start scripts from a long-lived platform thread (both runners do:
 * each owns one), never from a virtual thread or a pool thread that may retire. Without setpriv,
 * scripts run as the daemon's own user and {@link #close()} is the only cleanup.
 *
 * <p><b>Output.</b> stdin is {@code /dev/null}; stdout and stderr are merged and drained on a
 * virtual thread into an {@link OutputTail} (last 4 KiB), so a chatty script never blocks on a
 * full pipe and never grows our heap.
 */
public final class ScriptLauncher implements AutoCloseable {

    /** The result of {@link #start}. */
    public sealed interface Launch permits Started, LaunchFailed {}

    public record Started(RunningScript script) implements Launch {}

    public record LaunchFailed(String reason) implements Launch {}

    private static final int TAIL_BYTES = 4096;

    private final Optional<Path> setpriv;
    private final int ownUid;
    private final Set<RunningScript> live = ConcurrentHashMap.newKeySet();

    public ScriptLauncher(Optional<Path> setpriv, int ownUid) {
        this.setpriv = setpriv;
        this.ownUid = ownUid;
    }

    /** A launcher using {@code /usr/bin/setpriv} when it exists. */
    public static ScriptLauncher system() {
        Path sp = Path.of("/usr/bin/setpriv");
        return new ScriptLauncher(Files.isExecutable(sp) ? Optional.of(sp) : Optional.empty(), currentUid());
    }

    public static int currentUid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException | ClassCastException e) {
            return -1;
        }
    }

    public boolean canSwitchUser() {
        return setpriv.isPresent() && ownUid == 0;
    }

    /** The argv actually exec'd, for logs and tests. */
    public List<String> commandLine(List<String> argv, Optional<PosixIdentity> as) {
        if (setpriv.isEmpty()) {
            return List.copyOf(argv);
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(setpriv.get().toString());
        if (as.isPresent() && as.get().uid() != ownUid) {
            cmd.add("--reuid=" + as.get().uid());
            cmd.add("--regid=" + as.get().gid());
            cmd.add("--init-groups");
        }
        cmd.add("--pdeathsig");
        cmd.add("TERM");
        cmd.add("--");
        cmd.addAll(argv);
        return cmd;
    }

    /** Starts {@code argv}; never throws for a missing program or bad identity. */
    public Launch start(List<String> argv, Optional<PosixIdentity> as) {
        if (argv.isEmpty()) {
            return new LaunchFailed("empty argv");
        }
        if (as.isPresent() && as.get().uid() != ownUid && !canSwitchUser()) {
            return new LaunchFailed("cannot run " + argv.getFirst() + " as uid " + as.get().uid()
                    + (setpriv.isEmpty() ? ": setpriv not found" : ": daemon is not root"));
        }
        ProcessBuilder pb = new ProcessBuilder(commandLine(argv, as))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true);
        Process p;
        try {
            p = pb.start();
        } catch (IOException | RuntimeException e) {
            return new LaunchFailed("cannot start " + argv.getFirst() + ": " + e.getMessage());
        }
        OutputTail tail = new OutputTail(TAIL_BYTES);
        Thread.ofVirtual().name("jk-script-out-" + p.pid()).start(() -> tail.drain(p.getInputStream()));
        RunningScript rs = new RunningScript(p, tail, argv);
        live.add(rs);
        p.onExit().thenRun(() -> live.remove(rs));
        return new Started(rs);
    }

    /** Scripts started by this launcher and still running. */
    public int liveCount() {
        return (int) live.stream().filter(RunningScript::isAlive).count();
    }

    /**
     * Terminates every script still running: SIGTERM to each tree, up to {@code grace} for them to
     * exit, then SIGKILL. Call on daemon shutdown (a JVM shutdown hook can call it too).
     */
    public void terminateAll(Duration grace) {
        List<RunningScript> now = List.copyOf(live);
        now.forEach(RunningScript::terminateTree);
        long deadline = System.nanoTime() + grace.toNanos();
        for (RunningScript rs : now) {
            long left = deadline - System.nanoTime();
            try {
                rs.exit().get(Math.max(0, left), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                rs.killTree();
            } catch (ExecutionException | TimeoutException e) {
                rs.killTree();
            }
        }
    }

    /**
     * Registers {@link #close()} as a JVM shutdown hook: on SIGTERM/SIGINT/normal exit every live
     * script tree is terminated. It cannot run on SIGKILL or a JVM crash; then only the
     * parent-death signal (direct children via setpriv) applies, and grandchildren survive.
     */
    public Thread registerShutdownHook() {
        Thread hook = Thread.ofPlatform().unstarted(this::close);
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    @Override
    public void close() {
        terminateAll(Duration.ofSeconds(1));
    }
}
