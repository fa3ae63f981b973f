package io.jkeepalived.os;

import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sole owner of one file descriptor. {@link #close()} closes it exactly once; if the owner is
 * dropped without closing, the descriptor is closed when the next one is adopted or closed, so an
 * fd is never leaked for long. The number is read through {@link #fd()}, which fails after close,
 * so a closed (and possibly reused) number is never used.
 *
 * <p>Dropped owners are found through a reference queue polled by {@link #adopt} and
 * {@link #close}, not by a {@link java.lang.ref.Cleaner}: a cleaner is a thread of its own for
 * the daemon's whole life, for a safety net that only a bug of ours would ever use.
 */
public final class OwnedFd implements AutoCloseable {

    private static final ReferenceQueue<OwnedFd> DROPPED = new ReferenceQueue<>();
    /** Keeps each watch reachable until its descriptor is closed one way or the other. */
    private static final Set<Watch> WATCHED = ConcurrentHashMap.newKeySet();

    /** Holds the number; -1 once closed. Shared with the watch, which must not reference the owner. */
    private static final class State {
        final AtomicInteger fd;

        State(int fd) {
            this.fd = new AtomicInteger(fd);
        }

        void close() {
            int n = fd.getAndSet(-1);
            if (n >= 0) {
                Libc.close(n);
            }
        }
    }

    private static final class Watch extends PhantomReference<OwnedFd> {
        final State state;

        Watch(OwnedFd owner, State state) {
            super(owner, DROPPED);
            this.state = state;
        }
    }

    private final State state;
    private final Watch watch;
    private final String description;

    private OwnedFd(int fd, String description) {
        this.state = new State(fd);
        this.watch = new Watch(this, state);
        this.description = description;
        WATCHED.add(watch);
    }

    /** Takes ownership of a freshly returned fd, or throws for a libc result of {@code -errno}. */
    static OwnedFd adopt(int result, String operation) throws OsException {
        closeDropped();
        if (result < 0) {
            throw new OsException(operation, -result);
        }
        return new OwnedFd(result, operation);
    }

    /** Closes the descriptors of owners that were dropped without {@link #close}. */
    static void closeDropped() {
        Reference<? extends OwnedFd> r;
        while ((r = DROPPED.poll()) != null) {
            if (r instanceof Watch w && WATCHED.remove(w)) {
                w.state.close();
            }
        }
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
        if (WATCHED.remove(watch)) {
            watch.clear();
            state.close();
        }
        closeDropped();
    }

    @Override
    public String toString() {
        return "fd " + state.fd.get() + " (" + description + ")";
    }
}
