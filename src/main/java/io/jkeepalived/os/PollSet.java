package io.jkeepalived.os;

import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;

/**
 * {@code poll(2)} over a fixed, growable set of descriptors, all watched for input. The pollfd array
 * lives in native memory and is reused on every call. Owned by one thread (the event loop).
 *
 * <pre>
 * struct pollfd { int fd; short events; short revents; };
 * </pre>
 */
public final class PollSet implements AutoCloseable {

    private static final StructLayout POLLFD = MemoryLayout.structLayout(
            ValueLayout.JAVA_INT.withName("fd"),
            ValueLayout.JAVA_SHORT.withName("events"),
            ValueLayout.JAVA_SHORT.withName("revents"));
    private static final long SIZE = POLLFD.byteSize();

    private static final java.lang.invoke.MethodHandle PPOLL = Native.downcall("ppoll",
            java.lang.foreign.FunctionDescriptor.of(Native.C_INT, Native.C_PTR, Native.C_LONG, Native.C_PTR,
                    Native.C_PTR), true);

    private final Arena arena = Arena.ofConfined();
    private final MemorySegment timespec = arena.allocate(16);
    private MemorySegment fds;
    private int count;

    public PollSet() {
        fds = arena.allocate(SIZE * 8);
    }

    /** Watches {@code fd} for input; returns its slot, used with {@link #isReady(int)}. */
    public int add(int fd) {
        if ((count + 1) * SIZE > fds.byteSize()) {
            var bigger = arena.allocate(fds.byteSize() * 2);
            bigger.copyFrom(fds);
            fds = bigger;
        }
        int slot = count++;
        fds.set(ValueLayout.JAVA_INT, slot * SIZE, fd);
        fds.set(ValueLayout.JAVA_SHORT, slot * SIZE + 4, Linux.POLLIN);
        fds.set(ValueLayout.JAVA_SHORT, slot * SIZE + 6, (short) 0);
        return slot;
    }

    /** Forgets every descriptor, keeping the memory: for an owner that rebuilds its set each round. */
    public void clear() {
        count = 0;
    }

    /** Stops watching a slot without renumbering the others (poll ignores negative fds). */
    public void disable(int slot) {
        fds.set(ValueLayout.JAVA_INT, slot * SIZE, -1);
    }

    public int size() {
        return count;
    }

    /**
     * Waits until a descriptor is readable or {@code timeoutMillis} passes (-1 waits forever). Returns
     * the number of ready slots; 0 on timeout or when interrupted by a signal (EINTR).
     */
    public int poll(int timeoutMillis) throws OsException {
        int r = Libc.poll(fds, count, timeoutMillis);
        if (r == -Errno.EINTR) {
            return 0;
        }
        if (r < 0) {
            throw new OsException("poll(" + count + " fds)", -r);
        }
        return r;
    }

    /**
     * {@link #poll(int)} with a nanosecond timeout ({@code ppoll(2)}), so a deadline is not rounded
     * to whole milliseconds (an advert every 50 ms must not drift by up to 1 ms each time).
     * A negative timeout waits forever.
     */
    public int pollNanos(long timeoutNanos) throws OsException {
        MemorySegment ts = MemorySegment.NULL;
        if (timeoutNanos >= 0) {
            timespec.set(ValueLayout.JAVA_LONG, 0, timeoutNanos / 1_000_000_000L);
            timespec.set(ValueLayout.JAVA_LONG, 8, timeoutNanos % 1_000_000_000L);
            ts = timespec;
        }
        var st = Native.callState();
        int r;
        try {
            r = (int) Native.result((int) PPOLL.invokeExact(st, fds, (long) count, ts, MemorySegment.NULL), st);
        } catch (Throwable t) {
            throw Native.broken(t);
        }
        if (r == -Errno.EINTR) {
            return 0;
        }
        if (r < 0) {
            throw new OsException("ppoll(" + count + " fds)", -r);
        }
        return r;
    }

    /** True when the last poll reported input, hang-up or an error on the slot: read it to find out. */
    public boolean isReady(int slot) {
        return fds.get(ValueLayout.JAVA_SHORT, slot * SIZE + 6) != 0;
    }

    @Override
    public void close() {
        arena.close();
    }
}
