package io.jkeepalived.bench;

import static io.jkeepalived.bench.BenchOutput.max;
import static io.jkeepalived.bench.BenchOutput.ms;
import static io.jkeepalived.bench.BenchOutput.percentile;
import static io.jkeepalived.bench.BenchOutput.ratio;

import io.jkeepalived.testing.Capture;
import io.jkeepalived.testing.Cluster;
import io.jkeepalived.testing.Impl;
import io.jkeepalived.testing.KeepalivedConf;
import io.jkeepalived.testing.Lan;
import io.jkeepalived.testing.Node;
import io.jkeepalived.testing.Signals;
import io.jkeepalived.testing.Takeover;
import io.jkeepalived.testing.VrrpInstanceConf;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A VRRPv3 master at advert_int 0.05 tracking 50 {@code vrrp_script}s (interval 1): 30 exit 0, 10
 * hang until their 2 s timeout, 10 print 5 MB to stdout. Weights keep the expected state fixed:
 * the passing ones add 1, the hanging ones subtract 1, so the master advertises 180 and even with
 * every script failing stays above its priority-100 backup; any state change is spurious. Measured
 * over {@code -Djk.bench.seconds} (default 60): advert gaps on the master's switch port, state
 * changes, the daemon's CPU and RSS, and the CPU of the scripts it reaped.
 */
@Tag("bench")
class TrackScriptBench {

    static final int OK = 30;
    static final int HANG = 10;
    static final int CHATTY = 10;
    private static final String VI = "VI_1";
    private static final Pattern VRRP_CHILD = Pattern.compile("Starting VRRP child process, pid=(\\d+)");

    record Result(List<Double> gaps, int changes, int minPrio, int maxPrio, double cpu, double scriptCpu,
                  double rssMb) {}

