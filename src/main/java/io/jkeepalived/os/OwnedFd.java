package io.jkeepalived.os;

import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sole owner of one file descriptor. {@link #close()} closes it exactly once; if the owner is
 * dropped without closing, a cleaner closes it, so an fd is never leaked. The number is read through
 * {@link #fd()}, which fails after close, so a closed (and possibly reused) number is never used.
 */
public final class OwnedFd implements AutoCloseable {

    private static final Cleaner CLEANER = Cleaner.create();

    /** Holds the number; -1 once closed. Shared with the cleaner, which must not reference the owner. */
    private static final class State implements Runnable {
        final AtomicInteger fd;

        State(int fd) {
            this.fd = new AtomicInteger(fd);
        }

        @Override
        public void run() {
            int n = fd.getAndSet(-1);
            if (n >= 0) {
                Libc.close(n);
            }
        }
    }

    private final State state;
    private final Cleaner.Cleanable cleanable;
    private final String description;

    private OwnedFd(int fd, String description) {
        this.state = new State(fd);
        this.cleanable = CLEANER.register(this, state);
        this.description = description;
    }

    /** Takes ownership of a freshly returned fd, or throws for a libc result of {@code -errno}. */
    static OwnedFd adopt(int result, String operation) throws OsException {
        if (result < 0) {
            throw new OsException(operation, -result);
        }
        return new OwnedFd(result, operation);
    }

    /** The descriptor number; throws {@link IllegalStateException} once closed. */
    public int fd() {
        int n = state.fd.get();
        if (n < 0) {
            throw new IllegalStateException("file descriptor already closed: " + description);
        }
        return n;
    }

    public boolean isOpen() {
        return state.fd.get() >= 0;
    }

    @Override
    public void close() {
        cleanable.clean();
    }

    @Override
    public String toString() {
        return "fd " + state.fd.get() + " (" + description + ")";
    }
}
