package io.jkeepalived.os;

import java.lang.foreign.FunctionDescriptor;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * glibc's {@code malloc_trim(0)}: hands the free memory at the top and inside malloc's heaps back to
 * the kernel. glibc keeps what threads free, so the JIT's and reloads' native churn stays resident
 * otherwise; the JVM's {@code -XX:TrimNativeHeapInterval} does the same but costs a thread of its
 * own, where the daemon calls this from a thread that idles anyway. Without glibc (musl has no
 * {@code malloc_trim}) it does nothing.
 */
public final class NativeHeap {
    private static final Optional<MethodHandle> MALLOC_TRIM =
            Native.optionalDowncall("malloc_trim", FunctionDescriptor.of(Native.C_INT, Native.C_LONG));

    private NativeHeap() {
    }

    /** Whether this libc can trim (glibc). */
    public static boolean available() {
        return MALLOC_TRIM.isPresent();
    }

    /** Trims the native heap; true when memory went back to the kernel. It cannot fail. */
    public static boolean trim() {
        if (MALLOC_TRIM.isEmpty()) {
            return false;
        }
        try {
            return (int) MALLOC_TRIM.get().invokeExact(0L) == 1;
        } catch (Throwable t) {
            throw Native.broken(t);
        }
    }
}
