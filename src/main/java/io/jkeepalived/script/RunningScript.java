package io.jkeepalived.script;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A started script process with its output drain.
 *
 * <p>Killing works on the process tree as it is when the kill starts: descendants are
 * snapshotted before the script itself is signalled, because a shell's children are re-parented
 * to init the moment the shell dies and would no longer be found. A descendant that has already
 * left the tree (double fork, {@code setsid} daemons) is out of reach, as it is for keepalived.
 */
public final class RunningScript {

    private final Process process;
    private final OutputTail output;
    private final List<String> argv;
    private volatile List<ProcessHandle> lastSnapshot = List.of();

    RunningScript(Process process, OutputTail output, List<String> argv) {
        this.process = process;
        this.output = output;
        this.argv = List.copyOf(argv);
    }

    public long pid() {
        return process.pid();
    }

    public List<String> argv() {
        return argv;
    }

    public OutputTail output() {
        return output;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Completes with the exit code when the process has exited (signal deaths give 128+N). */
    public CompletableFuture<Integer> exit() {
        return process.onExit().thenApply(Process::exitValue);
    }

    /** SIGTERM to the script and every descendant. */
    public void terminateTree() {
        signalTree(false);
    }

    /** SIGKILL to the script and every descendant, including ones seen at the SIGTERM. */
    public void killTree() {
        signalTree(true);
    }

    private void signalTree(boolean force) {
        List<ProcessHandle> now = process.toHandle().descendants().toList();
        List<ProcessHandle> earlier = lastSnapshot;
        lastSnapshot = now;
        if (force) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        for (List<ProcessHandle> set : List.of(now, earlier)) {
            for (ProcessHandle h : set) {
                if (force) {
                    h.destroyForcibly();
                } else {
                    h.destroy();
                }
            }
        }
    }
}
