package io.jkeepalived.bench;

import static io.jkeepalived.bench.BenchOutput.max;
import static io.jkeepalived.bench.BenchOutput.ms;
import static io.jkeepalived.bench.BenchOutput.percentile;
import static io.jkeepalived.bench.BenchOutput.ratio;

import io.jkeepalived.testing.Capture;
import io.jkeepalived.testing.Cluster;
import io.jkeepalived.testing.Impl;
import io.jkeepalived.testing.KeepalivedConf;
import io.jkeepalived.testing.Node;
import io.jkeepalived.testing.Node.State;
import io.jkeepalived.testing.Takeover;
import io.jkeepalived.testing.VrrpInstanceConf;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * SIGHUP on a master: a master (priority 150) and a backup (100) with N VRRPv3 instances each
 * (advert_int 1), the master reloaded {@code -Djk.bench.runs} times (default 5) with its config
 * unchanged, then as often with one more VIP on VI_1 each time. Reports the time from the signal to
 * the line each daemon logs when the reload is done, the largest gap between one instance's
 * consecutive adverts around it, and state changes on either node (expected: none).
 */
@Tag("bench")
class ReloadBench {

    record Sample(double reloadSeconds, double gapSeconds, int stateChanges) {}

    /** The line that ends a reload: C 2.2.7's VRRP child logs it; ours is ReloadApplier's verdict. */
    static String doneLine(Impl impl) {
        return switch (impl) {
            case C -> "Reload complete";
            case J -> "Reload: (configuration unchanged|applied)";
        };
    }

    /** Our reload outcomes that mean nothing was applied: the bench must not time those. */
    private static final String NOT_DONE = "Reload refused|Reload failed|cannot be applied";

    @Test
    void reload() throws InterruptedException {
        int runs = Integer.getInteger("jk.bench.runs", 5);
        var sb = new StringBuilder();
        sb.append("### Reload on a master\n\n");
        sb.append("A master (priority 150) and a backup (100), N VRRPv3 instances each (advert_int 1, one VIP each);")
                .append(" the master gets SIGHUP ").append(runs).append(" times with its config unchanged, then ")
                .append(runs).append(" times with one more VIP on one instance each time (the backup is reloaded")
                .append(" with the same list once the master's reload is done; not timed), then as often with the")
                .append(" priority of every instance one higher (applied in place: no election). _reload_: from sending")
                .append(" SIGHUP (includes spawning kill(1)) until the daemon logs the reload as done (C: `Reload")
                .append(" complete`; J: `Reload: configuration unchanged` / `Reload: applied`), stamped when the")
                .append(" bench reads the line (C logs whole seconds only). _gap_: the largest interval between one")
                .append(" instance's consecutive adverts from the master (tcpdump on its switch port) from 1 s before")
                .append(" each SIGHUP to 2.5 s after the reload, over all runs and instances (nominal 1000).")
                .append(" _changes_: state changes on either node over all runs (expected 0; a takeover")
                .append(" and the return count as two). Times in ms.\n\n")
                .append("| instances | config | impl | reload median | reload max | gap max | changes")
                .append(" | J/C reload median | J/C gap max |\n|---|---|---|---|---|---|---|---|---|\n");
        for (int n : new int[] {1, 100}) {
            var c = new ArrayList<List<Sample>>();
            var j = new ArrayList<List<Sample>>();
            for (var impl : BenchOutput.impls()) {
                try {
                    var r = measure(impl, n, runs);
                    (impl == Impl.C ? c : j).addAll(r);
                } catch (RuntimeException | AssertionError e) {
                    sb.append("| ").append(n).append(" | both | ").append(impl).append(" | not measured: ")
                            .append(BenchOutput.reason(e)).append(" | | | | | |\n");
                }
            }
            for (int k = 0; k < 3; k++) {
                var label = switch (k) {
                    case 0 -> "unchanged";
                    case 1 -> "+1 VIP";
                    default -> "priority +1, all";
                };
                var cs = c.isEmpty() ? List.<Sample>of() : c.get(k);
                var js = j.isEmpty() ? List.<Sample>of() : j.get(k);
                row(sb, n, label, Impl.C, cs, List.of());
                row(sb, n, label, Impl.J, js, cs);
            }
        }
        BenchOutput.write("daytwo-reload", sb.append('\n').toString());
    }

