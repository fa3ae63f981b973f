package io.jkeepalived.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jkeepalived.testing.Impl;
import io.jkeepalived.testing.Lan;
import io.jkeepalived.testing.Node;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The health checker in the daemon, against real HTTP servers (python3 -m http.server) each in its
 * own namespace on a LAN: a killed real server leaves the desired table within the detection
 * bound, comes back when restarted; losing quorum brings the sorry server in; a reload that keeps
 * the virtual server keeps its state and costs no table operation. Every step is read from
 * {@code jkeepalived status --json}, as a user would.
 */
@Tag("system")
class HealthCheckSystemTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PYTHON = "/usr/bin/python3";
    /** delay_loop 1, connect_timeout 1, retry 1, delay_before_retry 1. */
    private static final Duration BOUND = Duration.ofSeconds(1 + 1 + 1 * (1 + 1));
    /** Status polling (50 ms), snapshot publication and scheduling jitter. */
    private static final Duration TOLERANCE = Duration.ofMillis(1000);

    @BeforeEach
    void needsRoot() {
        assumeTrue(ProcessHandle.current().info().user().orElse("").equals("root"), "needs root");
        assumeTrue(Impl.J.available(), "jkeepalived not built");
        assumeTrue(Files.isExecutable(Path.of(PYTHON)), "needs python3 for the real servers");
    }

    static String config(String routerId) {
        StringBuilder b = new StringBuilder("global_defs {\n  router_id " + routerId + "\n}\n");
        b.append("""
                virtual_server 198.18.0.100 80 {
                  delay_loop 1
                  lb_algo rr
                  lb_kind NAT
                  protocol TCP
                  quorum 2
                  sorry_server 198.18.0.5 80
                """);
        for (int i = 2; i <= 4; i++) {
            b.append("  real_server 198.18.0.").append(i).append(" 80 {\n    weight 1\n")
                    .append("    HTTP_GET {\n      url {\n        path /\n        status_code 200\n      }\n")
                    .append("      connect_timeout 1\n      retry 1\n      delay_before_retry 1\n    }\n  }\n");
        }
        return b.append("}\n").toString();
    }

    /** The real HTTP servers, started and killed by PID. */
    private static final class RealServers {
        private final Lan lan;
        private final Map<Integer, Process> running = new HashMap<>();

        RealServers(Lan lan) {
            this.lan = lan;
        }

        /** Starts the server of node {@code i} and waits until it accepts connections. */
        void start(int i) throws Exception {
            Lan.Host h = lan.node(i);
            running.put(i, h.ns().spawn(ProcessBuilder.Redirect.DISCARD, PYTHON, "-m", "http.server", "--bind",
                    h.ipv4(), "80"));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!h.ns().execResult("bash", "-c", "exec 3<>/dev/tcp/" + h.ipv4() + "/80").ok()) {
                assertThat(System.nanoTime()).as("real server %s listening", h.ipv4()).isLessThan(deadline);
                Thread.sleep(50);
            }
        }

        void kill(int i) throws Exception {
            Process p = running.remove(i);
            p.destroy();
            assertThat(p.waitFor(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    static JsonNode status(Node n) throws Exception {
        StatusSystemTest.Reply r = StatusSystemTest.status(n, "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        return JSON.readTree(r.out());
    }

    static JsonNode vs(JsonNode doc) {
        assertThat(doc.path("virtual_servers")).hasSize(1);
        return doc.path("virtual_servers").get(0);
    }

    static JsonNode real(JsonNode doc, String address) {
        for (JsonNode r : vs(doc).path("real_servers")) {
            if (r.path("address").asText().equals(address)) return r;
        }
        throw new AssertionError("no real server " + address + " in " + doc);
    }

    static List<String> table(JsonNode doc) {
        List<String> out = new ArrayList<>();
        for (JsonNode s : doc.path("lvs_table")) {
            for (JsonNode d : s.path("destinations")) {
                out.add(d.path("address").asText() + ":" + d.path("port").asInt() + "/" + d.path("weight").asLong());
            }
        }
        return out;
    }

    /** Polls status until {@code done} holds; returns the document and how long it took. */
    record Seen(JsonNode doc, Duration after) {}

    static Seen await(Node n, String what, Duration timeout, Predicate<JsonNode> done) throws Exception {
        long start = System.nanoTime();
        JsonNode doc = status(n);
        while (!done.test(doc)) {
            if (System.nanoTime() - start > timeout.toNanos()) {
                throw new AssertionError(what + " not seen within " + timeout.toMillis() + " ms; status:\n"
                        + doc.toPrettyString() + "\n" + n.log().tail(40));
            }
            Thread.sleep(50);
            doc = status(n);
        }
        return new Seen(doc, Duration.ofNanos(System.nanoTime() - start));
    }

    @Test
    void killedRealServersLeaveTheTableAndTheSorryServerComesInOnQuorumLoss() throws Exception {
        try (Lan lan = Lan.create("jk-hc", 5)) {
            RealServers rs = new RealServers(lan);
            for (int i = 1; i <= 3; i++) rs.start(i);
            Path dir = Files.createTempDirectory("jk-hc");
            try (Node lb = Node.startWithChecker(Impl.J, "lb", lan.node(0).ns(), config("hc1"), dir)) {
                lb.log().await(0, "Health checker started: 1 virtual server\\(s\\), 3 checker\\(s\\)",
                        Duration.ofSeconds(20));
                JsonNode doc = await(lb, "three live real servers", Duration.ofSeconds(10), d -> table(d).size() == 3
                        && vs(d).path("real_servers").findValues("last_result").stream()
                                .allMatch(r -> r.asText().equals("UP"))).doc();
                assertThat(table(doc)).containsExactlyInAnyOrder("198.18.0.2:80/1", "198.18.0.3:80/1", "198.18.0.4:80/1");
                assertThat(vs(doc).path("quorum_up").asBoolean()).isTrue();
                assertThat(doc.path("checker").path("stalled").asBoolean()).isFalse();

                // one real server dies: it leaves within the detection bound, quorum holds
                long killedAt = System.nanoTime();
                rs.kill(1);
                Seen gone = await(lb, "198.18.0.2 removed", BOUND.plus(TOLERANCE).plusSeconds(5),
                        d -> !real(d, "198.18.0.2").path("alive").asBoolean());
                Duration detected = Duration.ofNanos(System.nanoTime() - killedAt);
                assertThat(detected).as("detection time").isLessThanOrEqualTo(BOUND.plus(TOLERANCE));
                JsonNode dead = real(gone.doc(), "198.18.0.2");
                assertThat(dead.path("in_table").asBoolean()).isFalse();
                assertThat(dead.path("checkers").get(0).path("reason").asText()).isEqualTo("REFUSED");
                assertThat(table(gone.doc())).containsExactlyInAnyOrder("198.18.0.3:80/1", "198.18.0.4:80/1");
                assertThat(vs(gone.doc()).path("quorum_up").asBoolean()).isTrue();
                System.out.println("HealthCheckSystemTest: removal detected after " + detected.toMillis()
                        + " ms (bound " + BOUND.toMillis() + " ms)");

                // it comes back
                long restartedAt = System.nanoTime();
                rs.start(1);
                await(lb, "198.18.0.2 back", BOUND.plus(TOLERANCE), d -> table(d).size() == 3);
                System.out.println("HealthCheckSystemTest: return detected after "
                        + Duration.ofNanos(System.nanoTime() - restartedAt).toMillis() + " ms");

                // two die: alive weight 1 < quorum 2, the sorry server replaces the survivor
                rs.kill(1);
                rs.kill(2);
                Seen lost = await(lb, "quorum lost", BOUND.plus(TOLERANCE).plusSeconds(5),
                        d -> !vs(d).path("quorum_up").asBoolean());
                assertThat(vs(lost.doc()).path("sorry_server_active").asBoolean()).isTrue();
                assertThat(table(lost.doc())).containsExactly("198.18.0.5:80/1");
                assertThat(real(lost.doc(), "198.18.0.4").path("alive").asBoolean()).isTrue();
                assertThat(lb.log().matching(0, "quorum of \\[198.18.0.100\\]:tcp:80 DOWN")).isNotEmpty();

                // a reload that keeps the virtual server keeps its state: no table operation, sorry server kept
                JsonNode before = status(lb);
                int mark = lb.log().mark();
                lb.rewriteConfig(config("hc2"));
                lb.reload();
                lb.log().await(mark, "Health checker reloaded: 1 virtual server\\(s\\), 3 checker\\(s\\), 0 table operation",
                        Duration.ofSeconds(10));
                JsonNode after = status(lb);
                assertThat(after.path("router_id").asText()).isEqualTo("hc2");
                assertThat(table(after)).containsExactly("198.18.0.5:80/1");
                assertThat(after.path("checker").path("table_operations").asLong())
                        .isEqualTo(before.path("checker").path("table_operations").asLong());
                assertThat(real(after, "198.18.0.2").path("last_change").asText())
                        .isEqualTo(real(before, "198.18.0.2").path("last_change").asText());
                assertThat(vs(after).path("last_change").asText()).isEqualTo(vs(before).path("last_change").asText());

                // they come back: quorum regained, the sorry server leaves
                rs.start(1);
                rs.start(2);
                Seen regained = await(lb, "quorum regained", BOUND.plus(TOLERANCE).plusSeconds(5),
                        d -> vs(d).path("quorum_up").asBoolean() && table(d).size() == 3);
                assertThat(table(regained.doc())).doesNotContain("198.18.0.5:80/1");

                // SIGUSR1: the checker's data dump beside keepalived.data
                io.jkeepalived.testing.Signals.send(lb.pid(), "USR1");
                Path dump = dir.resolve("keepalived_check.data");
                long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                while (!Files.exists(dump) && System.nanoTime() < until) Thread.sleep(50);
                assertThat(Files.readString(dump)).contains(" VS = [198.18.0.100]:tcp:80")
                        .contains("RS = [198.18.0.2]:80").contains("Quorum state = UP");
                lb.terminate();
                assertThat(lb.awaitExit(Duration.ofSeconds(15))).contains(0);
                assertThat(lb.log().matching(0, "Health checker stopped")).isNotEmpty();
            }
        }
    }
}
