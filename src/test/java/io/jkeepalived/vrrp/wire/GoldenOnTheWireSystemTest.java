package io.jkeepalived.vrrp.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jkeepalived.testing.Capture;
import io.jkeepalived.testing.Impl;
import io.jkeepalived.testing.NetNs;
import io.jkeepalived.testing.Node;
import io.jkeepalived.testing.Pcap;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What our daemon really puts on the wire, byte for byte against the packets Debian's keepalived 2.2.7 sent
 * for the same configuration (src/test/resources/golden, the topology of scripts/capture-golden.sh: the same
 * interface names, MACs and addresses). One jkeepalived runs the five golden instances at once in namespace A;
 * tcpdump on the peer veth in namespace B records every frame.
 *
 * <p>Compared exactly: each instance's first advert (Ethernet, the whole IPv4 header with IP ID 1 and its
 * checksum, VRRP), each GARP and the unsolicited NA. Masked, as in {@code GoldenCaptureInteropTest}: the IPv6
 * flow label (the kernel picks it) and, in the priority-0 advert, the IP ID and header checksum, since the ID
 * counts the rounds sent before SIGTERM; that ID is checked separately to continue the instance's sequence 1, 2,
 * 3, ... C keepalived's side of these files is re-checked by {@code GoldenCaptureInteropTest}.
 */
