package io.jkeepalived.bench;

import io.jkeepalived.testing.Impl;
import io.jkeepalived.testing.NetNs;
import io.jkeepalived.testing.Node;
import io.jkeepalived.testing.Takeover;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * 1,000 VRRP instances as MASTER in one daemon: 4 veth interfaces × 250 VRIDs, one VIP each,
 * advert_int 1 (so 1,000 adverts a second). CPU % from utime+stime in /proc/PID/stat over
 * {@code -Djk.bench.seconds} (default 60) once every instance is MASTER, RSS from /proc/PID/status
 * (C keepalived: parent + VRRP child summed).
 */
@Tag("bench")
class ScaleBench {

    static final int INTERFACES = 4;
    static final int PER_INTERFACE = 250;

    @Test
    void thousandMasters() throws Exception {
        int seconds = Integer.getInteger("jk.bench.seconds", 60);
        var sb = new StringBuilder();
        sb.append(INTERFACES * PER_INTERFACE).append(" instances (").append(INTERFACES).append(" interfaces × ")
                .append(PER_INTERFACE).append(" VRIDs, one VIP each, VRRPv2 advert_int 1) as MASTER in one process; CPU")
                .append(" over ").append(seconds).append(" s after all reached MASTER (100 % = one core).")
                .append(" jkeepalived runs with the launcher's JVM options (").append(jvmOptions()).append(").\n\n")
                .append("| impl | time to all MASTER (s) | CPU % | RSS (MB) |\n|---|---|---|---|\n");
        double cCpu = Double.NaN;
        double cRss = Double.NaN;
        double jCpu = Double.NaN;
        double jRss = Double.NaN;
        for (var impl : BenchOutput.impls()) {
            try {
                var r = measure(impl, seconds);
                sb.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f |%n", impl, r[0], r[1], r[2]));
                if (impl == Impl.C) {
                    cCpu = r[1];
                    cRss = r[2];
                } else {
                    jCpu = r[1];
                    jRss = r[2];
                }
            } catch (RuntimeException | AssertionError e) {
                sb.append("| ").append(impl).append(" | not measured: ").append(BenchOutput.reason(e)).append(" | | |\n");
            }
        }
        sb.append("\nJ/C: CPU ").append(BenchOutput.ratio(jCpu, cCpu)).append(", RSS ")
                .append(BenchOutput.ratio(jRss, cRss)).append(".\n");
        BenchOutput.write("scale", sb.toString());
    }

    static String config() {
        var sb = new StringBuilder("global_defs {\n    router_id scale\n}\n");
        for (int k = 0; k < INTERFACES; k++) {
            for (int v = 1; v <= PER_INTERFACE; v++) {
                sb.append(String.format(Locale.ROOT, """
                        vrrp_instance VI_%d_%d {
                            state MASTER
                            interface eth%d
                            virtual_router_id %d
                            priority 200
                            advert_int 1
                            virtual_ipaddress {
                                198.18.%d.%d/32
                            }
                        }
                        """, k, v, k, v, 10 + k, v));
            }
        }
        return sb.toString();
    }

    /** {seconds to all MASTER, CPU %, RSS MB}. */
    private static double[] measure(Impl impl, int seconds) throws Exception {
        var dir = Files.createTempDirectory("jk-h-bscale");
        try (var node = NetNs.create("jk-h-bscale"); var peer = NetNs.create("jk-h-bscalep")) {
            for (int k = 0; k < INTERFACES; k++) {
                NetNs.veth(node, "eth" + k, peer, "p" + k);
                node.ip("addr", "add", "198.18." + (2 + k) + ".1/24", "dev", "eth" + k);
            }
            long t0 = System.nanoTime();
            try (var daemon = Node.start(impl, "scale", node, config(), dir)) {
                var last = Duration.ofSeconds(180);
                long deadline = System.nanoTime() + last.toNanos();
                while (daemon.log().matching(0, "Entering MASTER STATE").size() < INTERFACES * PER_INTERFACE) {
                    if (System.nanoTime() > deadline || !daemon.alive()) {
                        throw new AssertionError("only " + daemon.log().matching(0, "Entering MASTER STATE").size()
                                + " instances reached MASTER:\n" + daemon.log().tail(10));
                    }
                    daemon.log().awaitLine(daemon.log().mark(), l -> true, Duration.ofSeconds(1));
                }
                double toMaster = (System.nanoTime() - t0) / 1e9;
                var pids = pids(daemon);
                long ticks0 = cpuTicks(pids);
                long w0 = System.nanoTime();
                Thread.sleep(TimeUnit.SECONDS.toMillis(seconds)); // the measurement window itself
                long ticks1 = cpuTicks(pids);
                double wall = (System.nanoTime() - w0) / 1e9;
                double cpu = 100.0 * (ticks1 - ticks0) / 100.0 / wall; // USER_HZ = 100
                double rss = pids.stream().mapToLong(ScaleBench::rssKb).sum() / 1024.0;
                if (!daemon.alive()) {
                    throw new AssertionError("daemon exited during the window");
                }
                daemon.terminate();
                daemon.awaitExit(Takeover.STARTUP);
                return new double[] {toMaster, cpu, rss};
            }
        } finally {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static String jvmOptions() {
        try {
            var launcher = Files.readString(Impl.repoRoot().resolve("bin/jkeepalived"));
            var m = java.util.regex.Pattern.compile("JKEEPALIVED_JAVA_OPTS:-([^}]*)}").matcher(launcher);
            return System.getenv().getOrDefault("JKEEPALIVED_JAVA_OPTS", m.find() ? m.group(1) : "?");
        } catch (IOException e) {
            return "?";
        }
    }

    /** The daemon's process and its children (C keepalived's VRRP child). */
    static List<Long> pids(Node daemon) {
        var out = new ArrayList<Long>();
        ProcessHandle.of(daemon.pid()).ifPresent(h -> {
            out.add(h.pid());
            h.descendants().forEach(d -> out.add(d.pid()));
        });
        return out;
    }

    /** utime + stime in clock ticks, summed. */
    static long cpuTicks(List<Long> pids) throws IOException {
        long sum = 0;
        for (var pid : pids) {
            var stat = Files.readString(Path.of("/proc", pid.toString(), "stat"));
            var f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            sum += Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15 of proc(5)
        }
        return sum;
    }

    static long rssKb(long pid) {
        try {
            for (var line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException e) {
            // gone
        }
        return 0;
    }
}
