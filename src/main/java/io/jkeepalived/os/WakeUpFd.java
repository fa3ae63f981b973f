package io.jkeepalived.os;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * An eventfd that lets any thread wake the event loop out of {@code poll}: {@link #signal()} from
 * anywhere, {@link #drain()} on the loop after poll reports it readable. Non-blocking both ways.
 */
public final class WakeUpFd implements AutoCloseable {

    private final OwnedFd fd;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment signalValue;
    private final MemorySegment drainBuffer;

    private WakeUpFd(OwnedFd fd) {
        this.fd = fd;
        this.signalValue = arena.allocate(ValueLayout.JAVA_LONG);
        this.signalValue.set(ValueLayout.JAVA_LONG, 0, 1L);
        this.drainBuffer = arena.allocate(ValueLayout.JAVA_LONG);
    }

    public static WakeUpFd open() throws OsException {
        return new WakeUpFd(OwnedFd.adopt(Libc.eventfd(0, Linux.EFD_NONBLOCK | Linux.EFD_CLOEXEC), "eventfd"));
    }

    public int fd() {
        return fd.fd();
    }

    /** Thread-safe; a signal while one is pending is merged into it. */
    public void signal() {
        // EAGAIN only when the counter would overflow, which cannot happen with +1 steps and drains.
        Libc.write(fd.fd(), signalValue, 8);
    }

    /** Resets the counter; returns how many signals had accumulated (0 if none). Loop thread only. */
    public long drain() {
        long r = Libc.read(fd.fd(), drainBuffer, 8);
        return r == 8 ? drainBuffer.get(ValueLayout.JAVA_LONG, 0) : 0;
    }

    @Override
    public void close() {
        fd.close();
        arena.close();
    }
}
