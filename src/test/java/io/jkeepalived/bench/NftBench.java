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
 * takes from the call to libnftables' return (the kernel has acked the whole transaction), for one
 * weight change on a small service, and for rewriting services of 1,000 destinations (wrr: a
 * 1,000-slot map; mh: the 4,093-slot Maglev table; rr with persistence: 1,000 chains and sets).
 */
@Tag("bench")
class NftBench {

    static final int WARMUP = 200;
    static final int RUNS = 500;
    static final int BIG_RUNS = 50;

    @Test
    void applyLatency() throws Exception {
        try (var ns = NetNs.create("jk-nftb")) {
            var opening = ns.run(NftBackend::open);
            assertThat(opening).isInstanceOf(NftBackend.Opening.Opened.class);
            try (NftBackend nft = ((NftBackend.Opening.Opened) opening).backend()) {
                var rows = new ArrayList<String>();
                rows.add(row("one weight change, 3 destinations (wrr)", small(nft)));
                rows.add(row("one weight change, 1,000 destinations (wrr, 1,000 slots)", big(nft, "wrr", Optional.empty(), 2)));
                rows.add(row("one weight change, 1,000 destinations (mh, 4,093 slots)", big(nft, "mh", Optional.empty(), 3)));
                rows.add(row("one weight change, 1,000 destinations (rr, persistent: 1,000 chains and sets)",
                        big(nft, "rr", Optional.of(300L), 4)));
                rows.add(row("replace all 1,000 destinations of a service (wrr)", replaceAll(nft)));
                String md = """
                        ### nftables backend: apply latency

                        `NftBench` on the host kernel (%s), in a namespace, through libnftables %s: time from
                        `applyAll` to its return, when the kernel has acked the transaction. %d runs for the
                        small service, %d for the others, after warm-up.

                        | change | p50 ms | p99 ms | max ms |
                        |---|---|---|---|
                        %s
                        """.formatted(System.getProperty("os.version"), "1.0.6", RUNS, BIG_RUNS, String.join("\n", rows));
                BenchOutput.write("lvs-nft", md);
            }
        }
    }

    private static String row(String what, List<Double> seconds) {
        return "| " + what + " | " + BenchOutput.ms(BenchOutput.percentile(seconds, 50)) + " | "
                + String.format(Locale.ROOT, "%.2f", BenchOutput.percentile(seconds, 99) * 1000) + " | "
                + BenchOutput.ms(BenchOutput.max(seconds)) + " |";
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
        return time(nft, 10, BIG_RUNS, i -> new LbOp.EditDestination(k, nat(dest(7), 1 + i % 5)));
    }

    private static List<Double> replaceAll(NftBackend nft) {
        var k = new ServiceKey.Addr(ServiceKey.Protocol.TCP, ip("198.18.0.9"), 80);
        ok(nft.applyAll(List.of(new LbOp.AddService(new Service(k, "wrr", Optional.empty(), Optional.empty())))));
        List<LbOp> first = new ArrayList<>();
        for (int i = 0; i < 1000; i++) first.add(new LbOp.AddDestination(k, nat(dest(i), 1)));
        ok(nft.applyAll(first));
        List<Double> samples = new ArrayList<>();
        for (int run = 0; run < BIG_RUNS + 5; run++) {
            int in = run % 2 == 0 ? 1000 : 0; // two disjoint sets of 1,000 take turns
            int out = 1000 - in;
            List<LbOp> ops = new ArrayList<>();
            for (int i = 0; i < 1000; i++) ops.add(new LbOp.AddDestination(k, nat(dest(in + i), 1)));
            for (int i = 0; i < 1000; i++) ops.add(new LbOp.RemoveDestination(k, nat(dest(out + i), 1).key()));
            long t0 = System.nanoTime();
            ok(nft.applyAll(ops));
            if (run >= 5) samples.add((System.nanoTime() - t0) / 1e9);
        }
        return samples;
    }

    private static List<Double> time(NftBackend nft, int warmup, int runs, IntFunction<LbOp> op) {
        List<Double> samples = new ArrayList<>();
        for (int i = 0; i < warmup + runs; i++) {
            LbOp o = op.apply(i);
            long t0 = System.nanoTime();
            LbResult r = nft.apply(o);
            long t = System.nanoTime() - t0;
            assertThat(r).isEqualTo(LbResult.DONE);
            if (i >= warmup) samples.add(t / 1e9);
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
