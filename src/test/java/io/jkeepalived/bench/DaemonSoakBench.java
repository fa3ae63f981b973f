package io.jkeepalived.bench;

import io.jkeepalived.testing.Cluster;
import io.jkeepalived.testing.Impl;
import io.jkeepalived.testing.KeepalivedConf;
import io.jkeepalived.testing.Node;
import io.jkeepalived.testing.Node.State;
import io.jkeepalived.testing.VrrpInstanceConf;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 14's soak: one node, 20 VRRPv3 instances as MASTER at advert_int 0.01, each tracking a
 * {@code vrrp_script} run every second, with notify scripts, and a 21st instance whose script fails
 * every other run so that it flaps MASTER ↔ FAULT and its notify scripts run all the time. Runs for
 * {@code -Djk.bench.soakSeconds} (default 300) with {@code -Djk.bench.soakReloads} (default 200)
 * reloads spread evenly over the run, each awaited in the log. Every 5 s the RSS and the open file
 * descriptors of the daemon's own processes are sampled; the first fifth of the run is warm-up.
 */
@Tag("bench")
class DaemonSoakBench {

    static final int INSTANCES = 20;
    static final String FLAPPER = "VF";
    private static final long SAMPLE_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final String NOT_DONE = "Reload refused|Reload failed|cannot be applied";

    record Sample(double seconds, double rssMb, double fds) {}

    record Result(List<Sample> samples, int reloads, int leftMaster, int flaps, long notifies,
                  String heap, String jvm, String load) {

        List<Double> window(double from, double to, ToDoubleFunction<Sample> what) {
            return samples.stream().filter(s -> s.seconds() >= from && s.seconds() < to)
                    .map(s -> what.applyAsDouble(s)).toList();
        }
    }

