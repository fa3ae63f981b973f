package io.jkeepalived.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jkeepalived.cli.Main;
import io.jkeepalived.testing.Impl;
import io.jkeepalived.testing.NetNs;
import io.jkeepalived.testing.Node;
import io.jkeepalived.testing.Takeover;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The health checker at scale, in the packaged daemon in a namespace, against a {@link RealServerFarm}
 * on the namespace's loopback: 100 virtual servers × 100 real servers of TCP_CHECK at delay_loop 1
 * (probe rate, CPU, RSS, threads, TIME_WAIT), the time from a real server's listener closing to the
 * daemon taking it out, and 100 virtual servers sharing 100 HTTP_GET real servers (one probe per
 * real server per delay_loop, not one per virtual server).
 */
@Tag("bench")
class CheckerBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int VIRTUAL = 100;
    static final int REAL = 100;
    static final int KILLS = 20;
    /** delay_loop 1, connect_timeout 1, retry 1, delay_before_retry 1: delay_loop + timeout + retry × (delay + timeout). */
    static final double BOUND_S = 1 + 1 + 1 * (1 + 1);

    /** Real server r of virtual server v in the scale config: 100 addresses, 100 ports each. */
    static InetSocketAddress scaleReal(int v, int r) {
        return new InetSocketAddress("198.18.1." + v, 10000 + r);
    }

    static String scaleConfig() {
        var b = new StringBuilder("global_defs {\n    router_id checkers\n}\n");
        for (int v = 1; v <= VIRTUAL; v++) {
            b.append("virtual_server 198.18.200.").append(v).append(" 80 {\n    delay_loop 1\n    lb_algo rr\n")
                    .append("    lb_kind NAT\n    protocol TCP\n");
            for (int r = 1; r <= REAL; r++) {
                var a = scaleReal(v, r);
                b.append("    real_server ").append(a.getHostString()).append(' ').append(a.getPort())
                        .append(" {\n        TCP_CHECK {\n            connect_timeout 1\n            retry 1\n")
                        .append("            log_all_failures\n")
                        .append("            delay_before_retry 1\n        }\n    }\n");
            }
            b.append("}\n");
        }
        return b.toString();
    }

    static String dedupConfig() {
        var b = new StringBuilder("global_defs {\n    router_id dedup\n}\n");
        for (int v = 1; v <= VIRTUAL; v++) {
            b.append("virtual_server 198.18.200.").append(v).append(" 80 {\n    delay_loop 1\n    lb_algo rr\n")
                    .append("    lb_kind NAT\n    protocol TCP\n");
            for (int r = 1; r <= REAL; r++) {
                b.append("    real_server 198.18.2.").append(r).append(" 80 {\n        HTTP_GET {\n")
                        .append("            url {\n                path /\n                status_code 200\n            }\n")
                        .append("            connect_timeout 1\n        }\n    }\n");
            }
            b.append("}\n");
        }
        return b.toString();
    }

    @Test
    void checkers() throws Exception {
        int seconds = Math.max(30, Integer.getInteger("jk.bench.seconds", 60));
        var md = new StringBuilder();
        md.append("The packaged daemon (`bin/jkeepalived`, launcher JVM options: ").append(ScaleBench.jvmOptions())
                .append(") runs the health checker only, in a namespace whose loopback carries the real servers: ")
                .append("one selector thread in the bench JVM listening on every address and port (accept and close ")
                .append("for TCP_CHECK; read the request and answer `200` for HTTP_GET), so the farm's CPU is not the ")
                .append("daemon's. No C keepalived column: keepalived's checker process exits when the kernel has no ")
                .append("IPVS, and this machine's kernel has none (jkeepalived computes the desired table without it).\n\n");
        try {
            scale(seconds, md);
        } catch (RuntimeException | AssertionError e) {
            md.append("Scale and detection not measured: ").append(BenchOutput.reason(e)).append("\n\n");
        }
        try {
            dedup(seconds, md);
        } catch (RuntimeException | AssertionError e) {
            md.append("Dedup not measured: ").append(BenchOutput.reason(e)).append("\n");
        }
        BenchOutput.write("checkers", md.toString());
    }

    private void scale(int seconds, StringBuilder md) throws Exception {
        var dir = Files.createTempDirectory("jk-h-bchk");
        try (var ns = NetNs.create("jk-h-bchk"); var farm = new RealServerFarm(ns, RealServerFarm.Mode.TCP)) {
            for (int v = 1; v <= VIRTUAL; v++) {
                ns.ip("addr", "add", "198.18.1." + v + "/32", "dev", "lo");
            }
            var all = new ArrayList<InetSocketAddress>();
            for (int v = 1; v <= VIRTUAL; v++) {
                for (int r = 1; r <= REAL; r++) {
                    all.add(scaleReal(v, r));
                }
            }
            farm.open(all);
            try (var daemon = Node.startWithChecker(Impl.J, "checkers", ns, scaleConfig(), dir)) {
                daemon.log().await(0, "Health checker started: " + VIRTUAL + " virtual server", Duration.ofSeconds(120));
                // The daemon's nftables NAT table turns on connection tracking in this namespace, where
                // the probes run too: 10,000 connections a second kept 120 s in TIME_WAIT fill the kernel's
                // table (262,144 here) in half a minute, and from then on SYNs are dropped, so probes time
                // out for reasons that are the bench's, not the checker's. docs/lvs.md tells operators the same.
                ns.execResult("sysctl", "-w", "net.netfilter.nf_conntrack_tcp_timeout_time_wait=5");
                // warm-up: every first probe falls in [0, warmup = delay_loop]; then let the JIT settle
                Thread.sleep(Duration.ofSeconds(10));
                long pid = daemon.pid();
                int windowMark = daemon.log().mark();
                var before = Count.of(daemon, farm);
                long ticks0 = ScaleBench.cpuTicks(List.of(pid));
                long w0 = System.nanoTime();
                Thread.sleep(Duration.ofSeconds(seconds)); // the measurement window itself
                long ticks1 = ScaleBench.cpuTicks(List.of(pid));
                double wall = (System.nanoTime() - w0) / 1e9;
                var after = Count.of(daemon, farm);
                double rss = ScaleBench.rssKb(pid) / 1024.0;
                var failureReasons = failureReasons(daemon, windowMark);
                var startupFailureReasons = failureReasons(daemon, 0);
                var threads = threads(pid);
                int threadCount = threads.values().stream().mapToInt(Integer::intValue).sum();
                long timeWait = Long.parseLong(ns.exec("bash", "-c", "ss -Htan state time-wait | wc -l").strip());
                String twMax = ns.exec("sysctl", "-n", "net.ipv4.tcp_max_tw_buckets").strip();
                long twServer = Long.parseLong(ns.exec("bash", "-c",
                        "ss -Htan state time-wait '( sport >= :10001 and sport <= :10100 )' | wc -l").strip());
                String heap = jcmd(pid, "GC.heap_info");
                String nmt = jcmd(pid, "VM.native_memory summary").lines()
                        .filter(l -> l.matches("^\\s*(-\\s+.*\\(reserved=.*|Total: .*)"))
                        .map(l -> l.replaceAll("^\\s*-?\\s*", "").replaceAll("\\s+\\(", " ("))
                        .collect(java.util.stream.Collectors.joining("\n"));
                jcmd(pid, "GC.run");
                String liveHeap = jcmd(pid, "GC.heap_info");
                String carriers = jcmd(pid, "Thread.print").lines().filter(l -> l.startsWith("\"ForkJoinPool"))
                        .map(l -> l.substring(1, l.indexOf('"', 1))).sorted().toList().toString();
                JsonNode st = status(daemon);
                long failed = st.path("checker").path("failed_probes").asLong(-1);
                long inTable = 0;
                for (JsonNode s : st.path("lvs_table")) {
                    inTable += s.path("destinations").size();
                }
                double cpu = 100.0 * (ticks1 - ticks0) / 100.0 / wall; // USER_HZ = 100
                md.append("### 100 virtual servers × 100 real servers, TCP_CHECK, delay_loop 1\n\n")
                        .append("10,000 real servers on 100 addresses (198.18.1.1–100, `lo` of the namespace) × 100 ports; ")
                        .append("`connect_timeout 1`, `retry 1`, `delay_before_retry 1`, `log_all_failures` (so that a failed attempt says why). Window of ")
                        .append(String.format(Locale.ROOT, "%.0f", wall))
                        .append(" s, 10 s after the checker started. Probes/s from the daemon's own count (`checker.probes` of ")
                        .append("`jkeepalived status --json`) and from the farm's accepts; CPU from utime+stime of the JVM ")
                        .append("(100 % = one core); threads are every entry of /proc/PID/task (platform threads, virtual-thread ")
                        .append("carriers included); TIME_WAIT from `ss -tan state time-wait` in the namespace at the end. ")
                        .append("The daemon programs its nftables NAT table in this namespace, which turns on connection ")
                        .append("tracking for the probes too; the bench sets `nf_conntrack_tcp_timeout_time_wait` to 5 s there, ")
                        .append("since at the default 120 s 10,000 connections a second fill the tracking table and SYNs are dropped ")
                        .append("(docs/lvs.md, Sizing).\n\n")
                        .append("| measure | result | target |\n|---|---|---|\n")
                        .append(String.format(Locale.ROOT, "| probes/s (daemon's count) | %.0f | ≥ 9,900 |%n", after.probesPerSecondSince(before)))
                        .append(String.format(Locale.ROOT, "| accepts/s at the real servers | %.0f | |%n", after.acceptsPerSecondSince(before)))
                        .append(String.format(Locale.ROOT, "| daemon CPU %% of one core | %.1f | |%n", cpu))
                        .append(String.format(Locale.ROOT, "| RSS (MB) | %.1f | ≤ 200 |%n", rss))
                        .append(String.format(Locale.ROOT, "| threads in /proc/PID/task | %d | ≤ 16 |%n", threadCount))
                        .append(String.format(Locale.ROOT, "| of them the JVM's own / virtual-thread scheduler / jkeepalived's | %s | |%n",
                                classify(threads)))
                        .append(String.format(Locale.ROOT, "| TIME_WAIT sockets (tcp_max_tw_buckets %s); of them on the real servers' side | %d; %d | |%n",
                                twMax, timeWait, twServer))
                        .append(String.format(Locale.ROOT, "| failed probes since start / destinations in the table | %d / %d | 0 / 10,000 |%n",
                                failed, inTable))
                        .append("| failed attempts logged since start / in the window, by reason (`log_all_failures`) | ")
                        .append(startupFailureReasons.isEmpty() ? "none" : startupFailureReasons.toString()).append(" / ")
                        .append(failureReasons.isEmpty() ? "none" : failureReasons.toString()).append(" | |\n")
                        .append(String.format(Locale.ROOT, "| mean probe cycle (ms) = 1000 / (probes/s per checker); of it, mean last probe latency (`latency_ms`) | %.1f; %.2f | ≤ 1010.1 |%n%n",
                                1000.0 * VIRTUAL * REAL / after.probesPerSecondSince(before), meanLatencyMs(st)))
                        .append("Threads by name (`comm`, digits folded to `#`): ").append(threads)
                        .append(". `ForkJoinPool` threads by full name (`jcmd Thread.print`): ").append(carriers)
                        .append(".\n\nHeap at the end (`jcmd GC.heap_info`), then after a full GC (`jcmd GC.run`), which ")
                        .append("leaves the live set:\n\n```\n").append(heap.strip()).append("\n-- after GC.run --\n")
                        .append(liveHeap.strip()).append("\n```\n\n");
                if (!nmt.isEmpty()) { // only when the launcher options include -XX:NativeMemoryTracking=summary
                    md.append("Native memory (`jcmd VM.native_memory summary`, committed per category):\n\n```\n")
                            .append(nmt).append("\n```\n\n");
                }
                detection(daemon, farm, md);
                daemon.terminate();
                daemon.awaitExit(Takeover.STARTUP);
            }
        } finally {
            delete(dir);
        }
    }

    /** Closes one real server's port at a time and waits for the daemon to log it DOWN, then reopens it. */
    private void detection(Node daemon, RealServerFarm farm, StringBuilder md) throws Exception {
        var samples = new ArrayList<Double>();
        var rnd = ThreadLocalRandom.current();
        for (int i = 0; i < KILLS; i++) {
            var a = scaleReal(1 + rnd.nextInt(VIRTUAL), 1 + rnd.nextInt(REAL));
            String subject = "real server " + a.getHostString().replace(".", "\\.") + ":" + a.getPort() + " in ";
            int mark = daemon.log().mark();
            farm.close(a);
            long killed = System.nanoTime();
            String probe = daemon.ns().run(() -> {
                try (var s = new java.net.Socket()) {
                    s.connect(a, 500);
                    return "connected";
                } catch (IOException e) {
                    return e.toString();
                }
            });
            var down = daemon.log().awaitLine(mark, l -> java.util.regex.Pattern.compile(subject + ".* DOWN").matcher(l).find(),
                    Duration.ofSeconds(30));
            if (down.isEmpty()) {
                throw new AssertionError("no DOWN for " + a + " within 30 s; a connect after the close: " + probe
                        + "; its log lines since: " + daemon.log().lines().subList(mark, daemon.log().mark()).stream()
                        .map(Object::toString).filter(l -> l.contains(a.getHostString() + ":" + a.getPort())).limit(10).toList() + "; checker: "
                        + checkerOf(status(daemon), a));
            }
            samples.add((down.get().readNanos() - killed) / 1e9);
            int back = daemon.log().mark();
            farm.open(List.of(a));
            daemon.log().await(back, subject + ".* UP", Duration.ofSeconds(30));
        }
        double p50 = BenchOutput.percentile(samples, 50);
        double p99 = BenchOutput.percentile(samples, 99);
        md.append("### Detection\n\n").append(KILLS).append(" times, under the load above: one random real server's port ")
                .append("stops listening (connects are refused from then on), and the time runs until the bench reads the ")
                .append("daemon's `real server [...] DOWN` log line, which the engine emits in the same step as the ")
                .append("table change. Bound: delay_loop + connect_timeout + retry × (delay_before_retry + connect_timeout) = ")
                .append(String.format(Locale.ROOT, "%.0f", BOUND_S * 1000)).append(" ms; target p99 ≤ bound + 20 ms. ")
                .append("A refused connect fails at once, so the expected time is up to one delay_loop to the next probe plus ")
                .append("delay_before_retry for the retry. Times in ms.\n\n")
                .append("| kills | p50 | p99 | max | bound + 20 |\n|---|---|---|---|---|\n")
                .append("| ").append(samples.size()).append(" | ").append(BenchOutput.ms(p50)).append(" | ")
                .append(BenchOutput.ms(p99)).append(" | ").append(BenchOutput.ms(BenchOutput.max(samples))).append(" | ")
                .append(BenchOutput.ms(BOUND_S + 0.020)).append(" |\n\n");
    }

    private void dedup(int seconds, StringBuilder md) throws Exception {
        var dir = Files.createTempDirectory("jk-h-bdup");
        try (var ns = NetNs.create("jk-h-bdup"); var farm = new RealServerFarm(ns, RealServerFarm.Mode.HTTP)) {
            var all = new ArrayList<InetSocketAddress>();
            for (int r = 1; r <= REAL; r++) {
                ns.ip("addr", "add", "198.18.2." + r + "/32", "dev", "lo");
                all.add(new InetSocketAddress("198.18.2." + r, 80));
            }
            farm.open(all);
            try (var daemon = Node.startWithChecker(Impl.J, "dedup", ns, dedupConfig(), dir)) {
                var started = daemon.log().await(0, "Health checker started: " + VIRTUAL + " virtual server",
                        Duration.ofSeconds(120));
                Thread.sleep(Duration.ofSeconds(5));
                long accepts0 = farm.accepts();
                long ticks0 = ScaleBench.cpuTicks(List.of(daemon.pid()));
                long w0 = System.nanoTime();
                Thread.sleep(Duration.ofSeconds(seconds));
                long ticks1 = ScaleBench.cpuTicks(List.of(daemon.pid()));
                double wall = (System.nanoTime() - w0) / 1e9;
                long accepts1 = farm.accepts();
                double rss = ScaleBench.rssKb(daemon.pid()) / 1024.0;
                JsonNode st = status(daemon);
                long inTable = 0;
                for (JsonNode s : st.path("lvs_table")) {
                    inTable += s.path("destinations").size();
                }
                md.append("### Shared checkers (dedup)\n\n").append(VIRTUAL).append(" virtual servers, each with the same ")
                        .append(REAL).append(" real servers (198.18.2.1–100 port 80) and the same HTTP_GET (`url { path / ")
                        .append("status_code 200 }`, delay_loop 1, connect_timeout 1): ")
                        .append(VIRTUAL * REAL).append(" real-server entries. Daemon: `")
                        .append(started.text().replaceAll(".*(Health checker started.*)", "$1")).append("`.\n\n")
                        .append("| measure | result | expected |\n|---|---|---|\n")
                        .append(String.format(Locale.ROOT, "| HTTP requests/s at the real servers over %.0f s | %.1f | ~100 (not 10,000) |%n",
                                wall, (accepts1 - accepts0) / wall))
                        .append(String.format(Locale.ROOT, "| destinations in the desired table | %d | 10,000 |%n", inTable))
                        .append(String.format(Locale.ROOT, "| daemon CPU %% of one core; RSS (MB) | %.1f; %.1f | |%n",
                                100.0 * (ticks1 - ticks0) / 100.0 / wall, rss))
                        .append(String.format(Locale.ROOT, "| failed probes since start | %d | 0 |%n",
                                st.path("checker").path("failed_probes").asLong(-1)));
                daemon.terminate();
                daemon.awaitExit(Takeover.STARTUP);
            }
        } finally {
            delete(dir);
        }
    }

    /** The daemon's probe count and the farm's accepts, stamped at the middle of the (slow) status call. */
    record Count(long probes, long accepts, long atNanos) {
        static Count of(Node daemon, RealServerFarm farm) throws IOException {
            long t0 = System.nanoTime();
            long accepts0 = farm.accepts();
            long probes = status(daemon).path("checker").path("probes").asLong();
            long t1 = System.nanoTime();
            return new Count(probes, (accepts0 + farm.accepts()) / 2, (t0 + t1) / 2);
        }

        double probesPerSecondSince(Count c) {
            return (probes - c.probes) / ((atNanos - c.atNanos) / 1e9);
        }

        double acceptsPerSecondSince(Count c) {
            return (accepts - c.accepts) / ((atNanos - c.atNanos) / 1e9);
        }
    }

    static String jcmd(long pid, String command) {
        try {
            var p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(pid), command).redirectErrorStream(true).start();
            var out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out.lines().skip(1).collect(java.util.stream.Collectors.joining("\n"));
        } catch (IOException e) {
            return "jcmd failed: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** JVM-internal / virtual-thread scheduler / ours, by the (folded, 15-character) thread name. */
    static String classify(Map<String, Integer> threads) {
        var jvm = java.util.Set.of("VM Thread", "Reference Handl", "Finalizer", "Signal Dispatch", "Service Thread",
                "Monitor Deflati", "Notification Th", "C# CompilerThre", "Common-Cleaner", "VM Periodic Tas", "java",
                "Attach Listener", "Cleaner-#");
        int[] n = new int[3];
        threads.forEach((name, count) -> {
            int k = jvm.contains(name) ? 0
                    : name.startsWith("ForkJoinPool") || name.equals("MasterPoller") || name.startsWith("VirtualThread")
                            || name.endsWith("-Poller") ? 1 : 2;
            n[k] += count;
        });
        return n[0] + " / " + n[1] + " / " + n[2];
    }

    static TreeMap<String, Integer> failureReasons(Node daemon, int from) {
        var out = new TreeMap<String, Integer>();
        var attempt = java.util.regex.Pattern.compile("attempt \\d+ failed: (\\w+)");
        for (var line : daemon.log().lines().subList(from, daemon.log().mark())) {
            var m = attempt.matcher(line.text());
            if (m.find()) {
                out.merge(m.group(1), 1, Integer::sum);
            }
        }
        return out;
    }

    /** Mean of every checker's last probe duration: what a probe itself adds to each delay_loop. */
    static double meanLatencyMs(JsonNode doc) {
        double sum = 0;
        int n = 0;
        for (JsonNode vs : doc.path("virtual_servers")) {
            for (JsonNode r : vs.path("real_servers")) {
                for (JsonNode c : r.path("checkers")) {
                    if (c.path("latency_ms").isNumber()) {
                        sum += c.path("latency_ms").asDouble();
                        n++;
                    }
                }
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    static String checkerOf(JsonNode doc, InetSocketAddress a) {
        for (JsonNode vs : doc.path("virtual_servers")) {
            for (JsonNode r : vs.path("real_servers")) {
                if (r.path("address").asText().equals(a.getHostString()) && r.path("port").asInt() == a.getPort()) {
                    return r.toString();
                }
            }
        }
        return "not found";
    }

    static JsonNode status(Node daemon) throws IOException {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int rc = Main.run(new String[] {"status", "--control-socket", Impl.controlSocket(daemon.dir()).toString(), "--json"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        if (rc != 0) {
            throw new AssertionError("status failed (" + rc + "): " + err.toString(StandardCharsets.UTF_8));
        }
        return JSON.readTree(out.toString(StandardCharsets.UTF_8));
    }

    /** Thread counts by name with digits folded, e.g. {@code ForkJoinPool-#-w=2}. */
    static Map<String, Integer> threads(long pid) throws IOException {
        var out = new TreeMap<String, Integer>();
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (var t : tasks.toList()) {
                try {
                    out.merge(Files.readString(t.resolve("comm")).strip().replaceAll("\\d+", "#"), 1, Integer::sum);
                } catch (IOException e) {
                    // the thread ended
                }
            }
        }
        return out;
    }

    private static void delete(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
