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
 * A signalfd for signals the JVM cannot take: keepalived's real-time control signals (JSON = 36,
 * STATS_CLEAR = 63). Their default action would kill the process, so the launcher blocks them
 * before it execs the JVM (the mask is inherited by every thread); they then stay pending and
 * this descriptor, polled by the event loop, reads them. Non-blocking; loop thread only.
 *
 * <pre>
 * struct signalfd_siginfo (128 bytes): u32 ssi_signo, i32 ssi_errno, i32 ssi_code, u32 ssi_pid, ...
 * </pre>
 */
public final class SignalFd implements AutoCloseable {
    private static final int SFD_NONBLOCK = 0x800;
    private static final int SFD_CLOEXEC = 0x80000;
    private static final int SIGINFO_BYTES = 128;
    private static final MethodHandle SIGNALFD = Native.downcall("signalfd",
            FunctionDescriptor.of(C_INT, C_INT, C_PTR, C_INT), true);

    private final OwnedFd fd;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment info;

    private SignalFd(OwnedFd fd) {
        this.fd = fd;
        this.info = arena.allocate(SIGINFO_BYTES);
    }

    /** Opens a signalfd for {@code signals} (1..64). Does not change the signal mask. */
    public static SignalFd open(int... signals) throws OsException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment mask = a.allocate(128);
            for (int s : signals) {
                if (s < 1 || s > 64) {
                    throw new IllegalArgumentException("signal " + s);
                }
                long word = mask.get(ValueLayout.JAVA_LONG, 0);
                mask.set(ValueLayout.JAVA_LONG, 0, word | (1L << (s - 1)));
            }
            var st = Native.callState();
            int r;
            try {
                r = (int) Native.result((int) SIGNALFD.invokeExact(st, -1, mask, SFD_NONBLOCK | SFD_CLOEXEC), st);
            } catch (Throwable t) {
                throw Native.broken(t);
            }
            return new SignalFd(OwnedFd.adopt(r, "signalfd"));
        }
    }

    public int fd() {
        return fd.fd();
    }

    /** The next pending signal's number, or empty when none is pending. */
    public OptionalInt read() {
        long n = Libc.read(fd.fd(), info, SIGINFO_BYTES);
        return n == SIGINFO_BYTES ? OptionalInt.of(info.get(ValueLayout.JAVA_INT, 0)) : OptionalInt.empty();
    }

    @Override
    public void close() {
        fd.close();
        arena.close();
    }
}
