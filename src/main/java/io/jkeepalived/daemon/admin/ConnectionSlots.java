package io.jkeepalived.daemon.admin;

import io.jkeepalived.status.EndpointView;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Who may hold a connection to the control socket or {@code /metrics}, and for how long: at most
 * {@code max} at once, each for at most {@code lifetimeNanos} from its accept until its request is
 * in (an idle client and a slowloris dripping a byte at a time end there), then for at most
 * {@code lifetimeNanos} without progress of its answer (a reader that never reads ends there, one
 * that reads a status of 10,000 real servers slowly on a busy machine does not), and never longer
 * than {@link #MAX_LIFETIMES} lifetimes in all (a reader taking a trickle just often enough to count
 * as progress ends there, so it cannot hold a slot for as long as a large answer lasts). When every slot is taken, a newcomer takes the slot of the oldest client that has not
 * yet sent a whole request, so idle connections cannot lock out {@code jkeepalived status} or a
 * scrape; only when all {@code max} are busy being answered is it refused at once. Pure policy
 * (time passed in), thread-safe: the acceptor, the clients and the reaper all call it.
 *
 * @param <C> the connection (whatever the caller closes)
 */
final class ConnectionSlots<C> {

    /** One admitted connection. */
    static final class Slot<C> {
        final C connection;
        final long acceptedAt;
        /** The accept, then the request's arrival, then the last part of the answer taken. */
        long since;
        boolean requested;

        private Slot(C connection, long acceptedAt) {
            this.connection = connection;
            this.since = acceptedAt;
            this.acceptedAt = acceptedAt;
        }
    }

    /** The answer to a new connection. */
    sealed interface Admission<C> {
        /** Serve it; close {@code evicted} (an idle client whose slot it took), if any. */
        record Admitted<C>(Slot<C> slot, Optional<C> evicted) implements Admission<C> {}

        /** Every slot is busy answering: close it now. */
        record Refused<C>() implements Admission<C> {}
    }

    private final String name;
    private final int max;
    /** However it progresses, a connection ends this many lifetimes after its accept. */
    static final int MAX_LIFETIMES = 6;

    private final long lifetimeNanos;
    /** Oldest first: the first idle one is the one evicted. */
    private final LinkedHashSet<Slot<C>> open = new LinkedHashSet<>();
    private long accepted;
    private long refused;
    private long evicted;
    private long timedOut;

    ConnectionSlots(String name, int max, long lifetimeNanos) {
        if (max < 1 || lifetimeNanos <= 0) {
            throw new IllegalArgumentException("max " + max + ", lifetime " + lifetimeNanos + " ns");
        }
        this.name = name;
        this.max = max;
        this.lifetimeNanos = lifetimeNanos;
    }

    synchronized Admission<C> admit(C connection, long now) {
        Optional<C> out = Optional.empty();
        if (open.size() >= max) {
            Optional<Slot<C>> idle = open.stream().filter(s -> !s.requested).findFirst();
            if (idle.isEmpty()) {
                refused++;
                return new Admission.Refused<>();
            }
            open.remove(idle.get());
            evicted++;
            out = Optional.of(idle.get().connection);
        }
        Slot<C> slot = new Slot<>(connection, now);
        open.add(slot);
        accepted++;
        return new Admission.Admitted<>(slot, out);
    }

    /**
     * The client has sent its whole request, or taken another part of its answer: it is being
     * answered, is no longer evicted for a newcomer, and has a lifetime from {@code now} again.
     */
    synchronized void progressed(Slot<C> slot, long now) {
        slot.requested = true;
        slot.since = now;
    }

    /** No client is connected: nothing to reap. */
    synchronized boolean isEmpty() {
        return open.isEmpty();
    }

    /** The client is done (answered, gone, or closed by us); false when it had been evicted or timed out. */
    synchronized boolean release(Slot<C> slot) {
        return open.remove(slot);
    }

    /** Connections past their lifetime, now forgotten: the caller closes them. */
    synchronized List<C> expired(long now) {
        List<C> out = new ArrayList<>();
        for (Iterator<Slot<C>> it = open.iterator(); it.hasNext(); ) {
            Slot<C> s = it.next();
            if (now - s.since >= lifetimeNanos || now - s.acceptedAt >= MAX_LIFETIMES * lifetimeNanos) {
                it.remove();
                timedOut++;
                out.add(s.connection);
            }
        }
        return out;
    }

    /** Every connection still open, forgotten (the server is closing). */
    synchronized List<C> drain() {
        List<C> out = open.stream().map(s -> s.connection).toList();
        open.clear();
        return out;
    }

    synchronized EndpointView view() {
        return new EndpointView(name, max, open.size(), accepted, refused, evicted, timedOut);
    }
}
