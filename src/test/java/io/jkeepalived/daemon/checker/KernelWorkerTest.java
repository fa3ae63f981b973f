package io.jkeepalived.daemon.checker;

import static io.jkeepalived.daemon.checker.KernelSyncTest.K;
import static io.jkeepalived.daemon.checker.KernelSyncTest.K2;
import static io.jkeepalived.daemon.checker.KernelSyncTest.d;
import static io.jkeepalived.daemon.checker.KernelSyncTest.service;
import static io.jkeepalived.testing.Await.until;
import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.config.ConfigLoader;
import io.jkeepalived.config.lex.ReaderOptions;
import io.jkeepalived.config.model.GlobalDefs;
import io.jkeepalived.lvs.KernelBackend;
import io.jkeepalived.lvs.KernelDump;
import io.jkeepalived.lvs.LbOp;
import io.jkeepalived.lvs.LbResult;
import io.jkeepalived.lvs.OwnedServices;
import io.jkeepalived.lvs.RecordingLoadBalancer;
import io.jkeepalived.os.OsException;
import io.jkeepalived.os.WakeUpFd;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The kernel's thread: the checker never waits for a kernel call, and nothing is lost or reordered. */
class KernelWorkerTest {

    /** A kernel whose every batch can be held up by the test, as a slow transaction would. */
    static final class SlowKernel implements KernelBackend {
        final RecordingLoadBalancer table = new RecordingLoadBalancer();
        final List<Integer> batches = new ArrayList<>();
        final AtomicInteger dumps = new AtomicInteger();
        volatile CountDownLatch gate = new CountDownLatch(0);
        final CountDownLatch entered = new CountDownLatch(1);

        @Override
        public LbResult apply(LbOp op) {
            return applyAll(List.of(op)).getFirst();
        }

        @Override
        public synchronized List<LbResult> applyAll(List<LbOp> ops) {
            entered.countDown();
            try {
                gate.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            batches.add(ops.size());
            return table.applyAll(ops);
        }

        @Override
        public String name() {
            return "slow";
        }

        @Override
        public KernelDump dump() {
            dumps.incrementAndGet();
            return table.dump();
        }

        @Override
        public void close() {}
    }

    static GlobalDefs defaults() {
        return ConfigLoader.loadString("global_defs {\n}\n", "t.conf", Path.of("."),
                new ReaderOptions("host", Map.of(), false)).config().orElseThrow().globalDefs();
    }

    @Test
    void aBlockedKernelCallDoesNotHoldUpTheCallerAndWhatQueuedMeanwhileGoesInOneBatch() throws Exception {
        SlowKernel k = new SlowKernel();
        k.gate = new CountDownLatch(1);
        KernelWorker w = KernelWorker.start(new KernelSync(Optional.of(k), "", OwnedServices.inMemory()), defaults());
        try {
            List<LbOp> first = service(K, d("198.18.0.2", 1));
            w.apply(first.subList(0, 1)); // the AddService goes alone, and blocks in the kernel
            assertThat(k.entered.await(5, TimeUnit.SECONDS)).isTrue();
            long t0 = System.nanoTime();
            w.apply(first.subList(1, 2));
            w.apply(List.of(new LbOp.AddDestination(K, d("198.18.0.3", 1))));
            w.apply(List.of(new LbOp.AddDestination(K, d("198.18.0.4", 1))));
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
            k.gate.countDown();
            until(() -> k.table.table().containsKey(K)
                    && k.table.table().get(K).destinations().size() == 3);
            synchronized (k) {
                assertThat(k.batches).containsExactly(1, 3);
            }
        } finally {
            w.stop(true, false, Duration.ofSeconds(5));
        }
        assertThat(k.table.table()).isEmpty();
    }

    @Test
    void theStopComesAfterWhatWasHandedOverAndReleasesOnlyOurServices() throws Exception {
        SlowKernel k = new SlowKernel();
        k.table.applyAll(service(K2, d("198.18.0.9", 1))); // someone else's
        KernelWorker w = KernelWorker.start(new KernelSync(Optional.of(k), "", OwnedServices.inMemory()), defaults());
        w.apply(service(K, d("198.18.0.2", 1), d("198.18.0.3", 1)));
        w.stop(true, false, Duration.ofSeconds(5));
        assertThat(k.table.table()).containsOnlyKeys(K2);
        assertThat(w.status().operations()).isEqualTo(4); // add, 2 destinations, remove
    }

    @Test
    void aRecheckReadsTheKernelBackAtOnceAndRepairsIt() throws Exception {
        SlowKernel k = new SlowKernel();
        KernelWorker w = KernelWorker.start(new KernelSync(Optional.of(k), "", OwnedServices.inMemory()), defaults());
        try {
            w.apply(service(K, d("198.18.0.2", 1)));
            until(() -> k.table.table().containsKey(K));
            k.table.apply(new LbOp.RemoveService(K)); // nft flush ruleset
            w.recheck();
            until(() -> k.table.table().containsKey(K));
            until(() -> w.status().repairs() == 2);
            until(() -> w.status().table().size() == 1); // the next read-back sees the repair
        } finally {
            w.stop(false, false, Duration.ofSeconds(5));
        }
        assertThat(k.table.table()).containsOnlyKeys(K); // kept: no release asked
    }

