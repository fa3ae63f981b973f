package io.jkeepalived.system;

import static io.jkeepalived.testing.Lan.VIP4;
import static io.jkeepalived.testing.Lan.VIP6;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jkeepalived.os.PacketSocket;
import io.jkeepalived.testing.Capture;
import io.jkeepalived.testing.Cluster;
import io.jkeepalived.testing.FifoLines;
import io.jkeepalived.testing.Impl;
import io.jkeepalived.testing.KeepalivedConf;
import io.jkeepalived.testing.LineLog;
import io.jkeepalived.testing.Metrics;
import io.jkeepalived.testing.Node;
import io.jkeepalived.testing.Node.State;
import io.jkeepalived.testing.SplitBrainChecks;
import io.jkeepalived.testing.Takeover;
import io.jkeepalived.testing.VrrpInstanceConf;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The split-brain watch (docs/split-brain.md) on a namespaced LAN, one test per cause: each is
 * detected within 2 × split_brain_interval + 1 s of both nodes holding the VIP, on every node that
 * holds it, reported once (log, status, notify script; FIFO and /metrics on node 1 where its config
 * is not reloaded), and cleared once the cause is gone.
 * split_brain_interval is 1 s here to keep the run short; adverts every 1 s (VRRPv2; VRRPv3 for the
 * IPv6 VIP).
 */
