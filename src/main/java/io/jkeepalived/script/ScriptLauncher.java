package io.jkeepalived.script;

import io.jkeepalived.os.OsException;
import io.jkeepalived.os.WakeUpFd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts scripts as separate processes, as a given user, with output bounded and every run
 * supervised by one thread.
 *
 * <p><b>Spawning.</b> Scripts are started with {@code posix_spawn} ({@link
 * io.jkeepalived.os.ProcessSpawn}), not ProcessBuilder: with every signal at its default action
 * and none blocked (the JDK's way leaves glibc's signals 32 and 33 ignored in the child), in a
 * process group of their own (so a timeout reaches what they started), stdin {@code /dev/null},
 * stdout and stderr into one pipe, no other descriptor inherited, and the daemon's environment.
 *
 * <p><b>Identity and parent death.</b> When {@code setpriv} (util-linux) is present every script is
 * exec'd through {@code setpriv [--reuid=U --regid=G --init-groups] --pdeathsig TERM -- argv...}.
 * We chose setpriv over {@code runuser}/{@code su}: it execs in place (the PID we hold is the
 * script's PID, so timeouts kill the right process), opens no PAM session, needs no shell, and
 * also sets the parent-death signal keepalived sets ({@code PR_SET_PDEATHSIG SIGTERM}), so scripts
 * get SIGTERM even if the JVM is SIGKILLed. Linux delivers that signal when the <em>thread</em>
 * that spawned dies, so every spawn happens on the launcher's own long-lived thread, whichever
 * thread calls {@link #start}. Without setpriv, scripts run as the daemon's own user and
 * {@link #close()} is the only cleanup.
 *
 * <p><b>Supervision.</b> That same thread ({@link ScriptSupervisor}) polls every run's pidfd and
 * output pipe: a run ends when its process exits, its output is read without blocking into an
 * {@link OutputTail} (last 4 KiB) and the pipe closed then, even if a background child still
 * holds it. No thread per run, two descriptors per live run, none after.
 */
public final class ScriptLauncher implements AutoCloseable {

    /** The result of {@link #start}. */
    public sealed interface Launch permits Started, LaunchFailed {}

    public record Started(RunningScript script) implements Launch {}

    public record LaunchFailed(String reason) implements Launch {}

    private static final int TAIL_BYTES = 4096;
    /** Set by bin/jkeepalived for the JVM alone: see {@link #scriptEnvironment}. */
    private static final String JVM_ONLY = "_JAVA_SR_SIGNUM";

    private final Optional<Path> setpriv;
    private final int ownUid;
    private final Map<String, String> environment;
    private Optional<ScriptSupervisor> supervisor = Optional.empty(); // guarded by this
    private boolean closed; // guarded by this
    private Optional<WakeUpFd> wake = Optional.empty(); // guarded by this

    public ScriptLauncher(Optional<Path> setpriv, int ownUid) {
        this.setpriv = setpriv;
        this.ownUid = ownUid;
        this.environment = scriptEnvironment(System.getenv());
    }

    /**
     * The daemon's environment less what bin/jkeepalived sets for the JVM alone ({@code _JAVA_SR_SIGNUM}:
     * a Java program run by a script would move its own suspend signal too).
     */
    static Map<String, String> scriptEnvironment(Map<String, String> daemon) {
        if (!daemon.containsKey(JVM_ONLY)) return daemon;
        var m = new java.util.HashMap<>(daemon);
        m.remove(JVM_ONLY);
        return Map.copyOf(m);
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

    /** How many times running scripts' output was read (not counting the reads at their exit). */
    synchronized long outputReads() {
        return supervisor.map(ScriptSupervisor::outputReads).orElse(0L);
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
        if (!ProgramPath.findable(argv.getFirst(), Optional.ofNullable(environment.get("PATH")))) {
            // setpriv would only find out after we spawned it, as exit code 127
            return new LaunchFailed("cannot start " + argv.getFirst() + ": ENOENT (No such file or directory)");
        }
        Optional<ScriptSupervisor> sup;
        try {
            sup = runningSupervisor();
        } catch (OsException e) {
            return new LaunchFailed("cannot start " + argv.getFirst() + ": no script supervisor: " + e.getMessage());
        }
        return sup.map(s -> s.spawn(commandLine(argv, as), argv))
                .orElseGet(() -> new LaunchFailed("cannot start " + argv.getFirst() + ": script launcher closed"));
    }

    /** The supervisor, started on first use (a launcher that never runs a script costs no thread); empty once closed. */
    private synchronized Optional<ScriptSupervisor> runningSupervisor() throws OsException {
        if (closed) {
            return Optional.empty();
        }
        if (supervisor.isEmpty()) {
            WakeUpFd w = WakeUpFd.open();
            ScriptSupervisor s = new ScriptSupervisor(w, environment.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).toList(), TAIL_BYTES);
            wake = Optional.of(w);
            supervisor = Optional.of(s);
            s.startThread();
        }
        return supervisor;
    }

    private synchronized List<RunningScript> live() {
        return supervisor.map(ScriptSupervisor::live).orElse(List.of());
    }

    /** Scripts started by this launcher and still running. */
    public int liveCount() {
        return live().size();
    }

    /**
     * Terminates every script still running: SIGTERM to each tree, up to {@code grace} for them to
     * exit, then SIGKILL. Call on daemon shutdown (a JVM shutdown hook can call it too).
     */
    public void terminateAll(Duration grace) {
        List<RunningScript> now = live();
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

    /** Terminates every running script (1 s grace, then SIGKILL) and ends the supervisor thread. */
    @Override
    public void close() {
        terminateAll(Duration.ofSeconds(1));
        Optional<ScriptSupervisor> s;
        Optional<WakeUpFd> w;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            s = supervisor;
            w = wake;
        }
        // a SIGKILLed tree is reaped within moments; give the supervisor the chance before it stops
        s.ifPresent(sup -> sup.live().forEach(rs -> awaitQuietly(rs, Duration.ofMillis(200))));
        s.ifPresent(ScriptSupervisor::stop);
        w.ifPresent(WakeUpFd::close);
    }

    private static void awaitQuietly(RunningScript rs, Duration limit) {
        try {
            rs.exit().get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // left running: the supervisor's end abandons it
        }
    }
}
