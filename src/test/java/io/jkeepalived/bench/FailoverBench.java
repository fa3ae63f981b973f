package io.jkeepalived.bench;

import static io.jkeepalived.bench.BenchOutput.max;
import static io.jkeepalived.bench.BenchOutput.ms;
import static io.jkeepalived.bench.BenchOutput.percentile;
import static io.jkeepalived.bench.BenchOutput.ratio;

import io.jkeepalived.testing.Cluster;
import io.jkeepalived.testing.Impl;
import io.jkeepalived.testing.KeepalivedConf;
import io.jkeepalived.testing.Lan;
import io.jkeepalived.testing.Node.State;
import io.jkeepalived.testing.Takeover;
import io.jkeepalived.testing.Takeover.Stop;
import io.jkeepalived.testing.VrrpInstanceConf;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Failover time, C keepalived and jkeepalived in one run: a pair (priority 150 master, 100 backup)
 * on one LAN; the master is stopped (kill -9 with its cable pulled, or SIGTERM) and the time from the
 * signal to the new master's first advert is read from tcpdump timestamps on the backup's switch
 * port. After each run the old master comes back and preempts. {@code -Djk.bench.runs=N} (default 5).
 */
@Tag("bench")
class FailoverBench {

    record Setup(String label, VrrpInstanceConf master, VrrpInstanceConf backup) {}

    private static final String VI = "VI_1";

    private static List<Setup> setups() {
        var v2 = VrrpInstanceConf.v2(VI, 51, 150, Lan.VIP4 + "/24");
        var v3a = VrrpInstanceConf.v3(VI, 51, 150, "0.1", Lan.VIP4 + "/24");
        var v3b = VrrpInstanceConf.v3(VI, 51, 150, "0.05", Lan.VIP4 + "/24");
        return List.of(new Setup("v2, advert_int 1", v2, v2.withPriority(100)),
                new Setup("v3, advert_int 0.1", v3a, v3a.withPriority(100)),
                new Setup("v3, advert_int 0.05", v3b, v3b.withPriority(100)));
    }

    @Test
    void failover() {
        int runs = Integer.getInteger("jk.bench.runs", 5);
        Map<String, Map<Impl, Object>> results = new LinkedHashMap<>();
        for (var setup : setups()) {
            for (var stop : Stop.values()) {
                var key = setup.label() + "|" + stop;
                var perImpl = new EnumMap<Impl, Object>(Impl.class);
                for (var impl : BenchOutput.impls()) {
                    try {
                        perImpl.put(impl, measure(impl, setup, stop, runs));
                    } catch (RuntimeException | AssertionError e) {
                        perImpl.put(impl, "not measured: " + BenchOutput.reason(e));
                    }
                }
                results.put(key, perImpl);
            }
        }
        BenchOutput.write("failover", table(results, runs));
    }

    /** One run: seconds from the signal, and from the old master's last advert, to the new master's first. */
    record Sample(double fromSignal, double silence) {}

    private static List<Sample> measure(Impl impl, Setup setup, Stop stop, int runs) {
        var samples = new ArrayList<Sample>();
        try (var c = Cluster.create("jk-h-bfo", 2)) {
            var conf0 = KeepalivedConf.of("node1", setup.master());
            c.start(0, impl, conf0);
            c.start(1, impl, KeepalivedConf.of("node2", setup.backup()));
            Takeover.awaitElected(c, 0, VI, Lan.VIP4, 2);
            for (int r = 0; r < runs; r++) {
                double timeout = setup.backup().masterDownSeconds() + 5;
                var m = Takeover.stopMaster(c, 0, 1, stop, VI, c.host(0).ipv4(), c.host(1).ipv4(), timeout);
                samples.add(new Sample(m.fromStopSeconds(), m.silenceSeconds()));
                // the old master returns and preempts, ready for the next run
                c.node(0).awaitExit(Duration.ofSeconds(10));
                c.lan().plugBack(c.host(0));
                int mark = c.node(1).log().mark();
                c.start(0, impl, conf0);
                c.node(0).awaitState(0, VI, State.MASTER, Takeover.STARTUP);
                c.node(1).awaitState(mark, VI, State.BACKUP, Duration.ofSeconds(10));
                c.lan().awaitSoleHolder(c.host(0), Lan.VIP4, Duration.ofSeconds(10));
            }
        }
        return samples;
    }

    private static String table(Map<String, Map<Impl, Object>> results, int runs) {
        var sb = new StringBuilder();
        sb.append("Time from the signal to the new master's first advert on the wire (tcpdump on the backup's")
                .append(" switch port), ").append(runs).append(" runs each. kill -9 also pulls the master's cable")
                .append(" (a crashed host). Protocol minimum: master_down_interval of the priority-100 backup")
                .append(" after kill -9 (the last advert may have left up to one advert_int before the kill), skew_time after")
                .append(" SIGTERM (priority 0). _signal_: from the kill/SIGTERM; _silence_: from the old master's")
                .append(" last advert (priority 0 after SIGTERM), the figure to compare with the protocol. Times in ms.\n\n")
                .append("| setup | stop | protocol | C signal median | C signal max | C silence median")
                .append(" | J signal median | J signal max | J silence median | J/C signal median |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (var e : results.entrySet()) {
            var parts = e.getKey().split("\\|");
            var setup = setups().stream().filter(s -> s.label().equals(parts[0])).findFirst().orElseThrow();
            var stop = Stop.valueOf(parts[1]);
            double protocol = stop == Stop.KILL9 ? setup.backup().masterDownSeconds() : setup.backup().skewSeconds();
            sb.append("| ").append(parts[0]).append(" | ").append(stop == Stop.KILL9 ? "kill -9" : "SIGTERM")
                    .append(" | ").append(ms(protocol));
            double cMed = Double.NaN;
            double jMed = Double.NaN;
            for (var impl : Impl.values()) {
                var v = e.getValue().get(impl);
                if (v instanceof List<?> list) {
                    var runs0 = list.stream().map(Sample.class::cast).toList();
                    var samples = runs0.stream().map(Sample::fromSignal).toList();
                    double med = percentile(samples, 50);
                    sb.append(" | ").append(ms(med)).append(" | ").append(ms(max(samples))).append(" | ")
                            .append(ms(percentile(runs0.stream().map(Sample::silence).toList(), 50)));
                    if (impl == Impl.C) {
                        cMed = med;
                    } else {
                        jMed = med;
                    }
                } else {
                    sb.append(" | ").append(v == null ? "not run" : v).append(" | – | –");
                }
            }
            sb.append(" | ").append(ratio(jMed, cMed)).append(" |\n");
        }
        return sb.toString();
    }
}
