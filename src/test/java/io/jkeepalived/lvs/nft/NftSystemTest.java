package io.jkeepalived.lvs.nft;

import static io.jkeepalived.lvs.nft.NftFixtures.nat;
import static io.jkeepalived.lvs.nft.NftFixtures.service;
import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.lvs.Destination;
import io.jkeepalived.lvs.KernelDump;
import io.jkeepalived.lvs.LbOp;
import io.jkeepalived.lvs.LbResult;
import io.jkeepalived.lvs.RecordingLoadBalancer;
import io.jkeepalived.lvs.Service;
import io.jkeepalived.lvs.ServiceFlags;
import io.jkeepalived.lvs.ServiceKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The nftables backend in namespaces (root): HTTP through the VIP to three real servers. After every
 * batch the kernel's table, read back with {@code dump()}, must equal what a {@link RecordingLoadBalancer}
 * given the same ops holds.
 */
@Tag("system")
class NftSystemTest {

    static final String VIP = "198.18.0.1";
    static final ServiceKey HTTP = new ServiceKey.Addr(ServiceKey.Protocol.TCP, NftFixtures.ip(VIP), 80);
    static final ServiceKey HTTP6 = new ServiceKey.Addr(ServiceKey.Protocol.TCP, NftFixtures.ip("2001:db8::1"), 80);
    static final Destination RS1 = nat("198.18.1.1", 80, 1);
    static final Destination RS2 = nat("198.18.1.2", 80, 1);
    static final Destination RS3 = nat("198.18.1.3", 8080, 1); // a real server on another port than the VIP's

    static NftLab lab;
    static NftBackend nft;
    static String foreignTable;
    RecordingLoadBalancer expected;

    @BeforeAll
    static void up() throws Exception {
        lab = new NftLab();
        // someone else's table in the same namespace: it marks port 81 for the fwmark service
        lab.lb.exec("nft", "add table inet jk-test-mark; add chain inet jk-test-mark pre { type filter hook prerouting priority mangle; }; "
                + "add rule inet jk-test-mark pre ip daddr 198.18.0.1 tcp dport 81 meta mark set 7");
        foreignTable = lab.lb.exec("nft", "list", "table", "inet", "jk-test-mark");
        var opening = lab.lb.run(NftBackend::open);
        assertThat(opening).isInstanceOf(NftBackend.Opening.Opened.class);
        nft = ((NftBackend.Opening.Opened) opening).backend();
    }

