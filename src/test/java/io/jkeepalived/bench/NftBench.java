package io.jkeepalived.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.lvs.Destination;
import io.jkeepalived.lvs.ForwardMethod;
import io.jkeepalived.lvs.LbOp;
import io.jkeepalived.lvs.LbResult;
import io.jkeepalived.lvs.Service;
import io.jkeepalived.lvs.ServiceKey;
import io.jkeepalived.lvs.nft.NftBackend;
import io.jkeepalived.testing.NetNs;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The nftables backend on this host's kernel, in a namespace of its own: how long one {@code applyAll}
 * takes from the call to its return (the kernel has acked the whole transaction), for one
 * weight change on a small service, and for rewriting services of 1,000 destinations (wrr: a
 * 1,000-slot map; mh: the 4,093-slot Maglev table; rr with persistence: 1,000 chains and sets); and
 * the same through libnftables alone, the backend before map changes went over netlink.
 */
@Tag("bench")
class NftBench {

    static final int WARMUP = 200;
    static final int RUNS = 2000;
    /**
     * 1,000, so that the p99 is the tenth worst run rather than the second (with 200) or the single
     * worst (with 50): on this 2-core VM a change is now and then held up for 10 to 20 ms with no
     * collection and no page fault in it (the bench's own compiler threads and the kernel's workers
     * share the two cores), and with 200 runs two such samples decided the p99.
     */
    static final int BIG_RUNS = 1000;
    /**
     * Warm-up runs of the large cases: enough for the JIT to finish with the slot computations. With 40,
     * the mh row of whichever backend ran first was measured in the JIT's profiling tier (about 2 ms a
     * change instead of 0.4), which made the netlink path look three times slower than libnftables.
     */
    static final int BIG_WARMUP = 400;

    /**
     * The calling thread's CPU time (user and system: the kernel checks and commits a transaction in
     * the sendmsg call) per sample of the last case: on a machine shared with other work, wall time
     * also counts waiting for a core, CPU time does not.
     */
    static final List<Double> CPU = new ArrayList<>();
    static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();
    /** Samples of the last case during which this JVM collected garbage: a pause of the bench, not the kernel's. */
    static int gcHit;

    /** Minor page faults of the calling thread during the last case's samples (see {@link #minorFaults}). */
    static long faults;