    private static void row(StringBuilder sb, int n, String label, Impl impl, List<Sample> s, List<Sample> c) {
        if (s.isEmpty()) {
            return;
        }
        var reload = s.stream().map(Sample::reloadSeconds).toList();
        double gap = max(s.stream().map(Sample::gapSeconds).toList());
        double cMed = percentile(c.stream().map(Sample::reloadSeconds).toList(), 50);
        double cGap = max(c.stream().map(Sample::gapSeconds).toList());
        sb.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %s | %s | %d | %s | %s |%n", n, label, impl,
                ms(percentile(reload, 50)), ms(max(reload)), ms(gap),
                s.stream().mapToInt(Sample::stateChanges).sum(),
                impl == Impl.J ? ratio(percentile(reload, 50), cMed) : "", impl == Impl.J ? ratio(gap, cGap) : ""));
    }

    static VrrpInstanceConf instance(int i, int priority, List<String> extraVips) {
        var vips = new ArrayList<String>();
        vips.add("198.18.1." + i + "/32");
        vips.addAll(extraVips);
        return VrrpInstanceConf.v3("VI_" + i, i, priority, "1", vips.toArray(String[]::new));
    }

    /** N instances; VI_1 also holds 198.18.2.1 … 198.18.2.{added}. */
    static KeepalivedConf config(String routerId, int n, int priority, int added) {
        var extra = IntStream.rangeClosed(1, added).mapToObj(k -> "198.18.2." + k + "/32").toList();
        return KeepalivedConf.of(routerId, IntStream.rangeClosed(1, n)
                .mapToObj(i -> instance(i, priority, i == 1 ? extra : List.of())).toArray(VrrpInstanceConf[]::new));
    }

    /** Three lists of samples: unchanged config, one VIP added per reload, every priority raised by one per reload. */
    private static List<List<Sample>> measure(Impl impl, int n, int runs) throws InterruptedException {
        try (var c = Cluster.create("jk-h-brl", 2)) {
            // the master first, so every instance is MASTER before the backup listens: no start-up election
            c.start(0, impl, config("node1", n, 150, 0));
            awaitAll(c.node(0), n, State.MASTER);
            c.start(1, impl, config("node2", n, 100, 0));
            awaitAll(c.node(1), n, State.BACKUP);
            c.lan().awaitSoleHolder(c.host(0), "198.18.1." + n, Takeover.STARTUP);
            try (var wire = Capture.lines(c.lan().hub(), c.host(0).port(), Capture.VRRP)) {
                var unchanged = new ArrayList<Sample>();
                var added = new ArrayList<Sample>();
                for (int r = 0; r < runs; r++) {
                    unchanged.add(once(c, impl, n, wire, 0));
                }
                for (int r = 1; r <= runs; r++) {
                    c.node(0).rewriteConfig(config("node1", n, 150, r).render());
                    added.add(once(c, impl, n, wire, r));
                }
                var raised = new ArrayList<Sample>();
                for (int r = 1; r <= runs; r++) {
                    c.node(0).rewriteConfig(config("node1", n, 150 + r, runs).render());
                    raised.add(once(c, impl, n, wire, 0));
                }
                return List.of(unchanged, added, raised);
            }
        }
    }

    /**
     * One SIGHUP of the master; {@code vips} > 0: VIP 198.18.2.{vips} must be on it afterwards, and the
     * backup is then reloaded with the same list (not timed).
     */
    private static Sample once(Cluster c, Impl impl, int n, Capture wire, int vips) throws InterruptedException {
        int mark = wire.mark();
        int m0 = c.node(0).log().mark();
        int m1 = c.node(1).log().mark();
        Thread.sleep(1000); // adverts from before the signal, so a gap that starts at it is seen whole
        long sent = System.nanoTime();
        c.node(0).reload();
        var done = c.node(0).log().await(m0, doneLine(impl) + "|" + NOT_DONE, Duration.ofSeconds(60));
        if (done.text().matches(".*(" + NOT_DONE + ").*")) {
            throw new AssertionError("reload not applied: " + done.text());
        }
        double reload = (done.readNanos() - sent) / 1e9;
        if (vips > 0) {
            c.lan().awaitVip(c.host(0), "198.18.2." + vips, true, Duration.ofSeconds(5));
            // as an operator would, the backup gets the same list at once: both implementations drop
            // adverts whose address list differs from their own, and would take over after 3 intervals
            c.node(1).rewriteConfig(config("node2", n, 100, vips).render());
            int b = c.node(1).log().mark();
            c.node(1).reload();
            c.node(1).log().await(b, doneLine(impl), Duration.ofSeconds(60));
        }
        Thread.sleep(2500); // at least two more adverts per instance after the reload
        var byVrid = wire.adverts(mark).stream().filter(a -> a.source().equals(c.host(0).ipv4()))
                .collect(Collectors.groupingBy(Capture.Advert::vrid));
        if (byVrid.size() != n) {
            throw new AssertionError("adverts from only " + byVrid.size() + " of " + n + " instances around a reload");
        }
        double gap = 0;
        for (var adverts : byVrid.values()) {
            for (int i = 1; i < adverts.size(); i++) {
                gap = Math.max(gap, adverts.get(i).time() - adverts.get(i - 1).time());
            }
        }
        int changes = c.node(0).log().matching(m0, "Entering (MASTER|BACKUP|FAULT) STATE").size()
                + c.node(1).log().matching(m1, "Entering (MASTER|BACKUP|FAULT) STATE").size();
        return new Sample(reload, gap, changes);
    }

    /** Waits until every VI_1 … VI_n last logged {@code state}. */
    static void awaitAll(Node node, int n, State state) {
        for (int i = 1; i <= n; i++) {
            node.awaitState(0, "VI_" + i, state, Takeover.STARTUP);
            node.awaitLastState("VI_" + i, state, Duration.ofSeconds(10));
        }
    }
}
