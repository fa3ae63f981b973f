package io.jkeepalived.notify;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code mkfifo(3)} through FFM: one libc call, so not worth a process. Kept here rather than in
 * {@code io.jkeepalived.os} (written in parallel); move it there once that package exists.
 */
public final class Mkfifo {

    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Optional<MethodHandle> MKFIFO = lookup();

    private Mkfifo() {}

    // restricted: a downcall with a fixed, correct descriptor for mkfifo(const char *, mode_t)
    @SuppressWarnings("restricted")
    private static Optional<MethodHandle> lookup() {
        try {
            Linker linker = Linker.nativeLinker();
            return linker.defaultLookup().find("mkfifo").map(addr -> linker.downcallHandle(addr,
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT),
                    Linker.Option.captureCallState("errno")));
        } catch (RuntimeException e) {
            return Optional.empty(); // native access disabled: callers report the error
        }
    }

    /** Creates a FIFO with {@code mode} (less the umask); returns 0 or the errno. */
    public static int create(Path path, int mode) {
        if (MKFIFO.isEmpty()) {
            return 38; // ENOSYS
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            int rc = (int) MKFIFO.get().invokeExact(state, arena.allocateFrom(path.toString()), mode);
            return rc == 0 ? 0 : (int) ERRNO.get(state, 0L);
        } catch (Throwable t) {
            return 38;
        }
    }
}
