package io.jkeepalived.system;

import static io.jkeepalived.testing.Lan.VIP4;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jkeepalived.os.PacketSocket;
import io.jkeepalived.testing.Capture;
import io.jkeepalived.testing.Cluster;
import io.jkeepalived.testing.Impl;
import io.jkeepalived.testing.KeepalivedConf;
import io.jkeepalived.testing.LineLog;
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
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The split-brain watch (docs/split-brain.md) on a namespaced LAN, one test per cause: each is
 * detected within 2 × split_brain_interval + 1 s of both nodes holding the VIP, on every node that
 * holds it, reported once (log, status, FIFO-free notify script), and cleared once the cause is gone.
 * split_brain_interval is 1 s here to keep the run short; adverts every 1 s (VRRPv2).
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
        try (var c = Cluster.create(prefix, 2)) {
            c.start(0, Impl.J, KeepalivedConf.of("node1", first.apply(watched(150, "n1"))));
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
                }, "arp_reply,gratuitous_arp");
    }

    @Test
    void aThirdHostAnsweringArpForTheVip() throws Exception {
        try (var c = Cluster.create("jk-sb-3rd", 1)) {
            var n = c.start(0, Impl.J, KeepalivedConf.of("node1", watched(150, "n1")));
            Takeover.awaitElected(c, 0, VI, VIP4, 1);
            var client = c.lan().client();
            int mark = n.log().mark();
            long added = System.nanoTime();
            client.ns().ip("addr", "add", VIP4 + "/32", "dev", client.iface());
            var d = awaitLine(n, mark, SplitBrainChecks.DETECTED, 2 * DETECT_BOUND);
            assertThat((d.readNanos() - added) / 1e9).isLessThanOrEqualTo(DETECT_BOUND);
            assertThat(d.text()).contains(VIP4).contains(c.lan().mac(client)).contains("arp_reply");
            assertThat(splitBrain(n).path("peer_mac").asText()).isEqualTo(c.lan().mac(client));
            client.ns().ip("addr", "del", VIP4 + "/32", "dev", client.iface());
            long removed = System.nanoTime();
            var cl = awaitLine(n, mark, "split brain cleared", CLEAR_BOUND + 5);
            assertThat((cl.readNanos() - removed) / 1e9).isLessThanOrEqualTo(3 * INTERVAL + 1.3);
            assertThat(n.log().matching(mark, SplitBrainChecks.DETECTED)).hasSize(1);
            assertThat(awaitCalls("n1", 2).getFirst()).isEqualTo(VI + " " + VIP4 + " " + c.lan().mac(client) + " detected");
        }
    }

    /**
     * Forged ARP replies for the VIP from thousands of MACs for 10 s (the 60 s, shortened
     * for CI): one episode, FAULT entered once (split_brain_action fault), the evidence lines
     * rate-limited, status answering throughout, and a second instance on the same loop keeps
     * advertising on time.
     */
    @Test
    void aFloodOfForgedArpRepliesIsOneEpisode() throws Exception {
        try (var c = Cluster.create("jk-sb-flood", 1)) {
            var other = VrrpInstanceConf.v2("VI_2", 52, 150, "198.18.0.101/24");
            var n = c.start(0, Impl.J, KeepalivedConf.of("node1",
                    watched(150, "n1").withExtra("split_brain_action fault"), other));
            Takeover.awaitElected(c, 0, VI, VIP4, 1);
            var client = c.lan().client();
            byte[] target = macBytes(c.lan().mac(c.host(0)));
            int vip = ipv4(VIP4);
            int node = ipv4(c.host(0).ipv4());
            int mark = n.log().mark();
            PacketSocket sender = client.ns().run(() -> PacketSocket.openSender(client.iface()));
            List<Double> statusSeconds = new ArrayList<>();
            try (var capture = Capture.lines(client.ns(), client.iface(), "ip proto 112");
                 var arena = Arena.ofConfined()) {
                int cm = capture.mark();
                MemorySegment frame = arena.allocate(42);
                long end = System.nanoTime() + 10_000_000_000L;
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
                var adverts = capture.adverts(cm).stream().filter(a -> a.vrid() == 52).toList();
                double worst = 0;
                for (int i = 1; i < adverts.size(); i++) {
                    worst = Math.max(worst, adverts.get(i).time() - adverts.get(i - 1).time());
                }
                assertThat(adverts.size()).as("VI_2's adverts during the flood").isGreaterThanOrEqualTo(8);
                assertThat(worst).as("longest gap between VI_2's adverts during the flood").isLessThan(1.3);
                assertThat(sent).isGreaterThan(10_000);
            } finally {
                sender.close();
            }
            assertThat(statusSeconds).as("status answers during the flood").allMatch(s -> s < 1.0);
            assertThat(n.log().matching(mark, SplitBrainChecks.DETECTED)).hasSize(1);
            assertThat(n.log().matching(mark, "\\(VI_1\\) Entering FAULT STATE")).hasSize(1);
            assertThat(n.log().matching(mark, "split-brain evidence|similar lines suppressed").size())
                    .as("evidence lines are rate-limited").isLessThan(20);
            awaitLine(n, mark, "split brain cleared", CLEAR_BOUND + 5);
            n.awaitLastState(VI, State.MASTER, Duration.ofSeconds(10));
            assertThat(n.log().matching(mark, "\\(VI_1\\) Entering FAULT STATE")).hasSize(1);
            awaitCalls("n1", 2);
        }
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
