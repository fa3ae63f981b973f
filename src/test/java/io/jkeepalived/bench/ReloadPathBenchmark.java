package io.jkeepalived.bench;

import io.jkeepalived.check.engine.CheckAction;
import io.jkeepalived.check.engine.CheckEngine;
import io.jkeepalived.check.plan.CheckPlan;
import io.jkeepalived.check.plan.RealServerSpec;
import io.jkeepalived.check.plan.VirtualServerSpec;
import io.jkeepalived.config.ConfigLoader;
import io.jkeepalived.config.LoadResult;
import io.jkeepalived.config.lex.ReaderOptions;
import io.jkeepalived.config.model.Keepalived;
import io.jkeepalived.daemon.checker.ReloadPathProbes;
import io.jkeepalived.daemon.reload.ReloadPathCheck;
import io.jkeepalived.lvs.Destination;
import io.jkeepalived.lvs.LbOp;
import io.jkeepalived.lvs.Service;
import io.jkeepalived.lvs.ServiceEntry;
import io.jkeepalived.lvs.ServiceKey;
import io.jkeepalived.lvs.TableDiff;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A reload of an unchanged config, on the host, as IpvsBench's row "Reload of the unchanged config"
 * times it in the guest (IpvsBenchDriver: {@code TableDiff.between(running, table(load(file)))},
 * then {@code applyAll} of the empty list), plus the checker half of a daemon reload (load, plan,
 * {@code PreparedProbes.prepare}, {@code CheckEngine.apply} with its table diff) and the daemon's own
 * unchanged check (load, then ReloadCheck's verdict against the running config).
 * Configs: {@code ipvs} is IpvsBenchDriver's 10 virtual servers x 1,000 real servers without
 * checkers; {@code big} is BigConfigGenerator's 1,000 instances and 100 x 100 checked real servers.
 *
 * <p>JMH: {@code java -cp <test classpath> org.openjdk.jmh.Main ReloadPathBenchmark}. Per-phase CPU
 * (this thread's and the process's, GC and JIT included) after warm-up:
 * {@code java -cp <test classpath> io.jkeepalived.bench.ReloadPathBenchmark [ipvs|big] [warm-up] [runs] [row]};
 * the guest's single timed reload (third load in a fresh JVM): {@code ... ReloadPathBenchmark guest} with
 * the guest's JVM flags ({@code -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xms12m -Xmx192m}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ReloadPathBenchmark {

    @Param({"ipvs", "big"})
    public String config;

    Path file;
    Keepalived running;
    Map<ServiceKey, ServiceEntry> table;
    ReloadPathProbes probes;
    CheckEngine engine;
    long now;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        file = Files.createTempFile("jk-reload-bench", ".conf");
        Files.writeString(file, text(config));
        running = load();
        table = tableOf(CheckPlan.of(running));
        probes = new ReloadPathProbes();
        engine = new CheckEngine(new SplittableRandom(1));
        engine.apply(probes.prepare(CheckPlan.of(running)), now, a -> {});
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(file);
    }

    /** IpvsBench's row: load, plan, the table of every real server up, the diff (0 operations). */
    @Benchmark
    public List<LbOp> benchRow() {
        List<LbOp> ops = TableDiff.between(table, tableOf(CheckPlan.of(load())));
        if (!ops.isEmpty()) throw new IllegalStateException(ops.size() + " operations");
        return ops;
    }

    /** The checker half of a daemon reload: load, plan, prepare the probes, the engine's apply and diff. */
    @Benchmark
    public int checkerReload() {
        int[] tableOps = {0};
        engine.apply(probes.prepare(CheckPlan.of(load())), ++now, a -> {
            if (a instanceof CheckAction.TableChange t) tableOps[0] += t.ops().size();
        });
        if (tableOps[0] != 0) throw new IllegalStateException(tableOps[0] + " operations");
        return tableOps[0];
    }

    /** The daemon's own unchanged reload (ReloadCheck): load, then the verdict against the running config. */
    @Benchmark
    public boolean daemonUnchanged() {
        boolean same = ReloadPathCheck.unchanged(running, load());
        if (!same) throw new IllegalStateException("changed");
        return same;
    }

    Keepalived load() {
        LoadResult r = ConfigLoader.load(file, new ReaderOptions("bench", Map.of(), false));
        if (r.hasErrors()) throw new IllegalStateException(r.errors().getFirst().render());
        return r.config().orElseThrow();
    }

    static String text(String config) {
        return switch (config) {
            case "ipvs" -> ipvsConfig(7);
            case "big" -> BigConfigGenerator.generate();
            default -> throw new IllegalArgumentException(config);
        };
    }

    /** IpvsBenchDriver.config(w): service 1's real servers with weight w (7: the config its unchanged reload reads). */
    static String ipvsConfig(int firstServiceWeight) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < 10; k++) {
            sb.append("virtual_server 198.18.20.").append(k + 1).append(" 80 {\n lvs_sched wrr\n lvs_method NAT\n protocol TCP\n");
            for (int i = 0; i < 1000; i++) {
                int host = i + 1;
                sb.append(" real_server 198.18.").append(32 + 4 * k + host / 256).append('.').append(host % 256)
                        .append(" 8080 {\n  weight ").append(k == 0 ? firstServiceWeight : 1).append("\n }\n");
            }
            sb.append("}\n");
        }
        return sb.toString();
    }

    /** IpvsGuestDriver.tableOf: the table of a plan with every real server alive and no sorry server in. */
    static Map<ServiceKey, ServiceEntry> tableOf(CheckPlan plan) {
        Map<ServiceKey, ServiceEntry> out = new LinkedHashMap<>();
        for (VirtualServerSpec vs : plan.virtualServers()) {
            for (Service s : vs.services()) {
                int port = s.key() instanceof ServiceKey.Addr a ? a.port() : 0;
                Map<Destination.Key, Destination> ds = new LinkedHashMap<>();
                for (RealServerSpec rs : vs.realServers()) {
                    Destination d = new Destination(rs.ip(), rs.port().orElse(port), rs.weight(), rs.method(),
                            rs.uthreshold(), rs.lthreshold(), rs.tunnel());
                    ds.put(d.key(), d);
                }
                out.put(s.key(), new ServiceEntry(s, ds));
            }
        }
        return out;
    }

    /** This JVM's start, near enough, to place the timed reload in a -Xlog:gc log. */
    private static final long START = System.nanoTime()
            - ManagementFactory.getRuntimeMXBean().getUptime() * 1_000_000;

    /**
     * IpvsBenchDriver's sequence in a fresh JVM, without the kernel: the table of the 10 x 1,000 config,
     * the reload to the one with 1,000 weights changed, then the timed reload of that config unchanged,
     * its third load in this JVM as in the guest (where loops that run once per load are still
     * interpreted). Prints {@code guest-row WALL_MS THREAD_CPU_MS}.
     */
    static void guestRow() throws IOException {
        Path big = Files.createTempFile("jk-reload-bench", ".conf");
        Path changed = Files.createTempFile("jk-reload-bench", ".conf");
        try {
            Files.writeString(big, ipvsConfig(1));
            Files.writeString(changed, ipvsConfig(7));
            var b = new ReloadPathBenchmark();
            b.file = big;
            Map<ServiceKey, ServiceEntry> t1 = tableOf(CheckPlan.of(b.load()));
            if (TableDiff.between(Map.of(), t1).size() != 10_010) throw new IllegalStateException("program");
            b.file = changed;
            Map<ServiceKey, ServiceEntry> t2 = tableOf(CheckPlan.of(b.load()));
            if (TableDiff.between(t1, t2).size() != 1000) throw new IllegalStateException("reload");
            var mx = ManagementFactory.getThreadMXBean();
            long w0 = System.nanoTime(), c0 = mx.getCurrentThreadCpuTime();
            Keepalived k = b.load();
            long c1 = mx.getCurrentThreadCpuTime();
            CheckPlan plan = CheckPlan.of(k);
            long c2 = mx.getCurrentThreadCpuTime();
            Map<ServiceKey, ServiceEntry> t3 = tableOf(plan);
            long c3 = mx.getCurrentThreadCpuTime();
            List<LbOp> same = TableDiff.between(t2, t3);
            long w1 = System.nanoTime(), c4 = mx.getCurrentThreadCpuTime();
            if (!same.isEmpty()) throw new IllegalStateException(same.size() + " operations");
            System.out.printf(Locale.ROOT, "guest-row %.1f %.1f (JVM uptime %.3f s to %.3f s; thread CPU: load %.1f,"
                    + " plan %.1f, table %.1f, diff %.1f ms)%n", (w1 - w0) / 1e6, (c4 - c0) / 1e6, (w0 - START) / 1e9,
                    (w1 - START) / 1e9, (c1 - c0) / 1e6, (c2 - c1) / 1e6, (c3 - c2) / 1e6, (c4 - c3) / 1e6);
        } finally {
            Files.deleteIfExists(big);
            Files.deleteIfExists(changed);
        }
    }

    /** Per-phase averages: thread CPU of each phase, and the whole reload's process CPU and wall time. */
    public static void main(String[] args) throws IOException {
        if (args.length > 0 && args[0].equals("guest")) {
            guestRow();
            return;
        }
        String which = args.length > 0 ? args[0] : "ipvs";
        int warm = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        // "row": only the bench row's phases (for profiling them alone)
        boolean rowOnly = args.length > 3 && args[3].equals("row");
        var b = new ReloadPathBenchmark();
        b.config = which;
        b.setUp();
        try {
            var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            String[] names = {"load", "plan", "table+diff", "prepare", "engine.apply", "reload check"};
            for (int round = 0; round < 2; round++) {
                int n = round == 0 ? warm : runs;
                long[] cpu = new long[names.length];
                long[] alloc = new long[names.length];
                long proc = 0, wall = 0;
                // the row's wall time per batch of 10 reloads (process CPU ticks are too coarse): the best
                // batch says what the code costs when the machine's other work leaves it alone
                long batch = 0, bestBatch = Long.MAX_VALUE;
                for (int i = 0; i < n; i++) {
                    long p0 = os.getProcessCpuTime(), w0 = System.nanoTime();
                    Keepalived k = phase(mx, cpu, alloc, 0, b::load);
                    CheckPlan plan = phase(mx, cpu, alloc, 1, () -> CheckPlan.of(k));
                    List<LbOp> ops = phase(mx, cpu, alloc, 2, () -> TableDiff.between(b.table, tableOf(plan)));
                    long p1 = os.getProcessCpuTime(), w1 = System.nanoTime();
                    proc += p1 - p0;
                    wall += w1 - w0;
                    batch += w1 - w0;
                    if (i % 10 == 9) {
                        bestBatch = Math.min(bestBatch, batch);
                        batch = 0;
                    }
                    if (!ops.isEmpty()) throw new IllegalStateException(ops.size() + " operations");
                    if (rowOnly) continue;
                    CheckPlan prepared = phase(mx, cpu, alloc, 3, () -> b.probes.prepare(plan));
                    int[] tableOps = {0};
                    phase(mx, cpu, alloc, 4, () -> {
                        b.engine.apply(prepared, ++b.now, a -> {
                            if (a instanceof CheckAction.TableChange t) tableOps[0] += t.ops().size();
                        });
                        return null;
                    });
                    boolean same = phase(mx, cpu, alloc, 5, () -> ReloadPathCheck.unchanged(b.running, k));
                    if (tableOps[0] != 0 || !same) throw new IllegalStateException("not unchanged");
                }
                if (round == 0) continue;
                System.out.printf(Locale.ROOT, "%s: %d reloads after %d warm-up; per reload:%n", which, n, warm);
                for (int i = 0; i < names.length; i++) {
                    System.out.printf(Locale.ROOT, "  %-13s %8.2f ms CPU %9.1f MB allocated%n", names[i],
                            cpu[i] / 1e6 / n, alloc[i] / 1e6 / n);
                }
                System.out.printf(Locale.ROOT, "  bench row (load, plan, table+diff): %.2f ms process CPU, %.2f ms wall;"
                        + " best batch of 10: %.2f ms wall%n", proc / 1e6 / n, wall / 1e6 / n, bestBatch / 1e7);
            }
        } finally {
            b.tearDown();
        }
    }

    private static <T> T phase(com.sun.management.ThreadMXBean mx, long[] cpu, long[] alloc, int i, Supplier<T> s) {
        long c0 = mx.getCurrentThreadCpuTime(), a0 = mx.getCurrentThreadAllocatedBytes();
        T t = s.get();
        cpu[i] += mx.getCurrentThreadCpuTime() - c0;
        alloc[i] += mx.getCurrentThreadAllocatedBytes() - a0;
        return t;
    }
}