    /** A kernel that tells of changes made by others, as nftables does. */
    static final class WatchedKernel extends KernelSyncTest.FakeKernel {
        volatile Runnable listener = () -> { };
        final AtomicInteger dumps = new AtomicInteger();

        @Override
        public boolean watch(Runnable changed) {
            listener = changed;
            return true;
        }

        @Override
        public KernelDump dump() {
            dumps.incrementAndGet();
            return super.dump();
        }
    }

    @Test
    void aBackendThatReportsChangesIsReadBackOnTheReportAndOnlyEverySecondBesides() throws Exception {
        WatchedKernel k = new WatchedKernel();
        KernelWorker w = KernelWorker.start(new KernelSync(Optional.of(k), "", OwnedServices.inMemory()), defaults());
        try {
            w.apply(service(K, d("198.18.0.2", 1)));
            until(() -> k.table.table().containsKey(K));
            Thread.sleep(600); // a mutant polling every 250 ms reads back twice here
            assertThat(k.dumps.get()).isZero();
            k.table.apply(new LbOp.RemoveService(K)); // nft flush ruleset
            k.listener.run();
            until(() -> k.table.table().containsKey(K));
            assertThat(k.dumps.get()).isPositive();
        } finally {
            w.stop(false, false, Duration.ofSeconds(5));
        }
    }

    /** A kernel whose watch the worker reads itself, as nftables' is: an eventfd stands for the netlink socket. */
    static final class PolledKernel extends KernelSyncTest.FakeKernel implements KernelBackend.PolledWatch {
        final WakeUpFd socket = WakeUpFd.open();
        final AtomicInteger dumps = new AtomicInteger();
        final AtomicInteger drains = new AtomicInteger();
        volatile boolean listening = true;

        PolledKernel() throws OsException {
        }

        @Override
        public Optional<PolledWatch> polledWatch() {
            return Optional.of(this);
        }

        @Override
        public int fd() {
            return socket.fd();
        }

        @Override
        public boolean drain() {
            drains.incrementAndGet();
            return socket.drain() > 0;
        }

        @Override
        public boolean listening() {
            return listening;
        }

        @Override
        public KernelDump dump() {
            dumps.incrementAndGet();
            return super.dump();
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    @Test
    void aWatchTheThreadPollsItselfIsReadBackOnTheNewsAndAMessageWakesTheSleepingThread() throws Exception {
        PolledKernel k = new PolledKernel();
        KernelWorker w = KernelWorker.start(new KernelSync(Optional.of(k), "", OwnedServices.inMemory()), defaults());
        try {
            Thread.sleep(200); // asleep in poll(2) until the read-back due 1 s after start
            long t0 = System.nanoTime();
            w.apply(service(K, d("198.18.0.2", 1)));
            until(() -> k.table.table().containsKey(K));
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("woken by the eventfd, not by the timeout")
                    .isLessThan(Duration.ofMillis(300));
            assertThat(k.drains.get()).as("the eventfd alone woke it").isZero();

            k.table.apply(new LbOp.RemoveService(K)); // nft flush ruleset
            t0 = System.nanoTime();
            k.socket.signal(); // its notification
            until(() -> k.table.table().containsKey(K));
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("read back on the news, not at the period")
                    .isLessThan(Duration.ofMillis(300));
            assertThat(k.drains.get()).isEqualTo(1);
            assertThat(k.dumps.get()).isEqualTo(1);
        } finally {
            w.stop(false, false, Duration.ofSeconds(5));
        }
    }

    @Test
    void aWatchThatStopsListeningLeavesThePeriodOfABackendWithout() throws Exception {
        PolledKernel k = new PolledKernel();
        KernelWorker w = KernelWorker.start(new KernelSync(Optional.of(k), "", OwnedServices.inMemory()), defaults());
        try {
            w.apply(service(K, d("198.18.0.2", 1)));
            until(() -> k.table.table().containsKey(K));
            assertThat(k.dumps.get()).isZero();
            k.listening = false; // e.g. it could not subscribe again after one of our transactions
            w.apply(List.of(new LbOp.AddDestination(K, d("198.18.0.3", 1))));
            until(() -> k.dumps.get() >= 1); // at once: a change may have gone unheard
            long t0 = System.nanoTime();
            until(() -> k.dumps.get() >= 4);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("every 250 ms, not every second")
                    .isLessThan(Duration.ofMillis(1500));
        } finally {
            w.stop(false, false, Duration.ofSeconds(5));
        }
    }

    @Test
    void withoutABackendThereIsNoThreadAndStatusSaysWhy() {
        KernelWorker w = KernelWorker.none("no IPVS in this kernel");
        w.apply(service(K, d("198.18.0.2", 1)));
        assertThat(w.turningOver(System.nanoTime(), 1)).isTrue();
        assertThat(w.status().backend()).isEqualTo("none");
        assertThat(w.status().problem()).contains("no IPVS in this kernel");
        w.stop(true, true, Duration.ofMillis(1));
    }
}
