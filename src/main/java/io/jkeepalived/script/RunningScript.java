package io.jkeepalived.script;

import io.jkeepalived.os.ChildProcess;
import io.jkeepalived.os.ProcessTree;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/**
 * A started script: its process, which leads a process group of its own, and its output tail.
 * The launcher's supervisor thread reaps it and completes {@link #exit()}.
 *
 * <p>Killing works on the process group and on the process tree as it is when the kill starts:
 * descendants are snapshotted before the script itself is signalled, because a shell's children
 * are re-parented the moment the shell dies and would no longer be found; the group signal also
 * reaches children that outlived the script. A descendant that left both (double fork with
 * {@code setsid}, daemons) is out of reach, as it is for keepalived.
 */
public final class RunningScript {

    private final ChildProcess child;
    private final OutputTail output;
    private final List<String> argv;
    private final CompletableFuture<Integer> exited = new CompletableFuture<>();
    /** Supervisor thread only: its output pipe stays out of the poll until then (System.nanoTime). */
    long outputPausedUntil = System.nanoTime();
    private List<ProcessHandle> lastSnapshot = List.of(); // guarded by this

    RunningScript(ChildProcess child, OutputTail output, List<String> argv) {
        this.child = child;
        this.output = output;
        this.argv = List.copyOf(argv);
    }

    public long pid() {
        return child.pid();
    }

    public List<String> argv() {
        return argv;
    }

    /** The last bytes of stdout+stderr; final once {@link #exit()} has completed. */
    public OutputTail output() {
        return output;
    }

    /** True until the process has exited and been reaped. */
    public boolean isAlive() {
        return !exited.isDone();
    }

    /**
     * Completes with the exit code when the process has exited (signal deaths give 128+N), after
     * its output has been read and the pipe closed. A child the script left behind does not delay it.
     */
    public CompletableFuture<Integer> exit() {
        return exited.copy();
    }

    /** SIGTERM to the script, its process group and every descendant. */
    public void terminateTree() {
        signalTree(ChildProcess.SIGTERM);
    }

    /** SIGKILL to the script, its process group and every descendant, including ones seen at the SIGTERM. */
    public void killTree() {
        signalTree(ChildProcess.SIGKILL);
    }

    /**
     * Excludes {@link #reap()}: while unreaped, the pid is ours and its descendants are really
     * its own (after reaping, the number could name a stranger).
     */
    private synchronized void signalTree(int sig) {
        List<ProcessHandle> now = child.isReaped() ? List.of()
                : ProcessHandle.of(child.pid()).map(ProcessTree::descendants).orElse(List.of());
        List<ProcessHandle> earlier = lastSnapshot;
        lastSnapshot = now;
        child.signal(sig);
        child.signalGroup(sig);
        boolean force = sig == ChildProcess.SIGKILL;
        for (List<ProcessHandle> set : List.of(now, earlier)) {
            for (ProcessHandle h : set) {
                // a handle checks the process's start time, so a reused pid is left alone
                if (force) {
                    h.destroyForcibly();
                } else {
                    h.destroy();
                }
            }
        }
    }

    ChildProcess child() {
        return child;
    }

    /** Supervisor thread: the exit code once the process has exited. */
    synchronized OptionalInt reap() {
        return child.tryReap();
    }

    /** Supervisor thread: output is final; completes the run. */
    void ended(int code) {
        output.finish();
        exited.complete(code);
    }

    /** Supervisor thread, when it stops with this run still going: nobody will reap it now. */
    void abandon() {
        output.finish();
        exited.completeExceptionally(new IllegalStateException("script launcher closed while " + argv.getFirst() + " ran"));
    }
}
