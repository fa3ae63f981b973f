package io.jkeepalived.bench;

import io.jkeepalived.testing.Cluster;
import io.jkeepalived.testing.Impl;
import io.jkeepalived.testing.KeepalivedConf;
import io.jkeepalived.testing.Node;
import io.jkeepalived.testing.Node.State;
import io.jkeepalived.testing.VrrpInstanceConf;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Memory across many reloads: one node, 10 VRRPv3 instances as MASTER, reloaded
 * {@code -Djk.bench.reloads} times (default 1,000), each reload changing every priority and one VIP
 * (applied in place), each awaited until the daemon logs it done. RSS of the whole process tree is
 * sampled after the warm-up (the first tenth of the reloads) and at the end.
 */
@Tag("bench")
class ReloadSoakBench {

    record Result(double warmMb, double endMb, double maxMb, double seconds, String heap) {}

    @Test
    void soak() throws InterruptedException {
        int reloads = Integer.getInteger("jk.bench.reloads", 1000);
        var sb = new StringBuilder();
        sb.append("### RSS across ").append(reloads).append(" reloads\n\n")
                .append("One node, 10 VRRPv3 instances as MASTER (advert_int 1), reloaded ").append(reloads)
                .append(" times, one reload at most every 100 ms (`-Djk.bench.reloadGapMs`); each reload changes every priority (150 ↔ 151) and one VIP of VI_1, applied in place,")
                .append(" and is awaited until the daemon logs it done. RSS of the whole process tree every 10 reloads;")
                .append(" _after warm-up_ is the median over reloads ").append(reloads / 10).append("–").append(reloads * 3 / 10)
                .append(", _at the end_ the median over the last fifth, _max_ the largest sample.\n\n")
                .append(" _heap_: for J, the heap in use after a full GC (`jcmd PID GC.run`) at the end of the")
                .append(" warm-up and at the end.\n\n")
                .append("| impl | RSS after warm-up (MB) | RSS at the end (MB) | growth (MB) | max (MB) | time (s) | heap after GC, warm-up → end |\n")
                .append("|---|---|---|---|---|---|---|\n");
        for (var impl : BenchOutput.impls()) {
            try {
                var r = measure(impl, reloads);
                sb.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %+.1f | %.1f | %.0f | %s |%n", impl, r.warmMb(),
                        r.endMb(), r.endMb() - r.warmMb(), r.maxMb(), r.seconds(), r.heap()));
            } catch (RuntimeException | AssertionError e) {
                sb.append("| ").append(impl).append(" | not measured: ").append(BenchOutput.reason(e))
                        .append(" | | | | | |\n");
            }
        }
        BenchOutput.write("soak-reload", sb.append('\n').toString());
    }

    static KeepalivedConf config(int priority, int variant) {
        return KeepalivedConf.of("node1", IntStream.rangeClosed(1, 10).mapToObj(i -> VrrpInstanceConf.v3("VI_" + i, i,
                priority, "1", "198.18.1." + i + "/32", "198.18.2." + (i == 1 ? variant : 200 + i) + "/32"))
                .toArray(VrrpInstanceConf[]::new));
    }

    private static Result measure(Impl impl, int reloads) throws InterruptedException {
        try (var c = Cluster.create("jk-h-soak", 1)) {
            // jcmd attaches to J (a full GC at the end): the launcher's options less the two that forbid it
            c.start(0, impl, config(150, 0), impl == Impl.J
                    ? java.util.Map.of("JKEEPALIVED_JAVA_OPTS", Impl.attachableJavaOpts()) : java.util.Map.of());
            Node n = c.node(0);
            for (int i = 1; i <= 10; i++) {
                n.awaitState(0, "VI_" + i, State.MASTER, Duration.ofSeconds(30));
            }
            // RSS of a JVM that trims its native heap every few seconds swings by several MB between
            // samples: compare the medians of two windows of samples, not two single samples
            List<Double> early = new ArrayList<>();
            List<Double> late = new ArrayList<>();
            double max = 0;
            String heapWarm = "";
            String heapEnd = "";
            long t0 = System.nanoTime();
            long gap = Long.getLong("jk.bench.reloadGapMs", 100) * 1_000_000L;
            long next = System.nanoTime();
            for (int r = 1; r <= reloads; r++) {
                // pace the reloads (a load generator, not an await): the run spans minutes, so the
                // JIT's own warm-up is over before the windows are compared
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
                next = System.nanoTime() + gap;
                int mark = n.log().mark();
                n.rewriteConfig(config(150 + r % 2, r % 2).render());
                n.reload();
                n.log().await(mark, ReloadBench.doneLine(impl), Duration.ofSeconds(30));
                if (impl == Impl.J && r == reloads / 10) {
                    heapWarm = fullGc(n.pid());
                }
                if (impl == Impl.J && r == reloads) {
                    heapEnd = fullGc(n.pid());
                }
                if (r % 10 == 0) {
                    double mb = ScaleBench.pids(n).stream().mapToLong(ScaleBench::rssKb).sum() / 1024.0;
                    max = Math.max(max, mb);
                    if (r > reloads / 10 && r <= reloads * 3 / 10) {
                        early.add(mb);
                    } else if (r > reloads * 8 / 10) {
                        late.add(mb);
                    }
                }
            }
            return new Result(BenchOutput.percentile(early, 50), BenchOutput.percentile(late, 50), max,
                    (System.nanoTime() - t0) / 1e9, impl == Impl.J ? heapWarm + " → " + heapEnd : "");
        }
    }

    /** Runs a full GC in the daemon's JVM and returns the heap in use after it, e.g. "9.8 MB". */
    static String fullGc(long pid) {
        String jcmd = System.getProperty("java.home") + "/bin/jcmd";
        try {
            run(jcmd, Long.toString(pid), "GC.run");
            String info = run(jcmd, Long.toString(pid), "GC.heap_info");
            long usedKb = 0;
            var m = java.util.regex.Pattern.compile("(?:DefNew|Tenured|generation)\\s+total \\d+K, used (\\d+)K").matcher(info);
            while (m.find()) {
                usedKb += Long.parseLong(m.group(1));
            }
            return String.format(Locale.ROOT, "%.1f MB", usedKb / 1024.0);
        } catch (java.io.IOException e) {
            return "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    private static String run(String... argv) throws java.io.IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }
}