@Tag("system")
class SplitBrainSystemTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VI = "VI_1";
    private static final int VRID = 51;
    private static final double INTERVAL = 1.0;
    /** 2 × interval + 1 s, as the issue asks; the log line's read time is the observer's, so + 0.3 s. */
    private static final double DETECT_BOUND = 2 * INTERVAL + 1 + 0.3;
    /** 3 quiet intervals after the last piece of evidence, which may come up to one advert after the fix. */
    private static final double CLEAR_BOUND = 3 * INTERVAL + 1 + 1 + 0.3;

    private static final int FLOOD_SECONDS = 30;
    private static final int METRICS_PORT = 9650;
    private static final String LABELS = "{vrrp_instance=\"VI_1\",interface=\"eth0\",vrid=\"51\"}";
    private static final String GAUGE = "jkeepalived_vrrp_split_brain" + LABELS;
    private static final String FIFO_DETECTED = "^INSTANCE \"VI_1\" SPLIT_BRAIN$";
    private static final String FIFO_CLEARED = "^INSTANCE \"VI_1\" SPLIT_BRAIN_CLEARED$";

    private Path scripts;

    @BeforeEach
    void needsRoot() throws IOException {
        assumeTrue(ProcessHandle.current().info().user().orElse("").equals("root"), "needs root");
        assumeTrue(Impl.J.available(), "jkeepalived not built");
        scripts = Files.createTempDirectory("jk-sb-scripts");
        scripts.toFile().deleteOnExit();
    }

    /** A notify_split_brain script appending its arguments to {@code NAME.calls} beside it. */
    private String notifyScript(String name) {
        Path script = scripts.resolve(name + ".sh");
        try {
            Files.writeString(script, "#!/bin/sh\necho \"$@\" >> " + scripts.resolve(name + ".calls") + "\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return script.toString();
    }

    private List<String> calls(String name) {
        try {
            Path f = scripts.resolve(name + ".calls");
            return Files.exists(f) ? Files.readAllLines(f) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The notify script's calls once there are {@code n} (scripts run asynchronously); fails after 5 s. */
    private List<String> awaitCalls(String name, int n) throws InterruptedException {
        long end = System.nanoTime() + 5_000_000_000L;
        while (calls(name).size() < n && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        List<String> got = calls(name);
        assertThat(got).as(name + " notify_split_brain calls").hasSize(n);
        return got;
    }

    private VrrpInstanceConf watched(int priority, String scriptName) {
        return VrrpInstanceConf.v2(VI, VRID, priority, VIP4 + "/24")
                .withExtra("split_brain_interval " + INTERVAL, "notify_split_brain " + notifyScript(scriptName));
    }

    private static LineLog.Line awaitLine(Node n, int mark, String regex, double seconds) {
        return n.log().awaitLine(mark, l -> l.matches(".*" + regex + ".*"), Duration.ofMillis((long) (seconds * 1000)))
                .orElseThrow(() -> new AssertionError(n + ": no line matching " + regex + " within " + seconds
                        + " s; last lines:\n" + n.log().tail(40)));
    }

    private static double between(LineLog.Line from, LineLog.Line to) {
        return (to.readNanos() - from.readNanos()) / 1e9;
    }

    static JsonNode splitBrain(Node n) throws Exception {
        var r = StatusSystemTest.status(n, "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        for (JsonNode i : JSON.readTree(r.out()).path("instances")) {
            if (i.path("name").asText().equals(VI)) {
                return i.path("split_brain");
            }
        }
        throw new AssertionError("no " + VI + " in " + r.out());
    }

    /**
     * The common shape: both nodes elect normally, {@code cause} makes node 2 a second MASTER, both
     * must report within the bound, once; {@code fix} removes the cause and both must clear.
     */
    private void splitAndHeal(String prefix, Impl second, UnaryOperator<VrrpInstanceConf> first,
                              UnaryOperator<VrrpInstanceConf> secondConf, java.util.function.Consumer<Cluster> cause,
                              java.util.function.Consumer<Cluster> fix, String expectedKind) throws Exception {
        splitAndHeal(prefix, second, first, secondConf, cause, fix, expectedKind, true);
    }

    /**
     * As above; with {@code channels} node 1 also has a notify_fifo and metrics_listen, and both must
     * say SPLIT_BRAIN / 1 then SPLIT_BRAIN_CLEARED / 0, once each (off when the fix reloads node 1:
     * a reload makes a new FIFO).
     */
    private void splitAndHeal(String prefix, Impl second, UnaryOperator<VrrpInstanceConf> first,
                              UnaryOperator<VrrpInstanceConf> secondConf, java.util.function.Consumer<Cluster> cause,
                              java.util.function.Consumer<Cluster> fix, String expectedKind, boolean channels)
            throws Exception {
        try (var c = Cluster.create(prefix, 2)) {
            var conf0 = KeepalivedConf.of("node1", first.apply(watched(150, "n1")));
            Path fifoPath = scripts.resolve("n1.fifo");
            String addr0 = c.host(0).ipv4();
            c.start(0, Impl.J, channels
                    ? conf0.withGlobal("notify_fifo " + fifoPath, "metrics_listen " + addr0 + " " + METRICS_PORT)
                    : conf0);
            var fifo = channels ? Optional.of(FifoLines.follow(fifoPath, Duration.ofSeconds(20))) : Optional.<LineLog>empty();
            var plain = VrrpInstanceConf.v2(VI, VRID, 100, VIP4 + "/24");
            c.start(1, second, KeepalivedConf.of("node2",
                    secondConf.apply(second == Impl.J ? watched(100, "n2") : plain)));
            int m0 = c.node(0).log().mark();
            int m1 = c.node(1).log().mark();
            cause.accept(c);
            var twoMasters = c.node(1).awaitState(m1, VI, State.MASTER, Takeover.STARTUP);
            c.node(0).awaitLastState(VI, State.MASTER, Duration.ofSeconds(5));
            List<Node> holders = new ArrayList<>(List.of(c.node(0)));
            if (second == Impl.J) {
                holders.add(c.node(1));
            }
            for (Node n : holders) {
                var d = awaitLine(n, n == c.node(0) ? m0 : m1, SplitBrainChecks.DETECTED, 2 * DETECT_BOUND + 5);
                assertThat(between(twoMasters, d)).as("%s: detection time after the second MASTER", n)
                        .isLessThanOrEqualTo(DETECT_BOUND);
                JsonNode sb = splitBrain(n);
                assertThat(sb.path("active").asBoolean()).as(n + " status").isTrue();
                assertThat(sb.path("episodes").asLong()).isEqualTo(1);
                assertThat(sb.path("since").asText()).isNotEmpty();
                assertThat(sb.path("evidence").asText()).isNotEmpty();
                long counted = 0;
                for (String kind : expectedKind.split(",")) {
                    counted += sb.path("evidence_counts").path(kind).asLong();
                }
                assertThat(counted).as(n + " evidence of " + expectedKind + ": " + sb).isPositive();
            }
            // the peer MAC ours reports on node 1 is node 2's interface
            assertThat(d0Text(c)).contains(VIP4);
            if (channels) {
                fifo.orElseThrow().await(0, FIFO_DETECTED, Duration.ofSeconds(2));
                Metrics.await(c.node(0).ns(), addr0, METRICS_PORT, GAUGE, 1, Duration.ofSeconds(3));
            }
            fix.accept(c);
            int healed0 = c.node(0).log().mark();
            var healedAt = System.nanoTime();
            for (Node n : holders) {
                var cl = awaitLine(n, 0, "split brain cleared", CLEAR_BOUND + 5);
                assertThat(Math.max(0, (cl.readNanos() - healedAt) / 1e9)).as("%s: clearing after the fix", n)
                        .isLessThanOrEqualTo(CLEAR_BOUND);
                assertThat(n.log().matching(0, SplitBrainChecks.DETECTED)).as(n + ": reported once").hasSize(1);
                assertThat(splitBrain(n).path("active").asBoolean()).isFalse();
            }
            if (channels) {
                var lines = fifo.orElseThrow();
                lines.await(0, FIFO_CLEARED, Duration.ofSeconds(2));
                Metrics.await(c.node(0).ns(), addr0, METRICS_PORT, GAUGE, 0, Duration.ofSeconds(3));
                assertThat(lines.matching(0, FIFO_DETECTED)).as("FIFO SPLIT_BRAIN lines").hasSize(1);
                assertThat(lines.matching(0, FIFO_CLEARED)).as("FIFO SPLIT_BRAIN_CLEARED lines").hasSize(1);
                assertThat(Metrics.sample(Metrics.scrape(c.node(0).ns(), addr0, METRICS_PORT),
                        "jkeepalived_vrrp_split_brain_episodes_total" + LABELS)).contains(1.0);
            }
            c.lan().awaitSoleHolder(c.host(0), VIP4, Duration.ofSeconds(10));
            assertThat(c.node(0).log().matching(healed0, SplitBrainChecks.DETECTED)).isEmpty();
            List<String> n1 = awaitCalls("n1", 2);
            assertThat(n1.get(0)).startsWith(VI + " " + VIP4 + " ").endsWith(" detected");
            assertThat(n1.get(1)).endsWith(" cleared");
            if (second == Impl.J) {
                awaitCalls("n2", 2);
            }
        }
    }

    private static String d0Text(Cluster c) {
        return c.node(0).log().matching(0, SplitBrainChecks.DETECTED).getFirst().text();
    }

    private static void nft(Node n, String... commands) {
        for (String cmd : commands) {
            var r = n.ns().execResult("nft", cmd);
            assertThat(r.ok()).as("nft " + cmd + ": " + r.output()).isTrue();
        }
    }

    private static void dropVrrpIn(Cluster c) {
        nft(c.node(1), "add table ip jksb", "add chain ip jksb in { type filter hook input priority 0 ; }",
                "add rule ip jksb in ip protocol 112 drop");
    }

    @Test
    void aFirewallDroppingProtocol112OnOneNode() throws Exception {
        splitAndHeal("jk-sb-nft", Impl.J, i -> i, i -> i, SplitBrainSystemTest::dropVrrpIn,
                c -> nft(c.node(1), "delete table ip jksb"), "arp_reply,gratuitous_arp");
    }

    @Test
    void aFirewallDroppingProtocol112_cKeepalivedAsThePeer() throws Exception {
        assumeTrue(Impl.C.available(), "C keepalived not installed");
        splitAndHeal("jk-sb-nftc", Impl.C, i -> i, i -> i, SplitBrainSystemTest::dropVrrpIn,
                c -> nft(c.node(1), "delete table ip jksb"), "arp_reply,gratuitous_arp");
    }

    @Test
    void mismatchedAuthPass() throws Exception {
        splitAndHeal("jk-sb-auth", Impl.J, i -> i.withPass("secret1"), i -> i.withPass("secret2"), c -> { },
                c -> {
                    var n = c.node(1);
                    n.rewriteConfig(KeepalivedConf.of("node2", watched(100, "n2").withPass("secret1")).render());
                    n.reload();
                }, "advert_auth_mismatch");
    }

    @Test
    void anUnreachableUnicastPeer() throws Exception {
        // node 1 sends its adverts to an address nobody has: node 2 never hears it
        splitAndHeal("jk-sb-uni", Impl.J, i -> i.withUnicast("198.18.0.1", "198.18.0.250"),
                i -> i.withUnicast("198.18.0.2", "198.18.0.1"), c -> { }, c -> {
                    var n = c.node(0);
                    n.rewriteConfig(KeepalivedConf.of("node1", watched(150, "n1")
                            .withUnicast(c.host(0).ipv4(), c.host(1).ipv4())).render());
                    n.reload();
                }, "arp_reply,gratuitous_arp", false);
    }

    @Test
    void aThirdHostAnsweringArpForTheVip() throws Exception {
        thirdHost("jk-sb-3rd", watched(150, "n1"), VIP4, "arp_reply");
    }

    /**
     * The IPv6 twin: the client takes the VIP too (no DAD, as a mis-typed static address would after
     * a DAD race) and its kernel answers our Neighbour Solicitations with its own MAC.
     */
    @Test
    void aThirdHostAnsweringNeighbourSolicitationsForAnIpv6Vip() throws Exception {
        var v3 = VrrpInstanceConf.v3(VI, VRID, 150, "1", VIP6 + "/64")
                .withExtra("split_brain_interval " + INTERVAL, "notify_split_brain " + notifyScript("n1"));
        thirdHost("jk-sb-3rd6", v3, VIP6, "neighbour_advert");
    }

    /** The client adds {@code vip} beside our MASTER: detected by {@code kind} from its MAC, cleared once removed. */
    private void thirdHost(String prefix, VrrpInstanceConf conf, String vip, String kind) throws Exception {
        try (var c = Cluster.create(prefix, 1)) {
            var n = c.start(0, Impl.J, KeepalivedConf.of("node1", conf));
            Takeover.awaitElected(c, 0, VI, vip, 1);
            var client = c.lan().client();
            String mac = c.lan().mac(client);
            String prefixLen = vip.contains(":") ? "/128" : "/32";
            int mark = n.log().mark();
            long added = System.nanoTime();
            client.ns().ip("addr", "add", vip + prefixLen, "dev", client.iface(), "nodad");
            var d = awaitLine(n, mark, SplitBrainChecks.DETECTED, 2 * DETECT_BOUND);
            assertThat((d.readNanos() - added) / 1e9).isLessThanOrEqualTo(DETECT_BOUND);
            assertThat(d.text()).contains(vip).contains(mac).contains(kind);
            JsonNode sb = splitBrain(n);
            assertThat(sb.path("peer_mac").asText()).isEqualTo(mac);
            assertThat(sb.path("evidence_counts").path(kind).asLong()).as(sb.toString()).isPositive();
            client.ns().ip("addr", "del", vip + prefixLen, "dev", client.iface());
            long removed = System.nanoTime();
            var cl = awaitLine(n, mark, "split brain cleared", CLEAR_BOUND + 5);
            assertThat((cl.readNanos() - removed) / 1e9).isLessThanOrEqualTo(3 * INTERVAL + 1.3);
            assertThat(n.log().matching(mark, SplitBrainChecks.DETECTED)).hasSize(1);
            assertThat(splitBrain(n).path("active").asBoolean()).isFalse();
            var calls = awaitCalls("n1", 2);
            assertThat(calls.getFirst()).isEqualTo(VI + " " + vip + " " + mac + " detected");
            assertThat(calls.get(1)).isEqualTo(VI + " " + vip + " " + mac + " cleared");
        }
    }

    /**
     * Forged ARP replies for the VIP from changing MACs (up to 5,000 per second, ~4,000 measured; 2^24
     * possible MACs): one episode, FAULT entered once (split_brain_action fault), the evidence lines
     * rate-limited, status answering throughout, and the loop not stalled: the node's adverts for a
     * second instance on the same loop, captured on the switch, keep their timing — the interval p99
     * during the flood is within 0.25 s of a quiet window's of the same length (and of advert_int).
     * The flood lasts {@value #FLOOD_SECONDS} s, not the 60 s: the quiet window doubles it,
     * and 2 × 60 s would make this the longest system test for the same evidence (with ~30 intervals at
     * advert_int 1 the nearest-rank p99 is already the worst gap, as with 60). {@code -Djk.sb.floodSeconds=60}
     * runs the full length.
     */
    @Test
    void aFloodOfForgedArpRepliesIsOneEpisode() throws Exception {
        int seconds = Integer.getInteger("jk.sb.floodSeconds", FLOOD_SECONDS);
        try (var c = Cluster.create("jk-sb-flood", 1)) {
            var other = VrrpInstanceConf.v2("VI_2", 52, 150, "198.18.0.101/24");
            var n = c.start(0, Impl.J, KeepalivedConf.of("node1",
                    watched(150, "n1").withExtra("split_brain_action fault"), other));
            Takeover.awaitElected(c, 0, VI, VIP4, 1);
            var client = c.lan().client();
            byte[] target = macBytes(c.lan().mac(c.host(0)));
            int vip = ipv4(VIP4);
            int node = ipv4(c.host(0).ipv4());
            PacketSocket sender = client.ns().run(() -> PacketSocket.openSender(client.iface()));
            List<Double> statusSeconds = new ArrayList<>();
            int mark;
            // on the node's switch port: what the LAN sees of its adverts, away from the flooding host
            try (var capture = Capture.lines(c.lan().hub(), c.host(0).port(), "ip proto 112");
                 var arena = Arena.ofConfined()) {
                int quiet = capture.mark();
                n.log().awaitLine(n.log().mark(), l -> false, Duration.ofSeconds(seconds)); // the quiet window
                var baseline = intervals(capture.adverts(quiet));
                splitBrain(n); // the first status call pays for class loading on both sides, not the flood
                mark = n.log().mark();
                int flooded = capture.mark();
                MemorySegment frame = arena.allocate(42);
                long end = System.nanoTime() + seconds * 1_000_000_000L;
                long sent = 0;
                long nextStatus = System.nanoTime();
                while (System.nanoTime() < end) {
                    for (int k = 0; k < 50; k++) {
                        forgedReply(frame, target, 0x02_00_00_00_00_00L | (sent++ & 0xFFFFFF), vip, node);
                        sender.send(frame);
                    }
                    Thread.sleep(10); // ≈ 5,000 frames per second
                    if (System.nanoTime() >= nextStatus) {
                        long t0 = System.nanoTime();
                        splitBrain(n);
                        statusSeconds.add((System.nanoTime() - t0) / 1e9);
                        nextStatus = t0 + 1_000_000_000L;
                    }
                }
                var during = intervals(capture.adverts(flooded));
                double p99Quiet = p99(baseline);
                double p99Flood = p99(during);
                System.out.printf("split-brain flood: %d frames in %d s; VI_2 advert interval p99 %.3f s quiet"
                        + " (%d intervals), %.3f s flooded (%d intervals)%n", sent, seconds, p99Quiet,
                        baseline.size(), p99Flood, during.size());
                assertThat(baseline.size()).as("VI_2's adverts in the quiet window").isGreaterThanOrEqualTo(seconds - 3);
                assertThat(during.size()).as("VI_2's adverts during the flood").isGreaterThanOrEqualTo(seconds - 3);
                assertThat(p99Flood).as("VI_2's advert interval p99 during the flood (quiet: %.3f s)", p99Quiet)
                        .isLessThan(Math.max(p99Quiet, INTERVAL) + 0.25);
                assertThat(sent).isGreaterThan(1_000L * seconds);
            } finally {
                sender.close();
            }
            assertThat(statusSeconds).as("status answers during the flood").allMatch(s -> s < 1.0);
            assertThat(n.log().matching(mark, SplitBrainChecks.DETECTED)).hasSize(1);
            assertThat(n.log().matching(mark, "\\(VI_1\\) Entering FAULT STATE")).hasSize(1);
            assertThat(n.log().matching(mark, "split-brain evidence|similar lines suppressed").size())
                    .as("evidence lines are rate-limited").isLessThan(5 + seconds);
            awaitLine(n, mark, "split brain cleared", CLEAR_BOUND + 5);
            n.awaitLastState(VI, State.MASTER, Duration.ofSeconds(10));
            assertThat(n.log().matching(mark, "\\(VI_1\\) Entering FAULT STATE")).hasSize(1);
            awaitCalls("n1", 2);
        }
    }

    /** Seconds between consecutive adverts of VI_2 (VRID 52). */
    private static List<Double> intervals(List<Capture.Advert> adverts) {
        var mine = adverts.stream().filter(a -> a.vrid() == 52).toList();
        List<Double> out = new ArrayList<>();
        for (int i = 1; i < mine.size(); i++) {
            out.add(mine.get(i).time() - mine.get(i - 1).time());
        }
        return out;
    }

    /** The nearest-rank 99th percentile. */
    private static double p99(List<Double> values) {
        assertThat(values).as("advert intervals").isNotEmpty();
        var sorted = values.stream().sorted().toList();
        return sorted.get((int) Math.ceil(0.99 * sorted.size()) - 1);
    }

    private static void forgedReply(MemorySegment f, byte[] dst, long mac, int vip, int target) {
        var u16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
        var u32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
        MemorySegment.copy(dst, 0, f, ValueLayout.JAVA_BYTE, 0, 6);
        for (int i = 0; i < 6; i++) {
            byte b = (byte) (mac >>> (8 * (5 - i)));
            f.set(ValueLayout.JAVA_BYTE, 6 + i, b);
            f.set(ValueLayout.JAVA_BYTE, 22 + i, b);
        }
        f.set(u16, 12, (short) 0x0806);
        f.set(u16, 14, (short) 1);
        f.set(u16, 16, (short) 0x0800);
        f.set(ValueLayout.JAVA_BYTE, 18, (byte) 6);
        f.set(ValueLayout.JAVA_BYTE, 19, (byte) 4);
        f.set(u16, 20, (short) 2);
        f.set(u32, 28, vip);
        MemorySegment.copy(dst, 0, f, ValueLayout.JAVA_BYTE, 32, 6);
        f.set(u32, 38, target);
    }

    private static byte[] macBytes(String text) {
        String[] p = text.split(":");
        byte[] b = new byte[6];
        for (int i = 0; i < 6; i++) {
            b[i] = (byte) Integer.parseInt(p[i], 16);
        }
        return b;
    }

    private static int ipv4(String a) throws IOException {
        byte[] b = InetAddress.getByName(a).getAddress();
        return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
    }
}