    @AfterAll
    static void down() throws Exception {
        try {
            if (nft != null) nft.close();
        } finally {
            if (lab != null) lab.close();
        }
        try (Stream<Path> left = Files.list(Path.of("/var/run/netns"))) {
            assertThat(left.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(NftLab.PREFIX + "-")).toList())
                    .as("namespaces left behind").isEmpty();
        }
    }

    @BeforeEach
    void empty() {
        expected = new RecordingLoadBalancer();
        assertThat(nft.dump()).isEqualTo(new KernelDump.Read(Map.of()));
    }

    @AfterEach
    void removeAll() throws Exception {
        var d = (KernelDump.Read) nft.dump();
        nft.applyAll(d.table().keySet().stream().map(k -> (LbOp) new LbOp.RemoveService(k)).toList());
        // nothing of ours outside our table, and the foreign table as it was
        String tables = lab.lb.exec("nft", "list", "tables");
        assertThat(tables.lines().map(String::strip).sorted().toList()).containsExactly("table inet jk-test-mark", "table inet jkeepalived");
        assertThat(lab.lb.exec("nft", "list", "table", "inet", "jk-test-mark")).isEqualTo(foreignTable);
    }

    /** Applies to the kernel and to the reference; every op must succeed and the dump must match. */
    void apply(LbOp... ops) {
        List<LbResult> r = nft.applyAll(List.of(ops));
        assertThat(r).as("results of %s", List.of(ops)).containsOnly(LbResult.DONE);
        expected.applyAll(List.of(ops));
        assertThat(nft.dump()).isEqualTo(new KernelDump.Read(expected.table()));
    }

    static TreeMap<String, Long> count(List<String> names) {
        return names.stream().collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
    }

    @Test
    void roundRobinSpreadsOverAllThreeThenWeightsAndQuiescingAndRemovalTakeEffect() throws Exception {
        apply(new LbOp.AddService(service(HTTP, "rr")), new LbOp.AddDestination(HTTP, RS1),
                new LbOp.AddDestination(HTTP, RS2), new LbOp.AddDestination(HTTP, RS3));
        assertThat(count(lab.get(VIP, 80, 30))).isEqualTo(Map.of("rs1", 10L, "rs2", 10L, "rs3", 10L));

        apply(new LbOp.EditService(service(HTTP, "wrr")), new LbOp.EditDestination(HTTP, RS2.withWeight(3)));
        assertThat(count(lab.get(VIP, 80, 50))).isEqualTo(Map.of("rs1", 10L, "rs2", 30L, "rs3", 10L));

        apply(new LbOp.EditDestination(HTTP, RS3.withWeight(0)));
        assertThat(count(lab.get(VIP, 80, 40))).isEqualTo(Map.of("rs1", 10L, "rs2", 30L));

        apply(new LbOp.RemoveDestination(HTTP, RS2.key()));
        assertThat(count(lab.get(VIP, 80, 10))).isEqualTo(Map.of("rs1", 10L));

        apply(new LbOp.EditDestination(HTTP, RS1.withWeight(0)));
        assertThat(lab.client.run(() -> {
            try (var s = new java.net.Socket()) {
                s.connect(new java.net.InetSocketAddress(VIP, 80), 1000);
                return "connected";
            } catch (java.io.IOException e) {
                return e instanceof java.net.SocketTimeoutException ? "dropped" : e.toString();
            }
        })).as("no live destination: new connections are dropped").isEqualTo("dropped");
    }

    @Test
    void sourceHashingKeepsEachClientOnOneServer() throws Exception {
        for (int i = 3; i <= 12; i++) lab.client.ip("addr", "replace", "198.18.0." + i + "/24", "dev", "c0");
        apply(new LbOp.AddService(service(HTTP, "sh")), new LbOp.AddDestination(HTTP, RS1),
                new LbOp.AddDestination(HTTP, RS2), new LbOp.AddDestination(HTTP, RS3));
        Map<String, String> serverOf = new TreeMap<>();
        for (int i = 3; i <= 12; i++) {
            var names = count(lab.get("198.18.0." + i, VIP, 80, 5));
            assertThat(names).as("client .%d", i).hasSize(1);
            serverOf.put("198.18.0." + i, names.firstKey());
        }
        assertThat(serverOf.values().stream().distinct().count()).as("clients spread: %s", serverOf).isGreaterThan(1);

        // a weight change rebuilds the rule; the hash seed is fixed, so clients stay where they were
        apply(new LbOp.EditDestination(HTTP, RS1.withWeight(1)), new LbOp.EditDestination(HTTP, RS2.withWeight(1)));
        for (var e : serverOf.entrySet()) assertThat(lab.get(e.getKey(), VIP, 80, 2)).containsOnly(e.getValue());
    }

    @Test
    void persistenceKeepsAClientOnItsServerUnderRoundRobinEvenWhenQuiesced() throws Exception {
        for (int i = 3; i <= 4; i++) lab.client.ip("addr", "replace", "198.18.0." + i + "/24", "dev", "c0");
        var persistent = new Service(HTTP, "rr", Optional.of(300L), Optional.empty());
        apply(new LbOp.AddService(persistent), new LbOp.AddDestination(HTTP, RS1), new LbOp.AddDestination(HTTP, RS2),
                new LbOp.AddDestination(HTTP, RS3));
        List<String> first = lab.get("198.18.0.3", VIP, 80, 6);
        assertThat(first).hasSize(6).containsOnly(first.getFirst());
        String other = lab.get("198.18.0.4", VIP, 80, 1).getFirst();
        assertThat(other).isNotEqualTo(first.getFirst());

        Destination home = Stream.of(RS1, RS2, RS3).filter(d -> ("rs" + d.ip().getAddress()[3]).equals(first.getFirst())).findFirst().orElseThrow();
        apply(new LbOp.EditDestination(HTTP, home.withWeight(0)));
        assertThat(lab.get("198.18.0.3", VIP, 80, 3)).as("a persistent client follows its quiesced server, as with IPVS")
                .containsOnly(first.getFirst());
        apply(new LbOp.RemoveDestination(HTTP, home.key()));
        assertThat(lab.get("198.18.0.3", VIP, 80, 3)).doesNotContain(first.getFirst());
    }

    @Test
    void fwmarkServiceTakesWhatAnotherTableMarked() throws Exception {
        var fwm = new ServiceKey.Fwmark(7, false);
        apply(new LbOp.AddService(service(fwm, "rr")), new LbOp.AddDestination(fwm, RS1), new LbOp.AddDestination(fwm, RS3));
        assertThat(count(lab.get(VIP, 81, 10))).isEqualTo(Map.of("rs1", 5L, "rs3", 5L));
    }

    @Test
    void ipv6ServiceWithMaglevHashingOnClientPort() throws Exception {
        var mh = new Service(HTTP6, "mh", Optional.empty(), Optional.empty(), new ServiceFlags(false, false, true, false), Optional.empty());
        apply(new LbOp.AddService(mh), new LbOp.AddDestination(HTTP6, nat("2001:db8:1::1", 80, 1)),
                new LbOp.AddDestination(HTTP6, nat("2001:db8:1::2", 80, 1)), new LbOp.AddDestination(HTTP6, nat("2001:db8:1::3", 8080, 1)));
        assertThat(count(lab.get("2001:db8::1", 80, 60)).keySet()).as("hashing the client port spreads one client").containsExactly("rs1", "rs2", "rs3");
    }
}