    @Test
    void scriptsUnderLoad() throws Exception {
        int seconds = Integer.getInteger("jk.bench.seconds", 60);
        var sb = new StringBuilder("### Tracking scripts under load\n\n");
        sb.append("A VRRPv3 master (priority 150) at advert_int 0.05 s tracks ").append(OK + HANG + CHATTY)
                .append(" `vrrp_script`s, each interval 1, timeout 2: ").append(OK).append(" `exit 0` (weight 1), ")
                .append(HANG).append(" `exec sleep 60` (weight -1: fail at the timeout), ").append(CHATTY)
                .append(" print 5 MB to stdout and exit 0 (weight 1); so it advertises 180 and stays above its")
                .append(" priority-100 backup whatever the scripts do. C keepalived 2.2.7 starts scripts with stdout")
                .append(" on /dev/null; jkeepalived reads it from a pipe and keeps the last 4 KiB. Over ")
                .append(seconds).append(" s: gaps between the master's adverts (tcpdump on its switch port, ms),")
                .append(" state changes on either node (expected 0; a takeover and the return count as two),")
                .append(" priorities advertised, CPU of the daemon's own processes (C: parent + VRRP child) and of")
                .append(" the scripts they reaped (cutime+cstime), 100 % = one core; RSS at the end. _> 150_: gaps")
                .append(" longer than three intervals, where a backup's down timer would be running out.\n\n")
                .append("| impl | adverts | p50 | p99 | max | > 150 | changes | priority | daemon CPU % | scripts CPU %")
                .append(" | RSS (MB) |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
        var results = new EnumMap<Impl, Result>(Impl.class);
        for (var impl : BenchOutput.impls()) {
            try {
                var r = measure(impl, seconds);
                results.put(impl, r);
                sb.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %d | %d | %d–%d | %.1f | %.1f | %.1f |%n",
                        impl, r.gaps().size() + 1, ms(percentile(r.gaps(), 50)), ms(percentile(r.gaps(), 99)),
                        ms(max(r.gaps())), r.gaps().stream().filter(g -> g > 0.150).count(), r.changes(), r.minPrio(), r.maxPrio(), r.cpu(), r.scriptCpu(), r.rssMb()));
            } catch (RuntimeException | AssertionError e) {
                sb.append("| ").append(impl).append(" | not measured: ").append(BenchOutput.reason(e))
                        .append(" | | | | | | | | | |\n");
            }
        }
        if (results.containsKey(Impl.C) && results.containsKey(Impl.J)) {
            var c = results.get(Impl.C);
            var j = results.get(Impl.J);
            sb.append("\nJ/C: p99 gap ").append(ratio(percentile(j.gaps(), 99), percentile(c.gaps(), 99)))
                    .append(", max gap ").append(ratio(max(j.gaps()), max(c.gaps()))).append(", daemon CPU ")
                    .append(ratio(j.cpu(), c.cpu())).append(", RSS ").append(ratio(j.rssMb(), c.rssMb())).append(".\n");
        }
        BenchOutput.write("daytwo-scripts", sb.append('\n').toString());
    }

    /** The scripts and their tracking blocks, in a directory script security accepts. */
    static KeepalivedConf masterConfig(Path dir) throws IOException {
        var ok = script(dir, "ok.sh", "exit 0");
        var hang = script(dir, "hang.sh", "exec sleep 60");
        var chatty = script(dir, "chatty.sh", "yes 0123456789abcdef0123456789abcdef0123456789abcdef | head -c 5000000");
        var blocks = new ArrayList<String>();
        var tracked = new ArrayList<String>(List.of("track_script {"));
        for (int i = 0; i < OK + HANG + CHATTY; i++) {
            var kind = i < OK ? ok : i < OK + HANG ? hang : chatty;
            var name = "chk_" + i;
            blocks.add("""
                    vrrp_script %s {
                        script "%s"
                        interval 1
                        timeout 2
                        weight %d
                        rise 1
                        fall 1
                    }""".formatted(name, kind, kind.equals(hang) ? -1 : 1));
            tracked.add("    " + name);
        }
        tracked.add("}");
        var instance = VrrpInstanceConf.v3(VI, 51, 150, "0.05", Lan.VIP4 + "/24")
                .withExtra(tracked.toArray(String[]::new));
        return KeepalivedConf.of("node1", instance).withGlobal("enable_script_security", "script_user root")
                .withBlock(blocks.toArray(String[]::new));
    }

    private static Path script(Path dir, String name, String body) throws IOException {
        var file = dir.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    private static Result measure(Impl impl, int seconds) throws Exception {
        // script security refuses scripts under world-writable directories such as /tmp
        var dir = Files.createTempDirectory(Files.createDirectories(Impl.repoRoot().resolve("target")), "jk-h-bts",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        try (var c = Cluster.create("jk-h-bts", 2)) {
            try {
                c.start(0, impl, masterConfig(dir));
                c.start(1, impl, KeepalivedConf.of("node2", VrrpInstanceConf.v3(VI, 51, 100, "0.05",
                        Lan.VIP4 + "/24")));
                Takeover.awaitElected(c, 0, VI, Lan.VIP4, 2);
                Thread.sleep(5000); // hanging scripts time out once: the advertised priority settles at 180
                var daemon = c.node(0);
                var pids = daemonPids(daemon);
                try (var wire = Capture.lines(c.lan().hub(), c.host(0).port(), Capture.VRRP)) {
                    int m0 = daemon.log().mark();
                    int m1 = c.node(1).log().mark();
                    int mark = wire.mark();
                    long[] t0 = ticks(pids);
                    long w0 = System.nanoTime();
                    Thread.sleep(TimeUnit.SECONDS.toMillis(seconds)); // the measurement window itself
                    long[] t1 = ticks(pids);
                    double wall = (System.nanoTime() - w0) / 1e9;
                    double rss = pids.stream().mapToLong(ScaleBench::rssKb).sum() / 1024.0;
                    if (!daemon.alive()) {
                        throw new AssertionError("the master exited during the window:\n" + daemon.log().tail(10));
                    }
                    var adverts = wire.adverts(mark).stream().filter(a -> a.source().equals(c.host(0).ipv4()))
                            .toList();
                    var gaps = new ArrayList<Double>();
                    for (int i = 1; i < adverts.size(); i++) {
                        gaps.add(adverts.get(i).time() - adverts.get(i - 1).time());
                    }
                    var state = "Entering (MASTER|BACKUP|FAULT) STATE";
                    int changes = daemon.log().matching(m0, state).size() + c.node(1).log().matching(m1, state).size();
                    var prios = adverts.stream().mapToInt(Capture.Advert::priority).summaryStatistics();
                    // USER_HZ = 100: ticks / 100 / wall seconds, as a percentage of one core
                    return new Result(gaps, changes, prios.getMin(), prios.getMax(), (t1[0] - t0[0]) / wall,
                            (t1[1] - t0[1]) / wall, rss);
                }
            } finally {
                stopAndSweep(c);
            }
        } finally {
            try (var paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The daemon's own processes: ours is one JVM; C keepalived a parent and its VRRP child. */
    static List<Long> daemonPids(Node daemon) {
        var pids = new ArrayList<>(List.of(daemon.pid()));
        if (daemon.impl() == Impl.C) {
            var m = VRRP_CHILD.matcher(daemon.log().await(0, VRRP_CHILD.pattern(), Takeover.STARTUP).text());
            if (m.find()) {
                pids.add(Long.parseLong(m.group(1)));
            }
        }
        return pids;
    }

    /** {utime + stime, cutime + cstime} in clock ticks, summed over {@code pids}. */
    static long[] ticks(List<Long> pids) throws IOException {
        long own = 0;
        long children = 0;
        for (var pid : pids) {
            var stat = Files.readString(Path.of("/proc", pid.toString(), "stat"));
            var f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            own += Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14, 15 of proc(5)
            children += Long.parseLong(f[13]) + Long.parseLong(f[14]); // fields 16, 17
        }
        return new long[] {own, children};
    }

    /**
     * SIGTERM both daemons (they stop their scripts), then SIGKILL by PID whatever the master's
     * namespace still holds: a script its daemon left behind would otherwise sleep on for a minute.
     */
    private static void stopAndSweep(Cluster c) {
        for (int i = 0; i < 2; i++) {
            try {
                c.node(i).terminate();
                c.node(i).awaitExit(Takeover.STARTUP);
            } catch (IllegalStateException e) {
                // never started
            }
        }
        try {
            var p = new ProcessBuilder("ip", "netns", "pids", c.host(0).ns().name()).redirectErrorStream(true).start();
            var out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            for (var pid : out.split("\\s+")) {
                if (pid.matches("\\d+")) {
                    System.out.println("TrackScriptBench: left behind in " + c.host(0).ns() + ": " + pid + " "
                            + ProcessHandle.of(Long.parseLong(pid)).flatMap(h -> h.info().commandLine()).orElse("?"));
                    Signals.send(Long.parseLong(pid), "KILL");
                }
            }
        } catch (IOException e) {
            // best effort: closing the namespace follows
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
