package io.jkeepalived.os;

import static io.jkeepalived.os.Native.C_INT;
import static io.jkeepalived.os.Native.C_PTR;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.List;

/**
 * Starts a program with {@code posix_spawnp(3)} in a clean state the JDK's ProcessBuilder cannot
 * give: every signal at its default action, an empty signal mask, its own process group.
 *
 * <p>Why not ProcessBuilder: the JDK spawns through a helper started by glibc's posix_spawn, whose
 * child sets glibc's internal signals 32 and 33 to "ignored", and an ignored signal stays ignored
 * across exec; and it drains output on one thread per process. Here the attribute
 * POSIX_SPAWN_SETSIGDEF names every signal 1..64 (the bits are written directly: glibc's
 * {@code sigaddset} refuses 32 and 33), POSIX_SPAWN_SETSIGMASK clears the mask (the daemon blocks
 * 36 and 63 for its signalfd), and POSIX_SPAWN_SETPGROUP makes the child lead a new group, so a
 * timeout can signal everything the script started with one {@code killpg}.
 *
 * <p>File actions: stdin from {@code /dev/null}; stdout and stderr into one pipe whose read end
 * (non-blocking, close-on-exec) the caller polls; every other descriptor closed
 * ({@code closefrom(3)}), since descriptors the JVM opened without close-on-exec must not reach
 * a script, nor outlive the daemon in a child the script left behind.
 *
 * <p>Linux delivers a child's parent-death signal when the <em>thread</em> that spawned it ends,
 * so callers spawn from a long-lived platform thread.
 */
public final class ProcessSpawn {

    private static final int POSIX_SPAWN_SETPGROUP = 0x02;
    private static final int POSIX_SPAWN_SETSIGDEF = 0x04;
    private static final int POSIX_SPAWN_SETSIGMASK = 0x08;
    /** glibc's sigset_t: 1024 bits; the kernel uses the first 64. */
    private static final long SIGSET_BYTES = 128;
    /** Larger than glibc's posix_spawnattr_t (336 bytes) and posix_spawn_file_actions_t (80). */
    private static final long OPAQUE_BYTES = 1024;
    private static final int O_RDONLY = 0;
    private static final int O_NONBLOCK = 0x800;
    private static final int F_GETFL = 3;
    private static final int F_SETFL = 4;
    private static final int F_SETPIPE_SZ = 1031;
    private static final int F_GETPIPE_SZ = 1032;
    /**
     * The output pipe's size: four times the default, so that what a fast script prints during the
     * supervisor's output pause (2 ms; 64 KiB would fill at 32 MB/s) waits in the pipe instead of
     * blocking the script, and is taken in one read. Kernel memory, taken only while output waits
     * unread.
     */
    public static final int PIPE_BYTES = 256 * 1024;

    private static final MethodHandle SPAWNP = Native.downcall("posix_spawnp",
            FunctionDescriptor.of(C_INT, C_PTR, C_PTR, C_PTR, C_PTR, C_PTR, C_PTR), false);
    private static final MethodHandle ATTR_INIT = Native.downcall("posix_spawnattr_init",
            FunctionDescriptor.of(C_INT, C_PTR), false);
    private static final MethodHandle ATTR_DESTROY = Native.downcall("posix_spawnattr_destroy",
            FunctionDescriptor.of(C_INT, C_PTR), false);
    private static final MethodHandle ATTR_SETFLAGS = Native.downcall("posix_spawnattr_setflags",
            FunctionDescriptor.of(C_INT, C_PTR, ValueLayout.JAVA_SHORT), false);
    private static final MethodHandle ATTR_SETPGROUP = Native.downcall("posix_spawnattr_setpgroup",
            FunctionDescriptor.of(C_INT, C_PTR, C_INT), false);
    private static final MethodHandle ATTR_SETSIGDEFAULT = Native.downcall("posix_spawnattr_setsigdefault",
            FunctionDescriptor.of(C_INT, C_PTR, C_PTR), false);
    private static final MethodHandle ATTR_SETSIGMASK = Native.downcall("posix_spawnattr_setsigmask",
            FunctionDescriptor.of(C_INT, C_PTR, C_PTR), false);
    private static final MethodHandle FA_INIT = Native.downcall("posix_spawn_file_actions_init",
            FunctionDescriptor.of(C_INT, C_PTR), false);
    private static final MethodHandle FA_DESTROY = Native.downcall("posix_spawn_file_actions_destroy",
            FunctionDescriptor.of(C_INT, C_PTR), false);
    private static final MethodHandle FA_ADDOPEN = Native.downcall("posix_spawn_file_actions_addopen",
            FunctionDescriptor.of(C_INT, C_PTR, C_INT, C_PTR, C_INT, C_INT), false);
    private static final MethodHandle FA_ADDDUP2 = Native.downcall("posix_spawn_file_actions_adddup2",
            FunctionDescriptor.of(C_INT, C_PTR, C_INT, C_INT), false);
    private static final MethodHandle FA_ADDCLOSEFROM = Native.downcall("posix_spawn_file_actions_addclosefrom_np",
            FunctionDescriptor.of(C_INT, C_PTR, C_INT), false);
    private static final MethodHandle PIPE2 = Native.downcall("pipe2",
            FunctionDescriptor.of(C_INT, C_PTR, C_INT), true);
    private static final MethodHandle FCNTL = Native.downcall("fcntl",
            FunctionDescriptor.of(C_INT, C_INT, C_INT, C_INT), true, Linker.Option.firstVariadicArg(2));
    private static final MethodHandle PIDFD_OPEN = Native.downcall("pidfd_open",
            FunctionDescriptor.of(C_INT, C_INT, C_INT), true);

