package io.jkeepalived.daemon.checker;

import static io.jkeepalived.daemon.checker.KernelSyncTest.K;
import static io.jkeepalived.daemon.checker.KernelSyncTest.d;
import static io.jkeepalived.daemon.checker.KernelSyncTest.service;
import static io.jkeepalived.daemon.checker.KernelWorkerTest.defaults;
import static io.jkeepalived.testing.Await.until;
import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.lvs.KernelBackend;
import io.jkeepalived.lvs.KernelDump;
import io.jkeepalived.lvs.LbOp;
import io.jkeepalived.lvs.LbResult;
import io.jkeepalived.lvs.OwnedServices;
import io.jkeepalived.lvs.nft.NftBackend;
import io.jkeepalived.testing.NetNs;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The kernel's thread with the real nftables backend in a namespace (root, nftables): it reads the
 * backend's nf_tables notifications itself, so there is no watch thread, and a hand-made
 * {@code nft flush ruleset} is repaired on the notification, not at the periodic read-back.
 */
@Tag("system")
class KernelWorkerNftSystemTest {

    /**
     * The nftables backend, its first read-back made slow: the worker then puts its next periodic
     * read-back 5 s later (20 times as long as the last one took, at most 5 s), so a repair within
     * that window can only have come from the watch.
     */
    static final class FirstReadSlow implements KernelBackend {
        final NftBackend nft;
        final AtomicInteger dumps = new AtomicInteger();

        FirstReadSlow(NftBackend nft) {
            this.nft = nft;
        }

        @Override
        public LbResult apply(LbOp op) {
            return nft.apply(op);
        }

        @Override
        public List<LbResult> applyAll(List<LbOp> ops) {
            return nft.applyAll(ops);
        }

        @Override
        public String name() {
            return nft.name();
        }

        @Override
        public KernelDump dump() {
            if (dumps.get() == 0) {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            KernelDump d = nft.dump();
            dumps.incrementAndGet();
            return d;
        }

        @Override
        public Optional<PolledWatch> polledWatch() {
            return nft.polledWatch();
        }

        @Override
        public boolean watch(Runnable changed) {
            return nft.watch(changed);
        }

        @Override
        public void close() {
            nft.close();
        }
    }

    static Set<Long> liveThreadIds() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::threadId).collect(Collectors.toSet());
    }

    /** Names of the live threads not in {@code before}: only those this test started, not surefire's or earlier tests'. */
    static List<String> startedSince(Set<Long> before) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> !before.contains(t.threadId()))
                .map(Thread::getName).toList();
    }

    @Test
    void theKernelThreadReadsTheNotificationsItselfAndAFlushIsRepairedOnThem() throws Exception {
        try (NetNs ns = NetNs.create("jk-fold")) {
            Set<Long> before = liveThreadIds();
            var opening = ns.run(NftBackend::open);
            assertThat(opening).isInstanceOf(NftBackend.Opening.Opened.class);
            NftBackend nft = ((NftBackend.Opening.Opened) opening).backend();
            FirstReadSlow k = new FirstReadSlow(nft);
            KernelWorker w = KernelWorker.start(new KernelSync(Optional.of(k), "", OwnedServices.inMemory()), defaults());
            try {
                assertThat(startedSince(before)).contains("jk-lvs").doesNotContain("nft-watch");

                w.apply(service(K, d("198.18.0.2", 1)));
                until(() -> k.dumps.get() >= 1); // the slow one, a second after start: the next is due 5 s later
                assertThat(ns.exec("nft", "list", "table", "inet", "jkeepalived")).contains("198.18.0.2");
                long seen = nft.changesSeen();
                long repairs = w.status().repairs();
                int dumps = k.dumps.get();

                ns.exec("nft", "flush", "ruleset");
                long t0 = System.nanoTime();
                until(() -> w.status().repairs() > repairs);
                Duration took = Duration.ofNanos(System.nanoTime() - t0);
                System.out.printf("nft flush ruleset repaired by the kernel thread after %.1f ms%n", took.toNanos() / 1e6);
                assertThat(took).as("repaired on the notification, not at the next read-back (5 s)")
                        .isLessThan(Duration.ofSeconds(1));
                assertThat(nft.changesSeen()).as("the watch told of it").isGreaterThan(seen);
                assertThat(k.dumps.get()).as("read back on the news").isGreaterThan(dumps);
                assertThat(ns.exec("nft", "list", "table", "inet", "jkeepalived")).contains("198.18.0.2");
                assertThat(startedSince(before)).contains("jk-lvs").doesNotContain("nft-watch");
            } finally {
                w.stop(true, false, Duration.ofSeconds(5)); // closes the backend
            }
        }
    }
}
