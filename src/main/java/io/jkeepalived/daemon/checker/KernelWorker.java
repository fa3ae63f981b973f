package io.jkeepalived.daemon.checker;

import io.jkeepalived.config.model.GlobalDefs;
import io.jkeepalived.lvs.KernelBackend;
import io.jkeepalived.lvs.LbOp;
import io.jkeepalived.lvs.OwnedServices;
import io.jkeepalived.os.OsException;
import io.jkeepalived.os.PollSet;
import io.jkeepalived.os.WakeUpFd;
import io.jkeepalived.status.LvsStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The kernel's side of the load balancer, on a platform thread of its own ("jk-lvs").
 *
 * <p>Every kernel call blocks: a netlink round trip, a libnftables transaction, a read-back of
 * 10,000 destinations. On the checker's thread those calls delayed probe dispatch, the delays
 * became probe timeouts, and the timeouts became more table changes (10,000 TCP checks a second
 * fell to 6,500). Here the checker hands over its table operations and goes on; whatever queued
 * while a transaction was in flight goes to the kernel together in the next one, so a burst of
 * verdicts costs fewer transactions, never more. Order is kept: operations reach the
 * {@link KernelSync} in the order the engine produced them, and a stop comes after them.
 *
 * <p>The read-back that repairs hand changes runs here too: at once when the backend reports a
 * change someone else made (nftables' notifications), and every second besides; every 250 ms
 * where the backend cannot report changes (IPVS has no notifications), so {@code ipvsadm -C} is
 * repaired within a second. Never more often than 20 times as long as the last read-back took (at
 * most 5 s), so a slow kernel is not read back in a busy loop.
 *
 * <p>nftables' notifications are read here as well ({@link KernelBackend.PolledWatch}): the thread
 * waits in poll(2) on the backend's netlink socket and on an eventfd that a message queued while it
 * sleeps writes to, instead of a watch thread of the backend's that woke every 200 ms to hand each
 * change over through the queue. Backends that offer no such watch are waited for on the queue alone.
 */
final class KernelWorker {
    static final long RECONCILE_MIN = Duration.ofMillis(250).toNanos();
    static final long RECONCILE_WATCHED = Duration.ofSeconds(1).toNanos();
    static final long RECONCILE_MAX = Duration.ofSeconds(5).toNanos();

    private sealed interface Msg {
        record Apply(List<LbOp> ops) implements Msg {}

        /** Read the kernel back now: someone else changed it. */
        record Recheck() implements Msg {}

        record Stop(boolean release, boolean flushAll, CompletableFuture<Void> done) implements Msg {}
    }

    /**
     * Wakes the thread out of poll(2) when a message is queued: an eventfd, written only while the
     * thread sleeps or is about to, so a thread that is busy anyway costs its callers no system call
     * per message.
     */
    private static final class Wake {
        private final WakeUpFd fd;
        /**
         * Set by the thread before it looks at the queue a last time and sleeps, cleared by the first
         * caller that queues a message after that. Both sides write their side (this flag, the queue's
         * count) before reading the other's, so either the thread sees the message or the caller sees
         * the flag and writes.
         */
        private final AtomicBoolean asleep = new AtomicBoolean();
        /** Guarded by this: the thread has ended and closed the eventfd; a late caller must not write to its number. */
        private boolean closed;

        Wake(WakeUpFd fd) {
            this.fd = fd;
        }

        /** Any thread, after queuing a message: one write per sleep, however many messages come. */
        void queued() {
            if (asleep.get() && asleep.compareAndSet(true, false)) {
                synchronized (this) {
                    if (!closed) fd.signal();
                }
            }
        }

        synchronized void close() {
            closed = true;
            fd.close();
        }
    }

    /** The backend's watch, read on the thread itself, and what wakes the thread from its poll. */
    private record Polled(KernelBackend.PolledWatch watch, Wake wake) {}

    private final LinkedBlockingQueue<Msg> queue = new LinkedBlockingQueue<>();
    private final KernelSync sync;
    /** Empty when there is no kernel backend: nothing to hand over, no thread. */
    private final Optional<Thread> thread;
    /** Empty when the thread waits on its queue alone (the backend offers no watch to poll). */
    private final Optional<Polled> polled;
    private volatile LvsStatus.Kernel status;
    private volatile long turnedOverAt = System.nanoTime();
    private volatile long reconcileMin = RECONCILE_MIN;

    private KernelWorker(KernelSync sync, Optional<GlobalDefs> settings, Optional<Polled> polled) {
        this.sync = sync;
        this.status = sync.status();
        this.thread = settings.filter(g -> sync.hasKernel())
                .map(g -> Thread.ofPlatform().name("jk-lvs").daemon(true).unstarted(() -> run(g)));
        this.polled = polled;
    }

    /**
     * Starts the thread: {@code lvs_flush} and the backend-wide settings go first, before any
     * operation handed over later. Without a backend there is no thread and nothing to hand over.
     */
    static KernelWorker start(KernelSync sync, GlobalDefs settings) {
        Optional<Polled> polled = sync.hasKernel() ? polled(sync) : Optional.empty();
        KernelWorker w = new KernelWorker(sync, Optional.of(settings), polled);
        if (polled.isPresent() || (w.thread.isPresent() && sync.watch(w::recheck))) w.reconcileMin = RECONCILE_WATCHED;
        w.thread.ifPresent(Thread::start);
        return w;
    }

    /** The backend's watch for the thread to read, with its eventfd; empty when the backend has none to offer. */
    private static Optional<Polled> polled(KernelSync sync) {
        WakeUpFd fd;
        try { // first: without it nothing could wake the thread from poll(2), so the watch is not asked for
            fd = WakeUpFd.open();
        } catch (OsException e) {
            CheckerOutputs.LOG.warn("the load balancer's kernel thread waits on its queue alone: {}", e.getMessage());
            return Optional.empty();
        }
        Optional<KernelBackend.PolledWatch> watch = sync.polledWatch();
        if (watch.isEmpty()) {
            fd.close();
            return Optional.empty();
        }
        return Optional.of(new Polled(watch.get(), new Wake(fd)));
    }

    /** No kernel (yet): status says why. */
    static KernelWorker none(String why) {
        return new KernelWorker(new KernelSync(Optional.empty(), why, OwnedServices.inMemory()), Optional.empty(),
                Optional.empty());
    }

    /** Any thread: the operations, for the kernel as soon as the thread gets to them. */
    void apply(List<LbOp> ops) {
        if (!ops.isEmpty() && thread.isPresent()) post(new Msg.Apply(List.copyOf(ops)));
    }

    /** Any thread: read the kernel back and repair it now instead of at the next period. */
    void recheck() {
        if (thread.isPresent()) post(new Msg.Recheck());
    }

    private void post(Msg m) {
        queue.add(m);
        polled.ifPresent(p -> p.wake().queued());
    }

    /** Any thread: the last published view; never waits for a kernel call. */
    LvsStatus.Kernel status() {
        return status;
    }

    /** Any thread: false when the thread has been inside one kernel call, or stopped, for {@code limit}. */
    boolean turningOver(long now, long limit) {
        return thread.map(t -> t.isAlive() && now - turnedOverAt < limit).orElse(true);
    }

    /** Any thread: what is queued reaches the kernel, then the stop; waits up to {@code limit}. */
    void stop(boolean release, boolean flushAll, Duration limit) {
        if (thread.isEmpty()) return;
        CompletableFuture<Void> done = new CompletableFuture<>();
        post(new Msg.Stop(release, flushAll, done));
        try {
            done.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (Exception e) {
            CheckerOutputs.LOG.warn("the load balancer's kernel table was not released within {} ms",
                    limit.toMillis());
        }
    }

    private void run(GlobalDefs settings) {
        Optional<Poller> poller = polled.map(Poller::new);
        try {
            if (settings.lvsFlush()) sync.flushAll();
            sync.settings(settings);
            publish();
            long nextReconcile = System.nanoTime() + reconcileMin;
            List<LbOp> ops = new ArrayList<>();
            while (true) {
                long now = System.nanoTime();
                turnedOverAt = now;
                long wait = Math.max(0, nextReconcile - now);
                boolean recheck = false;
                Msg m;
                if (poller.isPresent()) {
                    try {
                        recheck = poller.get().await(wait);
                    } catch (OsException e) {
                        // poll(2) itself failed: wait on the queue alone from now on, with the period of
                        // a backend that cannot tell of changes
                        CheckerOutputs.LOG.warn("the load balancer's kernel thread no longer reads the kernel's "
                                + "change notifications ({}); it reads the table back every {} ms",
                                e.getMessage(), Duration.ofNanos(RECONCILE_MIN).toMillis());
                        poller.get().close();
                        poller = Optional.empty();
                        reconcileMin = RECONCILE_MIN;
                        recheck = true;
                    }
                    m = queue.poll();
                } else {
                    m = queue.poll(wait, TimeUnit.NANOSECONDS);
                }
                Msg.Stop stop = null;
                while (m != null) {
                    switch (m) {
                        case Msg.Apply a -> ops.addAll(a.ops());
                        case Msg.Recheck r -> recheck = true;
                        case Msg.Stop s -> stop = s;
                    }
                    if (stop != null) break;
                    m = queue.poll();
                }
                now = System.nanoTime();
                if (!ops.isEmpty()) {
                    sync.apply(ops, now);
                    ops.clear();
                }
                if (stop != null) {
                    finish(stop);
                    return;
                }
                if (recheck || now - nextReconcile >= 0) {
                    sync.reconcile(now);
                    long took = System.nanoTime() - now;
                    nextReconcile = now + Math.clamp(20 * took, reconcileMin, RECONCILE_MAX);
                }
                publish();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // A bug of ours: the kernel table is no longer kept; VRRP and the checkers go on.
            CheckerOutputs.LOG.error("load balancer kernel sync stopped by an internal error: {}", e.toString(), e);
        } finally {
            poller.ifPresent(Poller::close);
            polled.ifPresent(p -> p.wake().close());
        }
    }

    /**
     * The thread's poll(2) over the wake-up eventfd and the backend's watch. Made on the thread: its
     * {@link PollSet} is confined to it.
     */
    private final class Poller implements AutoCloseable {
        private final PollSet set = new PollSet();
        private final Polled polled;
        private final int wakeSlot;
        private final int watchSlot;
        private boolean watching = true;

        Poller(Polled polled) {
            this.polled = polled;
            this.wakeSlot = set.add(polled.wake().fd.fd());
            this.watchSlot = set.add(polled.watch().fd());
        }

        /**
         * Waits up to {@code nanos}, not at all when a message is queued already (the watch is still
         * looked at, so a steady stream of operations does not keep news of a change waiting for the
         * period); true when the watch told of someone else's change.
         */
        boolean await(long nanos) throws OsException {
            if (watching && !polled.watch().listening()) {
                // e.g. it could not subscribe again after one of our own transactions
                stopWatching();
                return true; // a change may have gone unheard: read back once now
            }
            Wake wake = polled.wake();
            wake.asleep.set(true);
            try {
                set.pollNanos(queue.isEmpty() ? nanos : 0);
            } finally {
                wake.asleep.set(false);
            }
            if (set.isReady(wakeSlot)) wake.fd.drain();
            if (!watching || !set.isReady(watchSlot)) return false;
            boolean changed = polled.watch().drain();
            if (!polled.watch().listening()) stopWatching();
            return changed;
        }

        /** The watch can tell of nothing more: read the kernel back as often as for a backend without one. */
        private void stopWatching() {
            watching = false;
            set.disable(watchSlot);
            reconcileMin = RECONCILE_MIN;
            CheckerOutputs.LOG.warn("the kernel's change notifications stopped; the load balancer's table is read "
                    + "back every {} ms", Duration.ofNanos(RECONCILE_MIN).toMillis());
        }

        @Override
        public void close() {
            set.close();
        }
    }

    private void finish(Msg.Stop stop) {
        try {
            sync.stop(stop.release(), stop.flushAll());
            publish();
        } finally {
            stop.done().complete(null);
        }
    }

    private void publish() {
        status = sync.status();
    }
}
