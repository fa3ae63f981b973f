package io.jkeepalived.os;

import static io.jkeepalived.os.Native.C_INT;
import static io.jkeepalived.os.Native.C_PTR;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * The calling thread's signal mask, read with {@code pthread_sigmask(3)}. The launcher blocks the
 * control signals before it execs the JVM; which of them are still blocked once the JVM runs tells
 * the daemon which ones a signalfd can read (a JVM started without {@code -Xrs} unblocks HUP, INT
 * and TERM in every thread it starts, for its own handlers).
 */
public final class SignalMask {
    private static final int SIG_BLOCK = 0;
    /** glibc's sigset_t: 1,024 bits; signals 1..64 are the first 64. */
    private static final int SIGSET_BYTES = 128;
    private static final MethodHandle PTHREAD_SIGMASK = Native.downcall("pthread_sigmask",
            FunctionDescriptor.of(C_INT, C_INT, C_PTR, C_PTR), false);

    private SignalMask() {}

    /** Bit {@code n - 1} set when signal {@code n} (1..64) is blocked in the calling thread. */
    public static long blockedHere() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment old = a.allocate(SIGSET_BYTES);
            int r;
            try {
                r = (int) PTHREAD_SIGMASK.invokeExact(SIG_BLOCK, MemorySegment.NULL, old);
            } catch (Throwable t) {
                throw Native.broken(t);
            }
            return r == 0 ? old.get(ValueLayout.JAVA_LONG, 0) : 0L;
        }
    }

    /** Whether {@code signal} (1..64) is set in {@code mask} as {@link #blockedHere} gives it. */
    public static boolean has(long mask, int signal) {
        return (mask & (1L << (signal - 1))) != 0;
    }
}
