package io.jkeepalived.system;

import static io.jkeepalived.testing.Lan.VIP4;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jkeepalived.testing.AdvertForger;
import io.jkeepalived.testing.Cluster;
import io.jkeepalived.testing.Impl;
import io.jkeepalived.testing.KeepalivedConf;
import io.jkeepalived.testing.LineLog;
import io.jkeepalived.testing.Node;
import io.jkeepalived.testing.Node.State;
import io.jkeepalived.testing.Takeover;
import io.jkeepalived.testing.VrrpInstanceConf;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An attacker host on the LAN (the fixture's client namespace) against a running jkeepalived:
 * forged packets are counted by reason where an operator looks, a flood does not flood the log, and
 * idle clients cannot hold the control socket or /metrics.
 */
@Tag("system")
class HostileLanSystemTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String METRICS = "198.18.0.1:9650";

    @BeforeEach
    void needsRoot() {
        assumeTrue(ProcessHandle.current().info().user().orElse("").equals("root"), "needs root");
        assumeTrue(Impl.J.available(), "jkeepalived not built");
    }

    private static KeepalivedConf master(String routerId) {
        return KeepalivedConf.of(routerId, VrrpInstanceConf.v2("VI_1", 51, 150, VIP4 + "/24"))
                .withGlobal("metrics_listen 198.18.0.1 9650");
    }

    private static JsonNode status(Node n) throws Exception {
        var r = StatusSystemTest.status(n, "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        return JSON.readTree(r.out());
    }

    /** GET /metrics from the client namespace, as a scraper on the LAN would. */
    private static String scrape(Cluster c) throws Exception {
        SocketChannel ch = c.lan().client().ns().run(() -> SocketChannel.open(new InetSocketAddress("198.18.0.1", 9650)));
        try (ch) {
            ch.write(ByteBuffer.wrap("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
            var text = new String(java.nio.channels.Channels.newInputStream(ch).readAllBytes(), StandardCharsets.UTF_8);
            assertThat(text).startsWith("HTTP/1.1 200");
            return text;
        }
    }

    private static long sample(String metrics, String series) {
        return metrics.lines().filter(l -> l.startsWith(series + " ")).map(l -> Long.parseLong(l.substring(series.length() + 1)))
                .findFirst().orElseThrow(() -> new AssertionError("no " + series + " in\n" + metrics));
    }

    /** Polls status (no event to wait on) until {@code done} holds or the timeout passes; returns the last document. */
    private static JsonNode awaitStatus(Node n, Predicate<JsonNode> done, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode doc = status(n);
        while (!done.test(doc) && System.nanoTime() < deadline) {
            n.log().awaitLine(n.log().mark(), l -> true, Duration.ofMillis(100));
            doc = status(n);
        }
        return doc;
    }

    @Test
    void forgedPacketsAreCountedByReasonInStatusAndMetrics() throws Exception {
        try (var c = Cluster.create("jk-hl", 1)) {
            Node n = c.start(0, Impl.J, master("node1"));
            n.awaitState(0, "VI_1", State.MASTER, Duration.ofSeconds(10));
            try (var attacker = AdvertForger.on(c.lan().client())) {
                attacker.send(attacker.truncated(51), 70, 500);
                attacker.send(attacker.advert(99, 200, VIP4), 300, 500);   // a VRID nobody here runs
                attacker.send(attacker.badChecksum(99, 200, VIP4), 20, 500); // unknown VRID wins over the checksum
                attacker.send(attacker.badChecksum(51, 200, VIP4), 40, 500); // ours: the instance counts it
            }
            JsonNode doc = awaitStatus(n, d -> eth0(d).path("rejected_total").asLong() >= 390
                    && instanceRejected(d, "BAD_CHECKSUM") >= 40, Duration.ofSeconds(10));
            JsonNode eth0 = eth0(doc);
            assertThat(eth0.path("rejected").path("TOO_SHORT").asLong()).isEqualTo(70);
            assertThat(eth0.path("rejected").path("UNKNOWN_VRID").asLong()).isEqualTo(320);
            assertThat(eth0.path("rejected_total").asLong()).isEqualTo(390);
            assertThat(instanceRejected(doc, "BAD_CHECKSUM")).isEqualTo(40);
            assertThat(doc.path("instances").get(0).path("state").asText()).as("a forged higher priority did nothing")
                    .isEqualTo("MASTER");

            String metrics = scrape(c);
            assertThat(sample(metrics, "jkeepalived_vrrp_interface_rejected_total{interface=\"eth0\",family=\"inet\",reason=\"TOO_SHORT\"}"))
                    .isEqualTo(70);
            assertThat(sample(metrics, "jkeepalived_vrrp_interface_rejected_total{interface=\"eth0\",family=\"inet\",reason=\"UNKNOWN_VRID\"}"))
                    .isEqualTo(320);
            assertThat(sample(metrics, "jkeepalived_vrrp_adverts_rejected_total{vrrp_instance=\"VI_1\",interface=\"eth0\",vrid=\"51\",reason=\"BAD_CHECKSUM\"}"))
                    .isEqualTo(40);
            var table = StatusSystemTest.status(n);
            assertThat(table.out()).contains("interface eth0 inet: dropped before reaching an instance 390")
                    .contains("  rejected TOO_SHORT: 70").contains("  rejected UNKNOWN_VRID: 320");
        }
    }

    private static JsonNode eth0(JsonNode doc) {
        for (JsonNode i : doc.path("interfaces")) {
            if (i.path("interface").asText().equals("eth0") && i.path("family").asText().equals("inet")) {
                return i;
            }
        }
        return JSON.createObjectNode();
    }

    private static long instanceRejected(JsonNode doc, String reason) {
        return doc.path("instances").get(0).path("counters").path("rejected").path(reason).asLong();
    }

    @Test
    void aFloodOfLowerPriorityAdvertsIsCountedButBarelyLogged() throws Exception {
        try (var c = Cluster.create("jk-hf", 2)) {
            c.start(0, Impl.J, master("node1"));
            c.start(1, Impl.J, KeepalivedConf.of("node2", VrrpInstanceConf.v2("VI_1", 51, 100, VIP4 + "/24")));
            Takeover.awaitElected(c, 0, "VI_1", VIP4, 2);
            c.node(1).awaitLastState("VI_1", State.BACKUP, Duration.ofSeconds(10));
            long receivedBefore = status(c.node(1)).path("instances").get(0).path("counters").path("adverts_received").asLong();
            int[] marks = {c.node(0).log().mark(), c.node(1).log().mark()};
            try (var attacker = AdvertForger.on(c.lan().client())) {
                attacker.send(attacker.advert(51, 50, VIP4), 5000, 1000); // 1,000 pps for 5 s
            }
            for (int k = 0; k < 2; k++) {
                Node n = c.node(k);
                // the window that suppressed lines ends at most 5 s after its first line, and says so
                var summary = n.log().await(marks[k], "\\(VI_1\\) \\d+ similar lines? suppressed in the last 5 s: lower-priority adverts$",
                        Duration.ofSeconds(10));
                assertThat(summary.text()).as(n + " summary").isNotEmpty();
                List<LineLog.Line> lines = n.log().lines().subList(marks[k], n.log().mark());
                Map<String, Integer> perSecond = new LinkedHashMap<>();
                for (LineLog.Line l : lines) {
                    int colon = l.text().indexOf(": ");
                    perSecond.merge(colon > 0 ? l.text().substring(0, colon) : "?", 1, Integer::sum);
                }
                assertThat(perSecond.values()).as(n + " log lines per second during the flood: " + perSecond
                                + "; the lines: " + lines.stream().map(LineLog.Line::text).toList())
                        // a flood unthrottled would be ~1,000 a second; the second that closes the 5 s window
                        // can also hold the master's delayed gratuitous ARP burst (vrrp_garp_master_delay, one
                        // line per ARP as keepalived prints them) beside the summaries: up to 15 seen
                        .allMatch(count -> count < 25);
                assertThat(lines.stream().filter(l -> l.text().contains("lower priority")).count())
                        .as(n + " lower-priority lines for 5,000 adverts").isLessThanOrEqualTo(12);
                assertThat(n.lastStateIs("VI_1", k == 0 ? State.MASTER : State.BACKUP)).isTrue();
            }
            long received = status(c.node(1)).path("instances").get(0).path("counters").path("adverts_received").asLong();
            assertThat(received - receivedBefore).as("the backup counted every forged advert").isGreaterThanOrEqualTo(5000);
        }
    }

    @Test
    void idleClientsAreClosedAndCannotLockOutStatus() throws Exception {
        try (var c = Cluster.create("jk-hi", 1)) {
            Node n = c.start(0, Impl.J, master("node1"));
            n.awaitState(0, "VI_1", State.MASTER, Duration.ofSeconds(10));
            Path sock = Impl.controlSocket(n.dir());
            StatusSystemTest.status(n, "--json");
            scrape(c); // both endpoints are up

            // one idle client on each endpoint: both closed after 10 s
            SocketChannel idleControl = SocketChannel.open(UnixDomainSocketAddress.of(sock));
            SocketChannel idleMetrics = c.lan().client().ns().run(() -> SocketChannel.open(new InetSocketAddress("198.18.0.1", 9650)));
            var control = closedAfter(idleControl);
            var metrics = closedAfter(idleMetrics);
            assertThat(control.get(20, TimeUnit.SECONDS)).as("idle control client closed after")
                    .isBetween(Duration.ofSeconds(9), Duration.ofSeconds(12));
            assertThat(metrics.get(20, TimeUnit.SECONDS)).as("idle /metrics client closed after")
                    .isBetween(Duration.ofSeconds(9), Duration.ofSeconds(12));

            long fdsBefore = fds(n.pid());
            List<SocketChannel> idle = new ArrayList<>();
            try {
                for (int i = 0; i < 1000; i++) {
                    idle.add(SocketChannel.open(UnixDomainSocketAddress.of(sock)));
                }
                long t0 = System.nanoTime();
                var reply = StatusSystemTest.status(n, "--json");
                Duration took = Duration.ofNanos(System.nanoTime() - t0);
                assertThat(reply.exit()).as("status with 1,000 idle clients: " + reply.err()).isZero();
                assertThat(took).isLessThan(Duration.ofSeconds(2));
                assertThat(fds(n.pid()) - fdsBefore).as("descriptors the idle clients hold in the daemon")
                        .isLessThanOrEqualTo(64 + 10);
                JsonNode ep = JSON.readTree(reply.out()).path("endpoints").get(0);
                assertThat(ep.path("name").asText()).isEqualTo("control");
                assertThat(ep.path("open").asInt()).isLessThanOrEqualTo(64);
                assertThat(ep.path("evicted").asLong()).isGreaterThanOrEqualTo(1000 - 64);
                assertThat(ep.path("timed_out").asLong()).isGreaterThanOrEqualTo(1);
            } finally {
                for (var ch : idle) {
                    ch.close();
                }
            }
        }
    }

    /** Completes with how long after now the server closed {@code ch} (reads until end of stream). */
    private static CompletableFuture<Duration> closedAfter(SocketChannel ch) {
        var done = new CompletableFuture<Duration>();
        long t0 = System.nanoTime();
        Thread.ofVirtual().start(() -> {
            try (ch) {
                ByteBuffer b = ByteBuffer.allocate(1024);
                while (ch.read(b) >= 0) {
                    b.clear();
                }
                done.complete(Duration.ofNanos(System.nanoTime() - t0));
            } catch (IOException e) {
                done.complete(Duration.ofNanos(System.nanoTime() - t0));
            }
        });
        return done;
    }

    private static long fds(long pid) throws IOException {
        try (Stream<Path> s = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            return s.count();
        }
    }
}
