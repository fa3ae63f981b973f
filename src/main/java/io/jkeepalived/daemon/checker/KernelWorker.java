package io.jkeepalived.daemon.checker;

import io.jkeepalived.config.model.GlobalDefs;
import io.jkeepalived.lvs.LbOp;
import io.jkeepalived.lvs.OwnedServices;
import io.jkeepalived.status.LvsStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

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

    private final LinkedBlockingQueue<Msg> queue = new LinkedBlockingQueue<>();
    private final KernelSync sync;
    /** Empty when there is no kernel backend: nothing to hand over, no thread. */
    private final Optional<Thread> thread;
    private volatile LvsStatus.Kernel status;
    private volatile long turnedOverAt = System.nanoTime();
    private volatile long reconcileMin = RECONCILE_MIN;

    private KernelWorker(KernelSync sync, Optional<GlobalDefs> settings) {
        this.sync = sync;
        this.status = sync.status();
        this.thread = settings.filter(g -> sync.hasKernel())
                .map(g -> Thread.ofPlatform().name("jk-lvs").daemon(true).unstarted(() -> run(g)));
    }

    /**
     * Starts the thread: {@code lvs_flush} and the backend-wide settings go first, before any
     * operation handed over later. Without a backend there is no thread and nothing to hand over.
     */
    static KernelWorker start(KernelSync sync, GlobalDefs settings) {
        KernelWorker w = new KernelWorker(sync, Optional.of(settings));
        if (w.thread.isPresent() && sync.watch(w::recheck)) w.reconcileMin = RECONCILE_WATCHED;
        w.thread.ifPresent(Thread::start);
        return w;
    }

    /** No kernel (yet): status says why. */
    static KernelWorker none(String why) {
        return new KernelWorker(new KernelSync(Optional.empty(), why, OwnedServices.inMemory()), Optional.empty());
    }

    /** Any thread: the operations, for the kernel as soon as the thread gets to them. */
    void apply(List<LbOp> ops) {
        if (!ops.isEmpty() && thread.isPresent()) queue.add(new Msg.Apply(List.copyOf(ops)));
    }

    /** Any thread: read the kernel back and repair it now instead of at the next period. */
    void recheck() {
        if (thread.isPresent()) queue.add(new Msg.Recheck());
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
        queue.add(new Msg.Stop(release, flushAll, done));
        try {
            done.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (Exception e) {
            CheckerOutputs.LOG.warn("the load balancer's kernel table was not released within {} ms",
                    limit.toMillis());
        }
    }

    private void run(GlobalDefs settings) {
        try {
            if (settings.lvsFlush()) sync.flushAll();
            sync.settings(settings);
            publish();
            long nextReconcile = System.nanoTime() + reconcileMin;
            List<LbOp> ops = new ArrayList<>();
            while (true) {
                long now = System.nanoTime();
                turnedOverAt = now;
                Msg m = queue.poll(Math.max(0, nextReconcile - now), TimeUnit.NANOSECONDS);
                boolean recheck = false;
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
