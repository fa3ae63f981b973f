package io.jkeepalived.os;

import static io.jkeepalived.os.Native.C_INT;
import static io.jkeepalived.os.Native.C_PTR;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.OptionalInt;

/**
 * A child from {@link ProcessSpawn}: its pid, a pidfd (readable once the child has exited) and
 * the read end of its output pipe. Nothing here blocks: the owner polls both descriptors and
 * calls {@link #tryReap()} and {@link #readOutput} when they are ready.
 *
 * <p>Signals never reach a stranger: the child itself is signalled through its pidfd, and reaping
 * and signalling exclude each other, so its pid is never signalled once it may have been reused.
 * The group signal goes to the group the child leads; Linux keeps that number out of reuse while
 * any member is alive, which is exactly when signalling it matters.
 */
public final class ChildProcess implements AutoCloseable {

    public static final int SIGKILL = 9;
    public static final int SIGTERM = 15;
    private static final int WNOHANG = 1;

    private static final MethodHandle WAITPID = Native.downcall("waitpid",
            FunctionDescriptor.of(C_INT, C_INT, C_PTR, C_INT), true);
    private static final MethodHandle PIDFD_SEND_SIGNAL = Native.downcall("pidfd_send_signal",
            FunctionDescriptor.of(C_INT, C_INT, C_INT, C_PTR, C_INT), true);
    private static final MethodHandle KILL = Native.downcall("kill",
            FunctionDescriptor.of(C_INT, C_INT, C_INT), true);

    private final int pid;
    private final OwnedFd pidfd;
    private final OwnedFd output;
    private boolean reaped;

    ChildProcess(int pid, OwnedFd pidfd, OwnedFd output) {
        this.pid = pid;
        this.pidfd = pidfd;
        this.output = output;
    }

    public int pid() {
        return pid;
    }

    /** Poll this for input: it becomes readable when the child exits. */
    public int pidFd() {
        return pidfd.fd();
    }

    public boolean outputOpen() {
        return output.isOpen();
    }

    /** The non-blocking read end of the child's stdout+stderr pipe; only while {@link #outputOpen()}. */
    public int outputFd() {
        return output.fd();
    }

    /**
     * Reads what the pipe holds into {@code buf}: the byte count, 0 at end of output (every writer
     * closed it, or it failed), or -1 when nothing is there now.
     */
    public int readOutput(MemorySegment buf) {
        long n = Libc.read(output.fd(), buf, buf.byteSize());
        if (n == -Errno.EAGAIN || n == -Errno.EINTR) {
            return -1;
        }
        return (int) Math.max(0, n);
    }

    /** Stops reading: a child the script left behind that writes later gets EPIPE, not our memory. */
    public void closeOutput() {
        output.close();
    }

    /**
     * Collects the exit status if the child has exited: its exit code, or 128+N for death by
     * signal N (the shell's convention). Empty while it runs.
     */
    public synchronized OptionalInt tryReap() {
        if (reaped) {
            throw new IllegalStateException("child " + pid + " already reaped");
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment status = a.allocate(ValueLayout.JAVA_INT);
            int r = waitpid(pid, status, WNOHANG);
            if (r == 0 || r == -Errno.EINTR) {
                return OptionalInt.empty();
            }
            reaped = true;
            pidfd.close();
            if (r < 0) {
                return OptionalInt.of(-1); // ECHILD: someone else reaped it; no status to report
            }
            int s = status.get(ValueLayout.JAVA_INT, 0);
            int signal = s & 0x7f;
            return OptionalInt.of(signal == 0 ? (s >> 8) & 0xff : 128 + signal);
        }
    }

    public synchronized boolean isReaped() {
        return reaped;
    }

    /** Signals the child itself; a no-op once it is reaped. */
    public synchronized void signal(int sig) {
        if (reaped) {
            return;
        }
        var st = Native.callState();
        try {
            // the only failure left is ESRCH (exited, not yet reaped): nothing to signal
            int ignored = (int) PIDFD_SEND_SIGNAL.invokeExact(st, pidfd.fd(), sig, MemorySegment.NULL, 0);
        } catch (Throwable t) {
            throw Native.broken(t);
        }
    }

    /** Signals every process still in the child's process group (ESRCH when none is: ignored). */
    public void signalGroup(int sig) {
        kill(-pid, sig);
    }

    /** Closes the descriptors; an unreaped child stays a zombie until the JVM exits, so reap first. */
    @Override
    public synchronized void close() {
        output.close();
        pidfd.close();
    }

    /** SIGKILL and a blocking reap, for a child we cannot supervise. */
    static void killAndReap(int pid) {
        kill(pid, SIGKILL);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment status = a.allocate(ValueLayout.JAVA_INT);
            int r;
            do {
                r = waitpid(pid, status, 0);
            } while (r == -Errno.EINTR);
        }
    }

    private static int kill(int pid, int sig) {
        var st = Native.callState();
        try {
            return (int) Native.result((int) KILL.invokeExact(st, pid, sig), st);
        } catch (Throwable t) {
            throw Native.broken(t);
        }
    }

    private static int waitpid(int pid, MemorySegment status, int options) {
        var st = Native.callState();
        try {
            return (int) Native.result((int) WAITPID.invokeExact(st, pid, status, options), st);
        } catch (Throwable t) {
            throw Native.broken(t);
        }
    }
}