@Tag("system")
class GoldenOnTheWireSystemTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

    /** Golden case → VRID (from its keepalived.conf). */
    private static final Map<String, Integer> CASES = Map.of(
            "v2-pass", 51, "v3-ipv4", 52, "v3-ipv6", 53, "v2-unicast", 54, "v3-unicast", 55);

    @Test
    void daemonSendsTheGoldenBytes(@TempDir Path dir) throws Exception {
        assumeTrue(ProcessHandle.current().info().user().orElse("").equals("root"), "needs root");
        Path pcap = dir.resolve("wire.pcap");
        List<byte[]> frames;
        try (var a = NetNs.create("jk-gw"); var b = NetNs.create("jk-gw")) {
            a.ip("link", "add", "jkwa0", "address", "02:6a:6b:00:00:01", "type", "veth", "peer", "name", "jkwb0",
                    "address", "02:6a:6b:00:00:02", "netns", b.name());
            a.ip("addr", "add", "198.18.0.1/24", "dev", "jkwa0");
            b.ip("addr", "add", "198.18.0.2/24", "dev", "jkwb0");
            a.ip("addr", "add", "2001:db8::1/64", "dev", "jkwa0", "nodad");
            b.ip("addr", "add", "2001:db8::2/64", "dev", "jkwb0", "nodad");
            a.ip("link", "set", "jkwa0", "up");
            b.ip("link", "set", "jkwb0", "up");
            try (var _ = Capture.pcap(b, "jkwb0", "ip proto 112 or ip6 proto 112 or arp or icmp6", pcap);
                    var node = Node.start(Impl.J, "golden", a, config(), dir.resolve("node"))) {
                for (String name : List.of("V2PASS", "V3IPV4", "V3IPV6", "V2UNI", "V3UNI")) {
                    node.awaitState(0, name, Node.State.MASTER, TIMEOUT);
                }
                // two rounds each, so the ID sequence has something to show before the stop
                await(pcap, f -> CASES.values().stream().allMatch(v -> adverts(f, v, true).size() >= 2), node);
                node.terminate();
                assertThat(node.awaitExit(TIMEOUT)).as(node.log().tail(30)).contains(0);
                await(pcap, f -> CASES.values().stream().allMatch(v -> !adverts(f, v, false).isEmpty()), node);
            }
            frames = Pcap.frames(pcap);
        }

        for (var c : CASES.entrySet()) {
            String name = c.getKey();
            int vrid = c.getValue();
            List<byte[]> sent = adverts(frames, vrid, true);
            assertThat(hex(masked(sent.getFirst(), false))).as(name + " first advert")
                    .isEqualTo(hex(masked(Golden.frame(name + "-advert"), false)));
            byte[] prio0 = adverts(frames, vrid, false).getFirst();
            assertThat(hex(masked(prio0, true))).as(name + " priority 0")
                    .isEqualTo(hex(masked(Golden.frame(name + "-prio0"), true)));
            if (isIpv4(prio0)) {
                List<Integer> ids = new ArrayList<>();
                for (byte[] f : frames) {
                    if (vridOf(f) == vrid) {
                        ids.add(ipId(f));
                    }
                }
                assertThat(ids).as(name + " IP IDs: one per round, from 1").isEqualTo(
                        java.util.stream.IntStream.rangeClosed(1, ids.size()).boxed().toList());
                assertThat(InetChecksum.verifies(InetChecksum.add(0, Golden.seg(prio0), 14, 20)))
                        .as(name + " priority-0 header checksum").isTrue();
                assertThat(prio0[14 + 6] & 0xff).as("DF clear").isZero();
                assertThat(hexes(frames)).as(name + " GARP").contains(hex(Golden.frame(name + "-garp")));
            } else {
                assertThat(hexes(frames)).as("unsolicited NA").contains(hex(Golden.frame("v3-ipv6-na")));
            }
        }
    }

    /** The five golden configurations as one keepalived.conf, read from the golden files' comments. */
    private static String config() {
        var out = new StringBuilder("global_defs { router_id jkwire }\n");
        for (String name : CASES.keySet()) {
            boolean inConf = false;
            for (String line : Golden.text(name + "-advert").split("\n")) {
                if (line.startsWith("# keepalived.conf used:")) {
                    inConf = true;
                } else if (inConf && line.startsWith("#   ")) {
                    if (!line.contains("global_defs")) {
                        out.append(line.substring(4)).append('\n');
                    }
                } else {
                    inConf = false;
                }
            }
        }
        return out.toString();
    }

    private static void await(Path pcap, Predicate<List<byte[]>> done, Node node) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!done.test(Pcap.frames(pcap))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("capture incomplete after " + TIMEOUT + "; daemon log:\n"
                        + node.log().tail(30));
            }
            Thread.sleep(50);
        }
    }

    /** Adverts of {@code vrid} in capture order: with a priority above 0, or the priority-0 ones. */
    private static List<byte[]> adverts(List<byte[]> frames, int vrid, boolean live) {
        return frames.stream().filter(f -> vridOf(f) == vrid && (priorityOf(f) > 0) == live).toList();
    }

    private static boolean isIpv4(byte[] f) {
        return f.length > 34 && f[12] == 0x08 && f[13] == 0x00;
    }

    private static boolean isIpv6(byte[] f) {
        return f.length > 54 && f[12] == (byte) 0x86 && f[13] == (byte) 0xdd;
    }

    /** Where the VRRP message starts, or -1 for any other frame. */
    private static int vrrpAt(byte[] f) {
        if (isIpv4(f) && f[14 + 9] == 112) {
            return 14 + (f[14] & 0x0f) * 4;
        }
        return isIpv6(f) && f[14 + 6] == 112 ? 54 : -1;
    }

    private static int vridOf(byte[] f) {
        int at = vrrpAt(f);
        return at < 0 || f.length < at + 8 ? -1 : f[at + 1] & 0xff;
    }

    private static int priorityOf(byte[] f) {
        return f[vrrpAt(f) + 2] & 0xff;
    }

    private static int ipId(byte[] f) {
        return (f[18] & 0xff) << 8 | (f[19] & 0xff);
    }

    private static byte[] masked(byte[] frame, boolean prio0) {
        byte[] f = frame.clone();
        if (isIpv4(f) && prio0) {
            f[18] = 0;
            f[19] = 0;
            f[24] = 0;
            f[25] = 0;
        }
        if (isIpv6(f)) {
            f[15] &= (byte) 0xf0;
            f[16] = 0;
            f[17] = 0;
        }
        return f;
    }

    private static String hex(byte[] b) {
        return HEX.formatHex(b);
    }

    private static List<String> hexes(List<byte[]> frames) {
        return frames.stream().map(GoldenOnTheWireSystemTest::hex).collect(Collectors.toList());
    }
}