    /**
     * The calling thread's minor page faults so far (field 10 of /proc/thread-self/stat), -1 when
     * unreadable. In this VM a first touch of a page costs microseconds: a JVM allocating into heap it
     * has never used runs allocating code several times slower, which this column makes visible.
     */
    static long minorFaults() {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/thread-self/stat"));
            return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[7]);
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }

    static long collections() {
        long n = 0;
        for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) n += Math.max(0, gc.getCollectionCount());
        return n;
    }

    /** The changes measured, each on a backend of its own namespace. */
    record Case(String what, java.util.function.Function<NftBackend, List<Double>> run) {}

    static final List<Case> CASES = List.of(
            new Case("one weight change, 3 destinations (wrr)", NftBench::small),
            new Case("one weight change, 1,000 destinations (wrr, 1,000 slots)", nft -> big(nft, "wrr", Optional.empty(), 2)),
            new Case("one weight change, 1,000 destinations (mh, 4,093 slots)", nft -> big(nft, "mh", Optional.empty(), 3)),
            new Case("one weight change, 1,000 destinations (rr, persistent: 1,000 chains and sets)",
                    nft -> big(nft, "rr", Optional.of(300L), 4)),
            new Case("replace all 1,000 destinations of a service (wrr)", NftBench::replaceAll));

    @Test
    void applyLatency() throws Exception {
        var rows = new ArrayList<String>();
        long[] netlink = new long[3];
        try (var ns = NetNs.create("jk-nftb"); var old = NetNs.create("jk-nftbo")) {
            NftBackend nft = opened(ns.run(NftBackend::open));
            NftBackend lib = opened(old.run(() -> NftBackend.open(false)));
            try (nft; lib) {
                // as the daemon runs it: listening for other processes' changes, so the kernel also
                // builds a notification of each of ours
                assertThat(nft.polledWatch()).isPresent(); // subscribed; never read: ours are unheard
                for (Case c : CASES) {
                    CPU.clear();
                    gcHit = 0;
                    faults = 0;
                    List<Double> now = c.run().apply(nft);
                    List<Double> nowCpu = List.copyOf(CPU);
                    int nowGc = gcHit;
                    long nowFaults = faults;
                    CPU.clear();
                    List<Double> before = c.run().apply(lib);
                    rows.add(row(c.what(), now, nowCpu, nowGc, nowFaults, before, List.copyOf(CPU)));
                }
                netlink[0] = nft.netlinkTransactions();
                netlink[1] = nft.transactions();
                netlink[2] = nft.fewChanges();
                assertThat(nft.changesSeen()).as("our own changes are not news").isZero();
                assertThat(nft.fewChanges()).as("weight changes of rr and wrr services take the few-destinations path").isPositive();
            }
        }
        String md = """
                ### nftables backend: apply latency

                `NftBench` on the host kernel (%s), in a namespace: time from `applyAll` to its return, when
                the kernel has acked the transaction. %d runs for the small service, %d for the others, after
                warm-up (%d runs for the large ones). The backend as the daemon runs it (map element changes as nf_tables netlink
                messages, other changes through libnftables %s, a watch on nf_tables notifications: %d of
                its %d transactions went over netlink, %d service changes took the few-destinations path), and the same changes through libnftables alone (as
                before issue 13) in a namespace of its own. "CPU" is the calling thread's CPU time (user and
                system: the kernel checks and commits a transaction inside the sendmsg call): on a machine
                busy with other work, wall time also counts the wait for a core, CPU time does not. "GC" counts
                the samples during which the bench's own JVM collected garbage (its pause is in their wall time);
                "faults" the calling thread's minor page faults over all samples (the JVM's options: %s).
                Load average when measured: %s.

                | change | p50 ms | p99 ms | max ms | CPU p50 ms | GC | faults | libnftables alone: p50 ms | p99 ms | CPU p50 ms |
                |---|---|---|---|---|---|---|---|---|---|
                %s
                """.formatted(System.getProperty("os.version"), RUNS, BIG_RUNS, BIG_WARMUP, "1.0.6", netlink[0], netlink[1], netlink[2],
                jvmOptions(), load(), String.join("\n", rows));
        BenchOutput.write("lvs-nft", md);
    }

    private static String jvmOptions() {
        List<String> args = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments();
        List<String> heap = args.stream().filter(a -> a.startsWith("-Xm") || a.equals("-XX:+AlwaysPreTouch")).toList();
        return heap.isEmpty() ? "default heap" : "`" + String.join(" ", heap) + "`";
    }

    private static String load() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static NftBackend opened(NftBackend.Opening o) {
        assertThat(o).isInstanceOf(NftBackend.Opening.Opened.class);
        return ((NftBackend.Opening.Opened) o).backend();
    }

    private static String row(String what, List<Double> seconds, List<Double> cpu, int gc, long faults, List<Double> before,
            List<Double> beforeCpu) {
        return "| " + what + " | " + BenchOutput.ms(BenchOutput.percentile(seconds, 50)) + " | "
                + String.format(Locale.ROOT, "%.2f", BenchOutput.percentile(seconds, 99) * 1000) + " | "
                + BenchOutput.ms(BenchOutput.max(seconds)) + " | " + BenchOutput.ms(BenchOutput.percentile(cpu, 50)) + " | "
                + gc + " | " + faults + " | " + BenchOutput.ms(BenchOutput.percentile(before, 50)) + " | "
                + String.format(Locale.ROOT, "%.2f", BenchOutput.percentile(before, 99) * 1000) + " | "
                + BenchOutput.ms(BenchOutput.percentile(beforeCpu, 50)) + " |";
    }

    private static List<Double> small(NftBackend nft) {
        var k = new ServiceKey.Addr(ServiceKey.Protocol.TCP, ip("198.18.0.1"), 80);
        ok(nft.applyAll(List.of(new LbOp.AddService(new Service(k, "wrr", Optional.empty(), Optional.empty())),
                new LbOp.AddDestination(k, nat("198.18.1.1", 1)), new LbOp.AddDestination(k, nat("198.18.1.2", 1)),
                new LbOp.AddDestination(k, nat("198.18.1.3", 1)))));
        return time(nft, WARMUP, RUNS, i -> new LbOp.EditDestination(k, nat("198.18.1.2", 1 + i % 5)));
    }

    private static List<Double> big(NftBackend nft, String scheduler, Optional<Long> persistence, int n) {
        var k = new ServiceKey.Addr(ServiceKey.Protocol.TCP, ip("198.18.0." + n), 80);
        List<LbOp> add = new ArrayList<>();
        add.add(new LbOp.AddService(new Service(k, scheduler, persistence, Optional.empty())));
        for (int i = 0; i < 1000; i++) add.add(new LbOp.AddDestination(k, nat(dest(i), 1 + i % 3)));
        ok(nft.applyAll(add));
        return time(nft, BIG_WARMUP, BIG_RUNS, i -> new LbOp.EditDestination(k, nat(dest(7), 1 + i % 5)));
    }

    private static List<Double> replaceAll(NftBackend nft) {
        var k = new ServiceKey.Addr(ServiceKey.Protocol.TCP, ip("198.18.0.9"), 80);
        ok(nft.applyAll(List.of(new LbOp.AddService(new Service(k, "wrr", Optional.empty(), Optional.empty())))));
        List<LbOp> first = new ArrayList<>();
        for (int i = 0; i < 1000; i++) first.add(new LbOp.AddDestination(k, nat(dest(i), 1)));
        ok(nft.applyAll(first));
        List<Double> samples = new ArrayList<>();
        for (int run = 0; run < BIG_RUNS + BIG_WARMUP; run++) {
            int in = run % 2 == 0 ? 1000 : 0; // two disjoint sets of 1,000 take turns
            int out = 1000 - in;
            List<LbOp> ops = new ArrayList<>();
            for (int i = 0; i < 1000; i++) ops.add(new LbOp.AddDestination(k, nat(dest(in + i), 1)));
            for (int i = 0; i < 1000; i++) ops.add(new LbOp.RemoveDestination(k, nat(dest(out + i), 1).key()));
            long g0 = collections();
            long f0 = minorFaults();
            long c0 = THREADS.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            ok(nft.applyAll(ops));
            if (run >= BIG_WARMUP) {
                samples.add((System.nanoTime() - t0) / 1e9);
                CPU.add((THREADS.getCurrentThreadCpuTime() - c0) / 1e9);
                faults += minorFaults() - f0;
                if (collections() != g0) gcHit++;
            }
        }
        return samples;
    }

    private static List<Double> time(NftBackend nft, int warmup, int runs, IntFunction<LbOp> op) {
        List<Double> samples = new ArrayList<>();
        for (int i = 0; i < warmup + runs; i++) {
            LbOp o = op.apply(i);
            long g0 = collections();
            long f0 = minorFaults();
            long c0 = THREADS.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            LbResult r = nft.apply(o);
            long t = System.nanoTime() - t0;
            long c = THREADS.getCurrentThreadCpuTime() - c0;
            long f = minorFaults() - f0;
            assertThat(r).isEqualTo(LbResult.DONE);
            if (i >= warmup) {
                samples.add(t / 1e9);
                CPU.add(c / 1e9);
                faults += f;
                if (collections() != g0) gcHit++;
            }
        }
        return samples;
    }

    private static void ok(List<LbResult> results) {
        assertThat(results).containsOnly(LbResult.DONE);
    }

    private static String dest(int i) {
        return "198.18." + (16 + i / 250) + "." + (1 + i % 250);
    }

    private static Destination nat(String ip, long weight) {
        return new Destination(ip(ip), 80, weight, ForwardMethod.NAT, 0, 0);
    }

    private static InetAddress ip(String s) {
        return InetAddress.ofLiteral(s);
    }
}
