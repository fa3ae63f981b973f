package io.jkeepalived.check.probe;

import io.jkeepalived.script.PosixIdentity;
import io.jkeepalived.script.RunningScript;
import io.jkeepalived.script.ScriptLauncher;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * MISC_CHECK: runs the (already admitted) script. Exit 0 passes and any other status fails; with
 * {@code misc_dynamic}, 1 fails and 2..255 pass with weight status - 2. At {@code misc_timeout}
 * (else the run's timeout, which the policy sets to delay_loop) the process tree gets SIGTERM and,
 * 2 s later if still there, SIGKILL; the probe returns at the SIGTERM, so a hung script delays no
 * other check.
 *
 * <p>Scripts are started from one long-lived platform thread: the launcher's parent-death signal
 * is tied to the thread that forks, and a virtual thread's carrier may retire.
 */
public final class MiscProbe implements Probe {

    static final Duration KILL_AFTER = Duration.ofSeconds(2);
    /**
     * Starts the scripts, and SIGKILLs a timed-out one's tree {@link #KILL_AFTER} after its SIGTERM if
     * it is still alive: on this thread, not the JDK's delayed executor, which starts two threads more.
     */
    private static final ScheduledThreadPoolExecutor STARTER = new ScheduledThreadPoolExecutor(1,
            r -> Thread.ofPlatform().daemon().name("jk-misc-start").unstarted(r));

    private final ScriptLauncher launcher;
    private final List<String> argv;
    private final Optional<PosixIdentity> identity;
    private final Optional<Duration> miscTimeout;
    private final boolean dynamic;

    public MiscProbe(ScriptLauncher launcher, List<String> argv, Optional<PosixIdentity> identity,
                     Optional<Duration> miscTimeout, boolean dynamic) {
        this.launcher = launcher;
        this.argv = List.copyOf(argv);
        this.identity = identity;
        this.miscTimeout = miscTimeout;
        this.dynamic = dynamic;
    }

    @Override
    public ProbeResult run(Duration timeout) {
        return Attempts.guard(miscTimeout.orElse(timeout), this::attempt);
    }

    private OptionalInt attempt(Deadline d) throws ProbeFailure {
        ScriptLauncher.Launch launch;
        try {
            launch = STARTER.submit(() -> launcher.start(argv, identity)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProbeFailure(FailureReason.SCRIPT_FAILED, "interrupted while starting " + argv.getFirst());
        } catch (ExecutionException e) {
            throw new ProbeFailure(FailureReason.SCRIPT_FAILED, "cannot start " + argv.getFirst() + ": " + e.getCause());
        }
        RunningScript script = switch (launch) {
            case ScriptLauncher.Started s -> s.script();
            case ScriptLauncher.LaunchFailed f -> throw new ProbeFailure(FailureReason.SCRIPT_FAILED, f.reason());
        };
        int status;
        try {
            status = script.exit().get(Math.max(0, d.remainingNanos()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            script.terminateTree();
            STARTER.schedule(() -> {
                if (script.isAlive()) {
                    script.killTree();
                }
            }, KILL_AFTER.toMillis(), TimeUnit.MILLISECONDS);
            throw new ProbeFailure(FailureReason.SCRIPT_TIMEOUT, argv.getFirst() + " still running at the timeout: killed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            script.killTree();
            throw new ProbeFailure(FailureReason.SCRIPT_FAILED, "interrupted while waiting for " + argv.getFirst());
        } catch (ExecutionException e) {
            throw new ProbeFailure(FailureReason.SCRIPT_FAILED, argv.getFirst() + ": " + e.getCause());
        }
        return verdict(status);
    }

    private OptionalInt verdict(int status) throws ProbeFailure {
        if (status == 0) {
            return OptionalInt.empty();
        }
        if (dynamic && status >= 2 && status <= 255) {
            return OptionalInt.of(status - 2);
        }
        throw new ProbeFailure(FailureReason.SCRIPT_FAILED, argv.getFirst() + " exited " + status);
    }

    @Override
    public String dedupKey() {
        return "MISC_CHECK " + argv + identity.map(i -> " as " + i.uid() + ":" + i.gid()).orElse("")
                + miscTimeout.map(t -> " timeout " + t).orElse("") + (dynamic ? " dynamic" : "");
    }
}