    @Test
    void soak() throws Exception {
        int seconds = Integer.getInteger("jk.bench.soakSeconds", 300);
        int reloads = Integer.getInteger("jk.bench.soakReloads", 200);
        double warm = seconds / 5.0;
        var sb = new StringBuilder();
        sb.append("### RSS and file descriptors of a busy daemon\n\n")
                .append("One node, ").append(INSTANCES).append(" VRRPv3 instances as MASTER at advert_int 0.01 (")
                .append(INSTANCES * 100).append(" adverts/s), each tracking its own `vrrp_script` (`exit 0`, interval 1,")
                .append(" weight 2) and with a `notify` script; a 21st instance tracks a script that fails every other")
                .append(" run (weight 0), so it flaps MASTER ↔ FAULT about once a second and its notify scripts run each")
                .append(" time (_notifies_: lines the notify scripts appended). ").append(seconds).append(" s (`-Djk.bench.soakSeconds`) with ")
                .append(reloads).append(" reloads spread evenly over the run (`-Djk.bench.soakReloads`), each changing")
                .append(" every priority (150 ↔ 151) and one VIP of VI_1, awaited until the daemon logs it done.")
                .append(" Every 5 s: RSS and open FDs (`/proc/PID/fd`) of the daemon's own processes (C: parent and")
                .append(" VRRP child; J: the JVM), not of the scripts they run. Warm-up is the first ")
                .append(fmt(warm)).append(" s; _after warm-up_ sums up the next ").append(fmt(warm))
                .append(" s, _end_ the last ").append(fmt(warm))
                .append(" s: for RSS the median (a trimming JVM's RSS swings between samples), for FDs the fewest (a sample can")
                .append(" catch scripts in flight with their pipes and pidfds open; a leak raises the floor); _max_ the largest sample after warm-up.")
                .append(" _left MASTER_: `Entering BACKUP`/`FAULT` lines of the 20 instances after they were all MASTER")
                .append(" (expected 0). _heap_: J's heap in use after a full GC (`jcmd PID GC.run`) at the end.")
                .append(" _load_: the machine's 1-minute load average at the start and the end. Below the table, for J:")
                .append(" its old generation (used of committed, `jstat -gc`), full collections and code cache in use")
                .append(" (`jcmd PID Compiler.codecache`) at the end of the warm-up → at the end, before that full GC; jcmd first attaches")
                .append(" before the first sample, so J's FDs include the attach listener's socket throughout.\n\n")
                .append("| impl | RSS after warm-up → end (MB) | growth | max | FDs after warm-up → end | growth | max")
                .append(" | reloads | left MASTER | flaps / notifies | heap | load | flat |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        var notes = new StringBuilder();
        for (var impl : BenchOutput.impls()) {
            try {
                var r = measure(impl, seconds, reloads);
                if (!r.jvm().isEmpty()) {
                    notes.append('\n').append(impl).append("'s JVM: ").append(r.jvm()).append(".\n");
                }
                double rss0 = BenchOutput.percentile(r.window(warm, 2 * warm, Sample::rssMb), 50);
                double rss1 = BenchOutput.percentile(r.window(seconds - warm, Double.MAX_VALUE, Sample::rssMb), 50);
                double fd0 = BenchOutput.percentile(r.window(warm, 2 * warm, Sample::fds), 0);
                double fd1 = BenchOutput.percentile(r.window(seconds - warm, Double.MAX_VALUE, Sample::fds), 0);
                double rssMax = BenchOutput.max(r.window(warm, Double.MAX_VALUE, Sample::rssMb));
                double fdMax = BenchOutput.max(r.window(warm, Double.MAX_VALUE, Sample::fds));
                boolean flat = rss1 - rss0 < 2 && fd1 - fd0 <= 0;
                sb.append(String.format(Locale.ROOT,
                        "| %s | %.1f → %.1f | %+.1f | %.1f | %.0f → %.0f | %+.0f | %.0f | %d | %d | %d / %d | %s | %s | %s |%n",
                        impl, rss0, rss1, rss1 - rss0, rssMax, fd0, fd1, fd1 - fd0, fdMax, r.reloads(), r.leftMaster(),
                        r.flaps(), r.notifies(), r.heap(), r.load(), flat ? "yes" : "**no**"));
            } catch (RuntimeException | AssertionError e) {
                sb.append("| ").append(impl).append(" | not measured: ").append(BenchOutput.reason(e))
                        .append(" | | | | | | | | | | | |\n");
            }
        }
        BenchOutput.write("soak-daemon", sb.append(notes).append('\n').toString());
    }

    private static String fmt(double s) {
        return String.format(Locale.ROOT, "%.0f", s);
    }

    /** The soak configuration; {@code variant} (0 or 1) flips every priority and VI_1's second VIP. */
    static KeepalivedConf config(Path dir, int variant) {
        var ok = dir.resolve("ok.sh");
        var notify = dir.resolve("notify.sh");
        var blocks = new ArrayList<String>();
        var instances = new ArrayList<VrrpInstanceConf>();
        for (int i = 1; i <= INSTANCES; i++) {
            blocks.add(trackScript("chk_" + i, ok, 2));
            instances.add(VrrpInstanceConf.v3("VI_" + i, i, 150 + variant, "0.01", "198.18.1." + i + "/32",
                    "198.18.2." + (i == 1 ? variant : 200 + i) + "/32")
                    .withExtra("track_script {", "    chk_" + i, "}", "notify \"" + notify + "\""));
        }
        blocks.add(trackScript("chk_flap", dir.resolve("flap.sh"), 0));
        instances.add(VrrpInstanceConf.v3(FLAPPER, 100, 150 + variant, "0.01", "198.18.3.1/32")
                .withExtra("track_script {", "    chk_flap", "}", "notify \"" + notify + "\"",
                        "notify_master \"" + notify + " master\"", "notify_fault \"" + notify + " fault\""));
        return new KeepalivedConf("node1", List.of("enable_script_security", "script_user root"), instances, blocks);
    }

    private static String trackScript(String name, Path script, int weight) {
        return """
                vrrp_script %s {
                    script "%s"
                    interval 1
                    timeout 2
                    weight %d
                    rise 1
                    fall 1
                }""".formatted(name, script, weight);
    }

    /** The scripts, in a directory script security accepts (not under the world-writable /tmp). */
    private static Path scripts() throws IOException {
        var dir = Files.createTempDirectory(Files.createDirectories(Impl.repoRoot().resolve("target")), "jk-h-dsk",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        script(dir.resolve("ok.sh"), "exit 0");
        script(dir.resolve("notify.sh"), "echo \"$*\" >> " + dir.resolve("notify.log"));
        var state = dir.resolve("flap.state");
        script(dir.resolve("flap.sh"), "if [ -e " + state + " ]; then rm -f " + state + "; exit 1; fi\n: > " + state);
        return dir;
    }

    private static void script(Path file, String body) throws IOException {
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static Result measure(Impl impl, int seconds, int reloads) throws Exception {
        var dir = scripts();
        try (var c = Cluster.create("jk-h-dsk", 1)) {
            String load0 = load();
            // -Djk.bench.soakJavaOpts replaces the launcher's JVM options (JKEEPALIVED_JAVA_OPTS), e.g. to
            // add -XX:NativeMemoryTracking=summary when looking for where memory goes
            // (by default the launcher's own, less the two that keep jcmd from attaching)
            var opts = System.getProperty("jk.bench.soakJavaOpts", Impl.attachableJavaOpts());
            c.start(0, impl, config(dir, 0), impl == Impl.J
                    ? java.util.Map.of("JKEEPALIVED_JAVA_OPTS", opts) : java.util.Map.of());
            Node n = c.node(0);
            for (int i = 1; i <= INSTANCES; i++) {
                n.awaitState(0, "VI_" + i, State.MASTER, Duration.ofSeconds(30));
            }
            if (impl == Impl.J) {
                // jcmd's first attach leaves a listening socket in the JVM for good: attach before the
                // first sample, so that the warm-up snapshot below does not add an FD to the count
                Jvm.of(n.pid());
            }
            int mark = n.log().mark();
            var samples = new ArrayList<Sample>();
            long t0 = System.nanoTime();
            long span = TimeUnit.SECONDS.toNanos(seconds);
            int done = 0;
            int sampled = 0;
            Optional<Jvm> jvmWarm = Optional.empty();
            // one clock drives both the reloads (evenly spread) and the samples (every 5 s)
            while (true) {
                long nextReload = done < reloads ? t0 + span * (done + 1) / (reloads + 1) : Long.MAX_VALUE;
                long nextSample = t0 + sampled * SAMPLE_NANOS;
                if (nextSample - t0 > span && nextReload == Long.MAX_VALUE) {
                    break;
                }
                long at = Math.min(nextReload, nextSample);
                long wait = at - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait); // a load generator's pacing, not an await
                }
                if (!n.alive()) {
                    throw new AssertionError("daemon exited:\n" + n.log().tail(20));
                }
                if (at == nextSample) {
                    samples.add(sample(n, (System.nanoTime() - t0) / 1e9));
                    sampled++;
                    if (impl == Impl.J && jvmWarm.isEmpty() && samples.getLast().seconds() >= seconds / 5.0) {
                        jvmWarm = Jvm.of(n.pid());
                    }
                } else {
                    reload(n, dir, ++done);
                }
            }
            int leftMaster = n.log().matching(mark, "\\(VI_\\d+\\) Entering (BACKUP|FAULT) STATE").size();
            int flaps = n.log().matching(mark, "\\(" + FLAPPER + "\\) Entering FAULT STATE").size();
            String jvm = jvmWarm.flatMap(w -> Jvm.of(n.pid()).map(e -> w.to(e))).orElse("");
            String heap = impl == Impl.J ? ReloadSoakBench.fullGc(n.pid()) : "";
            long notifies;
            try (var lines = Files.lines(dir.resolve("notify.log"))) {
                notifies = lines.count();
            }
            return new Result(samples, done, leftMaster, flaps, notifies, heap, jvm, load0 + " → " + load());
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void reload(Node n, Path dir, int r) {
        int m = n.log().mark();
        n.rewriteConfig(config(dir, r % 2).render());
        n.reload();
        var line = n.log().await(m, ReloadBench.doneLine(n.impl()) + "|" + NOT_DONE, Duration.ofSeconds(30));
        if (line.text().matches(".*(" + NOT_DONE + ").*")) {
            throw new AssertionError("reload " + r + " not applied: " + line.text());
        }
    }

    /** RSS and open FDs of the daemon's own processes: the main PID and its descendants running the same binary. */
    private static Sample sample(Node n, double at) {
        var root = ProcessHandle.of(n.pid()).orElseThrow(() -> new AssertionError("daemon gone"));
        var binary = root.info().command().orElse("");
        var pids = new ArrayList<Long>(List.of(root.pid()));
        root.descendants().filter(d -> d.info().command().orElse("").equals(binary)).forEach(d -> pids.add(d.pid()));
        double rss = pids.stream().mapToLong(ScaleBench::rssKb).sum() / 1024.0;
        long fds = 0;
        for (long pid : pids) {
            try (var list = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
                fds += list.count();
            } catch (IOException | UncheckedIOException e) {
                // exited between listing and reading: counts nothing
            }
        }
        return new Sample(at, rss, fds);
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    /** Where a JVM's resident memory can still grow without a leak: old generation and code cache (MB). */
    record Jvm(double oldUsed, double oldCommitted, long fullGcs, double code) {

        static Optional<Jvm> of(long pid) {
            String bin = System.getProperty("java.home") + "/bin/";
            try {
                var gc = run(bin + "jstat", "-gc", Long.toString(pid)).strip().split("\n");
                if (gc.length < 2) {
                    return Optional.empty();
                }
                var names = List.of(gc[0].strip().split("\\s+"));
                var values = gc[1].strip().split("\\s+");
                var code = java.util.regex.Pattern.compile("CodeCache: size=\\d+Kb used=(\\d+)Kb")
                        .matcher(run(bin + "jcmd", Long.toString(pid), "Compiler.codecache"));
                return Optional.of(new Jvm(Double.parseDouble(values[names.indexOf("OU")]) / 1024,
                        Double.parseDouble(values[names.indexOf("OC")]) / 1024,
                        Long.parseLong(values[names.indexOf("FGC")]),
                        code.find() ? Long.parseLong(code.group(1)) / 1024.0 : Double.NaN));
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }

        String to(Jvm end) {
            return String.format(Locale.ROOT,
                    "old generation %.1f of %.1f → %.1f of %.1f MB, full collections %d → %d, code cache %.1f → %.1f MB",
                    oldUsed, oldCommitted, end.oldUsed, end.oldCommitted, fullGcs, end.fullGcs, code, end.code);
        }

        private static String run(String... argv) throws IOException, InterruptedException {
            var p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            var out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            p.waitFor();
            return out;
        }
    }
}
