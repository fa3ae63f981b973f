package io.jkeepalived.interop;

import static io.jkeepalived.testing.Lan.VIP4;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jkeepalived.testing.Cluster;
import io.jkeepalived.testing.Impl;
import io.jkeepalived.testing.KeepalivedConf;
import io.jkeepalived.testing.Node;
import io.jkeepalived.testing.Node.State;
import io.jkeepalived.testing.Signals;
import io.jkeepalived.testing.VrrpInstanceConf;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The same single node (MASTER after its down timer, tracking a succeeding weight-10 script) run
 * by C keepalived and by jkeepalived; each gets SIGUSR2, JSON (36), SIGUSR1, then STATS_CLEAR (63)
 * and SIGUSR2 again. The files must match: stats byte for byte (but the advert count, which
 * depends on the moment), JSON keys, order and values (but times and that count), and every line
 * our data dump writes must be one C writes in the same section.
 */
@Tag("system")
@Tag("interop")
class SignalDumpsInteropTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Depend on when the signal lands: adverts sent so far, transition and timer times. */
    private static final Set<String> MOMENT = Set.of("last_transition", "advert_sent");

    record Dumps(String stats, String json, String data, String clearedStats) {
    }

    @Test
    void dumpsMatchKeepalivedsFiles() throws Exception {
        assumeTrue(ProcessHandle.current().info().user().orElse("").equals("root"), "needs root");
        assumeTrue(Impl.C.available() && Impl.J.available(), "implementations not installed/built");
        Dumps c = scenario(Impl.C);
        Dumps j = scenario(Impl.J);

        assertThat(normalStats(j.stats())).isEqualTo(normalStats(c.stats()));
        assertThat(normalStats(j.clearedStats())).isEqualTo(normalStats(c.clearedStats()));
        assertThat(j.clearedStats()).contains("  Became master: 0\n");

        JsonNode cj = JSON.readTree(c.json()).get(0);
        JsonNode jj = JSON.readTree(j.json()).get(0);
        for (String part : List.of("data", "stats")) {
            assertThat(fields(jj.path(part)).keySet()).as(part + " keys in order")
                    .containsExactlyElementsOf(fields(cj.path(part)).keySet());
            fields(cj.path(part)).forEach((k, v) -> {
                if (!MOMENT.contains(k)) {
                    assertThat(jj.path(part).path(k)).as(part + "." + k).isEqualTo(v);
                }
            });
        }
        assertThat(j.json()).as("written compact with \\/ like keepalived").contains("\\/24 dev eth0");

        List<String> theirs = c.data().lines().toList();
        String section = "";
        int compared = 0;
        for (String line : j.data().lines().toList()) {
            if (line.startsWith("------<")) {
                section = line;
                continue;
            }
            if (line.contains("Last transition") || line.contains("Master down timer") || line.contains("Router ID")) {
                continue;
            }
            assertThat(section(theirs, section)).as(section).contains(line);
            compared++;
        }
        assertThat(compared).isGreaterThan(40);
    }

    private static String normalStats(String s) {
        return s.replaceFirst("(  Advertisements:\n    Received: \\d+\n    Sent: )\\d+", "$1N");
    }

    private static List<String> section(List<String> lines, String header) {
        int start = lines.indexOf(header);
        assertThat(start).as(header).isNotNegative();
        int end = start + 1;
        while (end < lines.size() && !lines.get(end).startsWith("------<")) {
            end++;
        }
        return lines.subList(start + 1, end);
    }

    private static Map<String, JsonNode> fields(JsonNode n) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        n.properties().forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private static Dumps scenario(Impl impl) throws Exception {
        try (var c = Cluster.create("jk-dmp", 1)) {
            var script = """
                    vrrp_script chk_ok {
                        script "/bin/true"
                        interval 1
                        weight 10
                    }""";
            var conf = KeepalivedConf.of("lbdump", VrrpInstanceConf.v2("VI_1", 51, 100, VIP4 + "/24")
                    .withExtra("track_script {", "    chk_ok", "}")).withBlock(script);
            Node n = c.start(0, impl, conf);
            n.awaitState(0, "VI_1", State.MASTER, Duration.ofSeconds(30));
            // the script's first verdict raises the priority to 110; wait for it to show in a dump
            String json = "";
            for (int i = 0; i < 20 && !json.contains("\"effective_priority\":110"); i++) {
                json = dump(n, "36", "keepalived.json");
            }
            String stats = dump(n, "USR2", "keepalived.stats");
            String data = dump(n, "USR1", "keepalived.data");
            Signals.send(n.pid(), "63");
            // C's parent forwards each signal to its VRRP child on its own: USR2 may overtake 63
            String cleared = dump(n, "USR2", "keepalived.stats");
            for (int i = 0; i < 20 && !cleared.contains("  Became master: 0\n"); i++) {
                cleared = dump(n, "USR2", "keepalived.stats");
            }
            return new Dumps(stats, json, data, cleared);
        }
    }

    /** Sends the signal and returns the file it makes, waiting for it to be (re)written. */
    private static String dump(Node n, String signal, String file) throws IOException, InterruptedException {
        Path p = n.dir().resolve(file);
        Files.deleteIfExists(p);
        try (WatchService ws = FileSystems.getDefault().newWatchService()) {
            n.dir().register(ws, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            Signals.send(n.pid(), signal);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            String previous = "";
            while (System.nanoTime() < deadline) {
                String text = Files.exists(p) ? Files.readString(p) : "";
                // C writes the file in place: take it once it is unchanged over one poll
                if (!text.isEmpty() && text.equals(previous)) {
                    return text;
                }
                previous = text;
                var key = ws.poll(100, TimeUnit.MILLISECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
            }
            throw new AssertionError(n + ": no " + file + " after SIG" + signal);
        }
    }
}
