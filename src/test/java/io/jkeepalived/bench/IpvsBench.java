package io.jkeepalived.bench;

import io.jkeepalived.lvs.ipvs.IpvsGuest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The IPVS backend in the QEMU guest (software emulation: absolute times mean little, ratios
 * somewhat more) next to C keepalived 2.2.7 in the same guest run, on a config of 10 virtual
 * servers x 1,000 real servers without checkers (IpvsBenchDriver writes it).
 */
@Tag("bench")
class IpvsBench {

    @Test
    void tenThousandDestinations() throws Exception {
        IpvsGuest.assumeReady();
        String script = """
                set -u
                ms() { echo $(( $(date +%s%N) / 1000000 )); }
                $JAVA io.jkeepalived.lvs.ipvs.IpvsBenchDriver write /tmp/big.conf /tmp/big2.conf
                echo bench j_start_at_ms $(ms)
                $JAVA io.jkeepalived.lvs.ipvs.IpvsBenchDriver run /tmp/big.conf /tmp/big2.conf
                for i in 1 2 3; do
                  t0=$(ms); ipvsadm -Ln > /tmp/l.txt; echo bench ipvsadm_dump_ms $(( $(ms) - t0 ))
                done
                ipvsadm -C
                cp /tmp/big.conf /tmp/run.conf
                t0=$(ms)
                keepalived -n -l -D -f /tmp/run.conf -p /run/jk-k.pid -c /run/jk-c.pid -r /run/jk-v.pid > /tmp/ck.log 2>&1 &
                KP=$!
                while [ "$(grep -c -- '->' /proc/net/ip_vs)" -lt 10000 ]; do sleep 0.05; done
                echo bench c_start_ms $(( $(ms) - t0 ))
                sleep 1
                cp /tmp/big2.conf /tmp/run.conf
                t0=$(ms); kill -HUP $KP
                while [ "$(awk '$1=="->" && $4==7' /proc/net/ip_vs | wc -l)" -lt 1000 ]; do sleep 0.05; done
                echo bench c_reload_ms $(( $(ms) - t0 ))
                kill $KP; wait $KP
                """;
        String out = IpvsGuest.run(script, Duration.ofSeconds(400));
        Map<String, List<Double>> v = new HashMap<>();
        for (String line : out.split("\n")) {
            String[] w = line.strip().split("\\s+");
            if (w.length >= 3 && w[0].equals("bench")) v.computeIfAbsent(w[1], k -> new ArrayList<>()).add(Double.parseDouble(w[2]));
        }
        double jStart = v.get("programmed_at_ms").getFirst() - v.get("j_start_at_ms").getFirst();
        double cStart = v.get("c_start_ms").getFirst();
        double jDump = BenchOutput.percentile(v.get("dump_ms"), 50);
        double ipvsadm = BenchOutput.percentile(v.get("ipvsadm_dump_ms"), 50);
        double burst = BenchOutput.percentile(v.get("burst_ms"), 50);
        double jReload = v.get("reload_ms").getFirst();
        double cReload = v.get("c_reload_ms").getFirst();
        String md = String.format(Locale.ROOT, """
                QEMU guest under TCG (software emulation, src/test/vm/ipvs-vm), Debian's 6.1 kernel; one guest run
                holds both implementations. Config: 10 virtual servers x 1,000 real servers, no checkers (all up).
                Median of 3 where repeated; C times are polled every 50 ms from /proc/net/ip_vs.

                | Job | jkeepalived | C keepalived 2.2.7 | J ÷ C |
                |---|---|---|---|
                | Start until the kernel holds all 10,000 destinations (process start, config, programming) | %.0f ms | %.0f ms | %s |
                | Read back 10,000 destinations (J: `dump()`; C side: `ipvsadm -Ln`, which also formats them) | %.0f ms | %.0f ms | %s |
                | Reload changing 1,000 weights (J: load, plan, diff, apply in a warm JVM; C: SIGHUP until all show) | %.0f ms | %.0f ms | %s |
                | 1,000 destination edits in one `applyAll` (kernel part alone; %.0f `sendmsg` calls) | %.0f ms | – | – |

                J programs the 10,000-destination table in %.0f `sendmsg` calls (up to 256 acked requests each).
                J's start is dominated by the JVM starting and loading the config under emulation (C1 only,
                serial GC); the kernel part of the 1,000-change burst is the last row.
                """, jStart, cStart, BenchOutput.ratio(jStart / 1000, cStart / 1000), jDump, ipvsadm,
                BenchOutput.ratio(jDump, ipvsadm), jReload, cReload, BenchOutput.ratio(jReload, cReload),
                lastWord(out, "burst_ms"), burst, v.get("program_sendmsg").getFirst());
        BenchOutput.write("lvs-ipvs", md);
    }

    /** The sendmsg count printed at the end of the first {@code bench KEY ...} line. */
    private static double lastWord(String out, String key) {
        for (String line : out.split("\n")) {
            String[] w = line.strip().split("\\s+");
            if (w.length >= 3 && w[0].equals("bench") && w[1].equals(key)) return Double.parseDouble(w[w.length - 1]);
        }
        return Double.NaN;
    }
}
