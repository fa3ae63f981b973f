package io.jkeepalived.os;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * errno numbers as the kernel and glibc name and describe them. Names come from glibc's
 * {@code strerrorname_np} and texts from {@code strerror}; both return pointers to constant strings for
 * every known errno, so they are safe to call from any thread.
 */
public final class Errno {

    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int EINTR = 4;
    public static final int EBADF = 9;
    public static final int EAGAIN = 11;
    public static final int ENOMEM = 12;
    public static final int EACCES = 13;
    public static final int EEXIST = 17;
    public static final int ENODEV = 19;
    public static final int EINVAL = 22;
    public static final int ENOBUFS = 105;
    public static final int EADDRNOTAVAIL = 99;
    public static final int EADDRINUSE = 98;
    public static final int ENETDOWN = 100;
    public static final int ENETUNREACH = 101;
    public static final int ETIMEDOUT = 110;
    public static final int ECONNREFUSED = 111;
    public static final int EHOSTUNREACH = 113;
    public static final int EINPROGRESS = 115;
    public static final int ESRCH = 3;

    private static final MethodHandle STRERROR = Native.downcall("strerror",
            FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT), false);
    private static final MethodHandle STRERRORNAME = Native.downcall("strerrorname_np",
            FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT), false);

    private Errno() {
    }

    /** {@code EADDRINUSE}, or {@code errno 1234} when glibc has no name for it. */
    public static String name(int errno) {
        return cString(STRERRORNAME, errno).orElse("errno " + errno);
    }

    /** {@code Address already in use}. */
    public static String text(int errno) {
        return cString(STRERROR, errno).orElse("Unknown error " + errno);
    }

    /** {@code EADDRINUSE (Address already in use)}. */
    public static String describe(int errno) {
        return name(errno) + " (" + text(errno) + ")";
    }

    @SuppressWarnings("restricted") // glibc returns NUL-terminated constants well under 256 bytes
    private static Optional<String> cString(MethodHandle handle, int errno) {
        try {
            var ptr = (MemorySegment) handle.invokeExact(errno);
            if (ptr.equals(MemorySegment.NULL)) {
                return Optional.empty();
            }
            return Optional.of(ptr.reinterpret(256).getString(0));
        } catch (Throwable t) {
            return Optional.empty();
        }
    }
}
