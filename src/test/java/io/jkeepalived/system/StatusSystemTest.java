package io.jkeepalived.system;

import static io.jkeepalived.testing.Lan.VIP4;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jkeepalived.cli.Main;
import io.jkeepalived.testing.Cluster;
import io.jkeepalived.testing.Impl;
import io.jkeepalived.testing.KeepalivedConf;
import io.jkeepalived.testing.Node;
import io.jkeepalived.testing.Node.State;
import io.jkeepalived.testing.Takeover;
import io.jkeepalived.testing.VrrpInstanceConf;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code jkeepalived status} against two running daemons, through a failover. */
@Tag("system")
class StatusSystemTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void needsRoot() {
        assumeTrue(ProcessHandle.current().info().user().orElse("").equals("root"), "needs root");
        assumeTrue(Impl.J.available(), "jkeepalived not built");
    }

    record Reply(int exit, String out, String err) {
    }

    static Reply status(Node n, String... extra) {
        List<String> args = new ArrayList<>(List.of("status", "--control-socket", Impl.controlSocket(n.dir()).toString()));
        args.addAll(List.of(extra));
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int rc = Main.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Reply(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static JsonNode instance(Node n) throws Exception {
        Reply r = status(n, "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode doc = JSON.readTree(r.out());
        assertThat(doc.path("instances")).hasSize(1);
        return doc.path("instances").get(0);
    }

    @Test
    void statusShowsTheTrueStateThroughAFailover() throws Exception {
        try (var c = Cluster.create("jk-st", 2)) {
            var script = """
                    vrrp_script chk_ok {
                        script "/bin/true"
                        interval 1
                        weight 5
                    }""";
            var i0 = VrrpInstanceConf.v2("VI_1", 51, 150, VIP4 + "/24").withExtra("track_script {", "    chk_ok", "}");
            c.start(0, Impl.J, KeepalivedConf.of("node1", i0).withBlock(script));
            c.start(1, Impl.J, KeepalivedConf.of("node2", VrrpInstanceConf.v2("VI_1", 51, 100, VIP4 + "/24")));
            Takeover.awaitElected(c, 0, "VI_1", VIP4, 2);

            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Impl.controlSocket(c.node(0).dir()))))
                    .as("root only").isEqualTo("rw-------");
            JsonNode m = instance(c.node(0));
            assertThat(m.path("name").asText()).isEqualTo("VI_1");
            assertThat(m.path("state").asText()).isEqualTo("MASTER");
            assertThat(m.path("priority").asInt()).isEqualTo(150);
            assertThat(m.path("effective_priority").asInt()).isEqualTo(155);
            assertThat(m.path("master_address").asText()).isEqualTo(c.host(0).ipv4());
            assertThat(m.path("virtual_ipaddress").get(0).asText()).isEqualTo(VIP4);
            assertThat(m.path("trackers").get(0).path("name").asText()).isEqualTo("chk_ok");
            assertThat(m.path("trackers").get(0).path("result").asText()).isEqualTo("UP");
            assertThat(m.path("counters").path("adverts_sent").asLong()).isPositive();
            JsonNode chk = JSON.readTree(status(c.node(0), "--json").out()).path("vrrp_scripts").get(0);
            assertThat(chk.path("name").asText()).isEqualTo("chk_ok");
            assertThat(chk.path("runs").asLong()).as("the script's runs so far").isPositive();
            assertThat(chk.path("failures").asLong()).isZero();
            assertThat(chk.path("last_exit_code").asInt()).isZero();

            JsonNode b = instance(c.node(1));
            assertThat(b.path("state").asText()).isEqualTo("BACKUP");
            assertThat(b.path("master_address").asText()).isEqualTo(c.host(0).ipv4());
            assertThat(b.path("counters").path("adverts_received").asLong()).isPositive();
            // On a slow start node 2 may have been MASTER briefly before node 1 preempted it: count from here.
            long becameMasterBefore = b.path("counters").path("became_master").asLong();

            int mark = c.node(1).log().mark();
            c.crash(0);
            // Until node 2 has logged its takeover, status must say BACKUP; then MASTER at once.
            List<String> seen = new ArrayList<>();
            long deadline = System.nanoTime() + 15_000_000_000L;
            while (System.nanoTime() < deadline) {
                boolean loggedBefore = !c.node(1).log().matching(mark, "\\(VI_1\\) Entering MASTER STATE").isEmpty();
                String state = instance(c.node(1)).path("state").asText();
                seen.add(state);
                if (loggedBefore) {
                    assertThat(state).as("status after the takeover was logged").isEqualTo("MASTER");
                    break;
                }
                assertThat(state).isIn("BACKUP", "MASTER");
                c.node(1).log().awaitLine(c.node(1).log().mark(), l -> true, java.time.Duration.ofMillis(200));
            }
            assertThat(seen).as("polled states").startsWith("BACKUP").endsWith("MASTER");
            c.node(1).awaitState(mark, "VI_1", State.MASTER, java.time.Duration.ofSeconds(1));

            JsonNode now = instance(c.node(1));
            assertThat(now.path("master_address").asText()).isEqualTo(c.host(1).ipv4());
            JsonNode last = now.path("last_transitions").get(now.path("last_transitions").size() - 1);
            assertThat(last.path("from").asText()).isEqualTo("BACKUP");
            assertThat(last.path("to").asText()).isEqualTo("MASTER");
            assertThat(last.path("reason").asText()).isEqualTo("MASTER_DOWN_TIMER");
            assertThat(now.path("counters").path("became_master").asLong()).isEqualTo(becameMasterBefore + 1);
            c.lan().awaitVip(c.host(1), VIP4, true, java.time.Duration.ofSeconds(5)); // the crashed one keeps its copy

            Reply table = status(c.node(1));
            assertThat(table.exit()).isZero();
            assertThat(table.out()).containsPattern("VI_1\\s+MASTER\\s+100\\s+100\\s+" + c.host(1).ipv4().replace(".", "\\."))
                    .contains("BACKUP -> MASTER (MASTER_DOWN_TIMER)");

            // the crashed daemon's socket is left behind, and nobody answers on it
            Reply gone = status(c.node(0));
            assertThat(gone.exit()).isEqualTo(3);
            assertThat(gone.err()).contains("cannot reach a daemon");
        }
    }
}