    private ProcessSpawn() {
    }

    /**
     * Spawns {@code argv} (the program is looked up in the caller's PATH when it has no slash) with
     * exactly {@code environment} ({@code NAME=value} strings). Fails with the errno of the spawn,
     * including the exec's own (ENOENT for a missing program).
     */
    public static ChildProcess spawn(List<String> argv, List<String> environment) throws OsException {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("empty argv");
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fds = arena.allocate(ValueLayout.JAVA_INT, 2);
            int r = call(PIPE2, fds, Linux.O_CLOEXEC);
            if (r < 0) {
                throw new OsException("pipe2", -r);
            }
            OwnedFd readEnd = OwnedFd.adopt(fds.getAtIndex(ValueLayout.JAVA_INT, 0), "script output pipe");
            try (OwnedFd writeEnd = OwnedFd.adopt(fds.getAtIndex(ValueLayout.JAVA_INT, 1), "script output pipe (child end)")) {
                setNonBlocking(readEnd.fd());
                call(FCNTL, readEnd.fd(), F_SETPIPE_SZ, PIPE_BYTES); // refused (a user's pipe quota): the default serves
                int pid = spawnp(arena, argv, environment, writeEnd.fd());
                int pidfd = call(PIDFD_OPEN, pid, 0);
                if (pidfd < 0) {
                    // only EMFILE/ENOMEM can get here (the child is ours and unreaped): without a
                    // pidfd nobody would reap it, so end it now rather than leave a zombie
                    ChildProcess.killAndReap(pid);
                    throw new OsException("pidfd_open(" + pid + ")", -pidfd);
                }
                return new ChildProcess(pid, OwnedFd.adopt(pidfd, "pidfd " + pid), readEnd);
            } catch (OsException | RuntimeException e) {
                readEnd.close();
                throw e;
            }
        }
    }

    private static int spawnp(Arena arena, List<String> argv, List<String> environment, int outputFd)
            throws OsException {
        MemorySegment attr = arena.allocate(OPAQUE_BYTES, 16);
        MemorySegment actions = arena.allocate(OPAQUE_BYTES, 16);
        check("posix_spawnattr_init", invoke(ATTR_INIT, attr));
        try {
            check("posix_spawn_file_actions_init", invoke(FA_INIT, actions));
            try {
                MemorySegment allSignals = arena.allocate(SIGSET_BYTES, 8);
                allSignals.set(ValueLayout.JAVA_LONG, 0, -1L); // signals 1..64, bit n-1 for signal n
                MemorySegment noSignals = arena.allocate(SIGSET_BYTES, 8);
                check("posix_spawnattr_setsigdefault", invoke(ATTR_SETSIGDEFAULT, attr, allSignals));
                check("posix_spawnattr_setsigmask", invoke(ATTR_SETSIGMASK, attr, noSignals));
                check("posix_spawnattr_setpgroup", invoke(ATTR_SETPGROUP, attr, 0));
                try {
                    check("posix_spawnattr_setflags", (int) ATTR_SETFLAGS.invokeExact(attr,
                            (short) (POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETPGROUP)));
                    check("posix_spawn_file_actions_addopen", (int) FA_ADDOPEN.invokeExact(actions, 0,
                            arena.allocateFrom("/dev/null"), O_RDONLY, 0));
                    check("posix_spawn_file_actions_adddup2", (int) FA_ADDDUP2.invokeExact(actions, outputFd, 1));
                    check("posix_spawn_file_actions_adddup2", (int) FA_ADDDUP2.invokeExact(actions, outputFd, 2));
                    check("posix_spawn_file_actions_addclosefrom_np", (int) FA_ADDCLOSEFROM.invokeExact(actions, 3));
                } catch (OsException e) {
                    throw e;
                } catch (Throwable t) {
                    throw Native.broken(t);
                }
                MemorySegment pid = arena.allocate(ValueLayout.JAVA_INT);
                int err;
                try {
                    err = (int) SPAWNP.invokeExact(pid, arena.allocateFrom(argv.getFirst()), actions, attr,
                            strings(arena, argv), strings(arena, environment));
                } catch (Throwable t) {
                    throw Native.broken(t);
                }
                if (err != 0) {
                    throw new OsException("posix_spawnp(" + argv.getFirst() + ")", err);
                }
                return pid.get(ValueLayout.JAVA_INT, 0);
            } finally {
                invoke(FA_DESTROY, actions);
            }
        } finally {
            invoke(ATTR_DESTROY, attr);
        }
    }

    /** A NULL-terminated array of C strings, as argv and envp are. */
    private static MemorySegment strings(Arena arena, List<String> values) {
        MemorySegment array = arena.allocate(ValueLayout.ADDRESS, values.size() + 1L);
        for (int i = 0; i < values.size(); i++) {
            array.setAtIndex(ValueLayout.ADDRESS, i, arena.allocateFrom(values.get(i)));
        }
        array.setAtIndex(ValueLayout.ADDRESS, values.size(), MemorySegment.NULL);
        return array;
    }

    /** The capacity of the pipe {@code fd} is an end of, in bytes (F_GETPIPE_SZ); negative errno on failure. */
    static int pipeSize(int fd) {
        return call(FCNTL, fd, F_GETPIPE_SZ, 0);
    }

    private static void setNonBlocking(int fd) throws OsException {
        int flags = call(FCNTL, fd, F_GETFL, 0);
        if (flags < 0) {
            throw new OsException("fcntl(F_GETFL) on script output pipe", -flags);
        }
        int r = call(FCNTL, fd, F_SETFL, flags | O_NONBLOCK);
        if (r < 0) {
            throw new OsException("fcntl(O_NONBLOCK) on script output pipe", -r);
        }
    }

    /** The posix_spawn family returns an error number instead of setting errno. */
    private static void check(String what, int err) throws OsException {
        if (err != 0) {
            throw new OsException(what, err);
        }
    }

    private static int invoke(MethodHandle h, MemorySegment a) {
        try {
            return (int) h.invokeExact(a);
        } catch (Throwable t) {
            throw Native.broken(t);
        }
    }

    private static int invoke(MethodHandle h, MemorySegment a, MemorySegment b) {
        try {
            return (int) h.invokeExact(a, b);
        } catch (Throwable t) {
            throw Native.broken(t);
        }
    }

    private static int invoke(MethodHandle h, MemorySegment a, int b) {
        try {
            return (int) h.invokeExact(a, b);
        } catch (Throwable t) {
            throw Native.broken(t);
        }
    }

    /** errno-capturing calls: the result, or {@code -errno}. */
    private static int call(MethodHandle h, MemorySegment a, int b) {
        var st = Native.callState();
        try {
            return (int) Native.result((int) h.invokeExact(st, a, b), st);
        } catch (Throwable t) {
            throw Native.broken(t);
        }
    }

    private static int call(MethodHandle h, int a, int b) {
        var st = Native.callState();
        try {
            return (int) Native.result((int) h.invokeExact(st, a, b), st);
        } catch (Throwable t) {
            throw Native.broken(t);
        }
    }

    private static int call(MethodHandle h, int a, int b, int c) {
        var st = Native.callState();
        try {
            return (int) Native.result((int) h.invokeExact(st, a, b, c), st);
        } catch (Throwable t) {
            throw Native.broken(t);
        }
    }
}
