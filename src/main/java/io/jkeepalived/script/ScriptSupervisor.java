package io.jkeepalived.script;

import io.jkeepalived.os.ChildProcess;
import io.jkeepalived.os.Errno;
import io.jkeepalived.os.OsException;
import io.jkeepalived.os.PollSet;
import io.jkeepalived.os.ProcessSpawn;
import io.jkeepalived.os.WakeUpFd;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that starts, watches and reaps every script of a launcher ("jk-scripts").
 *
 * <p>One poll covers every live run: its pidfd (readable when the process exits) and its output
 * pipe (non-blocking). Output is copied into the run's {@link OutputTail} as it arrives, but a
 * pipe that was just read is left out of the poll until the current pause of
 * {@link #OUTPUT_PAUSE_NANOS} ends: a script printing megabytes in small writes would otherwise
 * wake this thread once per write. The pause is shared: every pipe read while it runs comes back at
 * its end, so ten busy pipes cost one wake-up per pause, not ten. When the
 * pidfd fires the process is reaped, whatever the pipe still holds is read without waiting, and
 * the pipe is closed: a run ends with its process even when a child it left in the background
 * keeps the pipe open. So a run costs two descriptors while it lives and nothing after, and no
 * thread at all.
 *
 * <p>Spawning happens here too, because the parent-death signal a script gets through setpriv is
 * tied to the thread that spawned it: this thread lives as long as the launcher.
 */
final class ScriptSupervisor implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ScriptSupervisor.class);
    /** A whole output pipe per read (see {@link ProcessSpawn#PIPE_BYTES}). */
    private static final int READ_BYTES = ProcessSpawn.PIPE_BYTES;
    /**
     * How long a pipe that was just read stays out of the poll. Ten scripts printing 5 MB a second
     * woke this thread about 940 times a second, a poll and a short read each (half of its CPU);
     * with the pause, busy pipes are read together once per pause, about 230 wake-ups a second in
     * that load. It delays nothing else: exits (pidfds) are always watched, and a run's output is
     * read to its end when it exits.
     */
    static final long OUTPUT_PAUSE_NANOS = 2_000_000;
    /** When the current output pause ends (System.nanoTime); supervisor thread only. */
    private long pauseEnds = System.nanoTime();
    /** Reads of running scripts' output pipes (written by the supervisor thread only). */
    private volatile long outputReads;
    /** What is read from a pipe after its process exited: a writer left behind cannot keep us reading. */
    private static final int FINAL_READS = 16;

    /** A spawn handed to the supervisor thread. */
    private record Request(List<String> argv, List<String> originalArgv, CompletableFuture<ScriptLauncher.Launch> result) {}

    private final WakeUpFd wake;
    private final List<String> environment;
    private final int tailBytes;
    private final Thread thread;
    private final Queue<Request> requests = new ArrayDeque<>(); // guarded by itself
    private boolean closed; // guarded by requests
    private volatile boolean stopping;
    /** The runs being watched, in poll order; supervisor thread only. */
    private final List<RunningScript> runs = new ArrayList<>();
    /** The runs not yet ended, readable from any thread. */
    private final Set<RunningScript> live = ConcurrentHashMap.newKeySet();

    ScriptSupervisor(WakeUpFd wake, List<String> environment, int tailBytes) {
        this.wake = wake;
        this.environment = List.copyOf(environment);
        this.tailBytes = tailBytes;
        this.thread = Thread.ofPlatform().name("jk-scripts").daemon(true).unstarted(this);
    }

    void startThread() {
        thread.start();
    }

    /** Spawns on the supervisor thread (directly when called from it) and waits for the outcome. */
    ScriptLauncher.Launch spawn(List<String> execArgv, List<String> argv) {
        Request req = new Request(List.copyOf(execArgv), List.copyOf(argv), new CompletableFuture<>());
        if (Thread.currentThread() == thread) {
            doSpawn(req);
        } else {
            synchronized (requests) {
                if (closed) {
                    return new ScriptLauncher.LaunchFailed("cannot start " + argv.getFirst() + ": launcher closed");
                }
                requests.add(req);
            }
            wake.signal();
        }
        return req.result().join();
    }

    /** How many times a running script's output was read; from any thread. */
    long outputReads() {
        return outputReads;
    }

    /** Runs started and not yet ended, from any thread. */
    List<RunningScript> live() {
        return List.copyOf(live);
    }

    /** Ends the thread; runs still going are left as they are (terminate them first). */
    void stop() {
        stopping = true;
        wake.signal();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void run() {
        try (PollSet poll = new PollSet(); Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(READ_BYTES);
            int[] pidSlot = new int[0];
            int[] outSlot = new int[0];
            while (!stopping) {
                poll.clear();
                poll.add(wake.fd());
                if (pidSlot.length < runs.size()) {
                    pidSlot = new int[runs.size() * 2];
                    outSlot = new int[runs.size() * 2];
                }
                long now = System.nanoTime();
                long wait = -1;
                for (int i = 0; i < runs.size(); i++) {
                    RunningScript rs = runs.get(i);
                    ChildProcess c = rs.child();
                    pidSlot[i] = poll.add(c.pidFd());
                    outSlot[i] = -1;
                    if (c.outputOpen()) {
                        long pause = rs.outputPausedUntil - now;
                        if (pause <= 0) {
                            outSlot[i] = poll.add(c.outputFd());
                        } else {
                            wait = wait < 0 ? pause : Math.min(wait, pause);
                        }
                    }
                }
                poll.pollNanos(wait);
                if (poll.isReady(0)) {
                    wake.drain();
                }
                List<RunningScript> ended = new ArrayList<>();
                int watched = runs.size(); // spawns below append runs that had no slot this round
                for (int i = 0; i < watched; i++) {
                    RunningScript rs = runs.get(i);
                    if (outSlot[i] >= 0 && poll.isReady(outSlot[i])) {
                        readOnce(rs, buf);
                    }
                    if (poll.isReady(pidSlot[i]) && finish(rs, buf)) {
                        ended.add(rs);
                    }
                }
                runs.removeAll(ended);
                takeRequests().forEach(this::doSpawn);
            }
        } catch (OsException | RuntimeException | Error e) {
            LOG.error("script supervisor failed; scripts can no longer be started or reaped", e);
        } finally {
            List<Request> left;
            synchronized (requests) {
                closed = true;
                left = List.copyOf(requests);
                requests.clear();
            }
            left.forEach(r -> r.result().complete(
                    new ScriptLauncher.LaunchFailed("cannot start " + r.originalArgv().getFirst() + ": launcher closed")));
            for (RunningScript rs : runs) {
                rs.child().close();
                live.remove(rs);
                rs.abandon();
            }
        }
    }

    private List<Request> takeRequests() {
        synchronized (requests) {
            List<Request> out = List.copyOf(requests);
            requests.clear();
            return out;
        }
    }

    private void doSpawn(Request req) {
        ChildProcess child;
        try {
            child = ProcessSpawn.spawn(req.argv(), environment);
        } catch (OsException e) {
            req.result().complete(new ScriptLauncher.LaunchFailed("cannot start " + req.originalArgv().getFirst()
                    + ": " + e.errnoName() + " (" + Errno.text(e.errno()) + ")"));
            return;
        }
        RunningScript rs = new RunningScript(child, new OutputTail(tailBytes), req.originalArgv());
        runs.add(rs);
        live.add(rs);
        req.result().complete(new ScriptLauncher.Started(rs));
    }

    /** One read of what is there now; the end of output closes the pipe (the process may live on). */
    private void readOnce(RunningScript rs, MemorySegment buf) {
        long now = System.nanoTime();
        if (pauseEnds - now <= 0) {
            pauseEnds = now + OUTPUT_PAUSE_NANOS;
        }
        rs.outputPausedUntil = pauseEnds;
        outputReads++; // one writer
        int n = rs.child().readOutput(buf);
        if (n > 0) {
            rs.output().append(buf, n);
        } else if (n == 0) {
            rs.child().closeOutput();
        }
    }

    /** Reaps a run whose pidfd fired; true when it ended (its output then final and its future done). */
    private boolean finish(RunningScript rs, MemorySegment buf) {
        OptionalInt code = rs.reap();
        if (code.isEmpty()) {
            return false;
        }
        ChildProcess c = rs.child();
        for (int i = 0; i < FINAL_READS && c.outputOpen(); i++) {
            int n = c.readOutput(buf);
            if (n <= 0) {
                break;
            }
            rs.output().append(buf, n);
        }
        c.close();
        live.remove(rs);
        rs.ended(code.getAsInt());
        return true;
    }
}
