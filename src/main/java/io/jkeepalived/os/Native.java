package io.jkeepalived.os;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The one place that looks up libc symbols and builds downcall handles. Handles built with
 * {@code captureErrno} take a call-state segment as their first argument; the JVM copies errno into
 * it right after the call, before any other native code (GC, logging) can overwrite errno.
 */
final class Native {

    static final Linker LINKER = Linker.nativeLinker();
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");
    private static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE_LAYOUT.varHandle(
            java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));

    /** One call-state buffer per thread: no allocation per system call. */
    private static final ThreadLocal<MemorySegment> CALL_STATE =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(CAPTURE_LAYOUT));

    private Native() {
    }

    @SuppressWarnings("restricted") // the descriptors below are checked against the libc prototypes
    static MethodHandle downcall(String symbol, FunctionDescriptor descriptor, boolean captureErrno,
            Linker.Option... extra) {
        var address = LINKER.defaultLookup().find(symbol)
                .orElseThrow(() -> new UnsatisfiedLinkError("libc has no symbol " + symbol));
        Linker.Option[] options;
        if (captureErrno) {
            options = new Linker.Option[extra.length + 1];
            options[0] = CAPTURE_ERRNO;
            System.arraycopy(extra, 0, options, 1, extra.length);
        } else {
            options = extra;
        }
        return LINKER.downcallHandle(address, descriptor, options);
    }

    /** A downcall to a symbol this libc may lack (glibc extensions), without errno capture. */
    @SuppressWarnings("restricted") // as above
    static java.util.Optional<MethodHandle> optionalDowncall(String symbol, FunctionDescriptor descriptor) {
        return LINKER.defaultLookup().find(symbol).map(address -> LINKER.downcallHandle(address, descriptor));
    }

    static MemorySegment callState() {
        return CALL_STATE.get();
    }

    static int errno(MemorySegment callState) {
        return (int) ERRNO.get(callState, 0L);
    }

    /** Turns a libc return value into the kernel convention: the result, or minus errno. */
    static long result(long returned, MemorySegment callState) {
        return returned < 0 ? -errno(callState) : returned;
    }

    /** A downcall can only fail with a Throwable when the handle itself is wrong: a programming error. */
    static AssertionError broken(Throwable t) {
        return new AssertionError("native call failed unexpectedly", t);
    }

    static final ValueLayout.OfInt C_INT = ValueLayout.JAVA_INT;
    static final ValueLayout.OfLong C_LONG = ValueLayout.JAVA_LONG;
    static final ValueLayout C_PTR = ValueLayout.ADDRESS;
}
