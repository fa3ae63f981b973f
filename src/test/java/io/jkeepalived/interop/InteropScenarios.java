package io.jkeepalived.interop;

import static io.jkeepalived.testing.Takeover.STARTUP;
import static io.jkeepalived.testing.Takeover.TOLERANCE_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jkeepalived.testing.Capture;
import io.jkeepalived.testing.Cluster;
import io.jkeepalived.testing.Flavour;
import io.jkeepalived.testing.Impl;
import io.jkeepalived.testing.KeepalivedConf;
import io.jkeepalived.testing.Node.State;
import io.jkeepalived.testing.Takeover;
import io.jkeepalived.testing.Takeover.Stop;
import io.jkeepalived.testing.Tshark;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two implementations as the two halves of one VRRP pair: node 1 runs {@link #first()} at priority
 * 150, node 2 runs {@link #second()} at 100. In every {@link Flavour} they must agree on one master,
 * fail over each way (kill -9 of the first, its return preempting, then SIGTERM), and every advert
 * either sends must decode in tshark with a good checksum.
 */
@Tag("system")
@Tag("interop")
abstract class InteropScenarios {

    abstract Impl first();

    abstract Impl second();

    private static final String VI = Flavour.INSTANCE;

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void agreeOnOneMasterAndFailOverEachWay(Flavour f) throws Exception {
        assumeTrue(ProcessHandle.current().info().user().orElse("").equals("root"), "needs root");
        assumeTrue(first().available() && second().available(), "implementations not installed/built");
        try (var c = Cluster.create("jk-h-io", 2)) {
            var lan = c.lan();
            var pcap = Files.createTempFile("jk-h-interop", ".pcap");
            try {
                var a = f.source(lan, c.host(0));
                var b = f.source(lan, c.host(1));
                var conf0 = KeepalivedConf.of("node1", f.instance(lan, 0, 150));
                var conf1 = KeepalivedConf.of("node2", f.instance(lan, 1, 100));
                double masterDown = f.instance(lan, 1, 100).masterDownSeconds();
                try (var _ = Capture.pcap(lan.hub(), c.host(1).port(), Capture.VRRP, pcap)) {
                    c.start(0, first(), conf0);
                    c.start(1, second(), conf1);
                    Takeover.awaitElected(c, 0, VI, f.vip(), 2);

                    // first → second: the first crashes
                    var crash = Takeover.stopMaster(c, 0, 1, Stop.KILL9, VI, a, b, masterDown + 2 * TOLERANCE_SECONDS);
                    assertThat(crash.silenceSeconds()).isBetween(masterDown - 0.1, masterDown + TOLERANCE_SECONDS);
                    lan.awaitVip(c.host(1), f.vip(), true, Duration.ofSeconds(5));

                    // second → first: the first returns with its higher priority and preempts
                    lan.plugBack(c.host(0));
                    int mark = c.node(1).log().mark();
                    c.start(0, first(), conf0);
                    c.node(0).awaitState(0, VI, State.MASTER, STARTUP);
                    c.node(1).awaitState(mark, VI, State.BACKUP, Duration.ofSeconds(5));
                    lan.awaitSoleHolder(c.host(0), f.vip(), Duration.ofSeconds(5));

                    // first → second again, gracefully
                    var term = Takeover.stopMaster(c, 0, 1, Stop.SIGTERM, VI, a, b, 5);
                    assertThat(term.lastOldAdvert().priority()).isZero();
                    assertThat(term.silenceSeconds()).isLessThan(1.0);
                    lan.awaitSoleHolder(c.host(1), f.vip(), Duration.ofSeconds(5));
                }
                assertGoodChecksums(f, pcap, a);
                assertGoodChecksums(f, pcap, b);
            } finally {
                Files.deleteIfExists(pcap);
            }
        }
    }

    /** Every advert from {@code source} decodes as VRRP of the right version with a good checksum. */
    private static void assertGoodChecksums(Flavour f, java.nio.file.Path pcap, String source) {
        var addr = source.contains(":") ? "ipv6.src" : "ip.src";
        List<List<String>> rows = Tshark.fields(pcap, "vrrp && " + addr + " == " + source,
                "vrrp.version", "vrrp.checksum.status", "vrrp.virt_rtr_id", "vrrp.auth_string");
        assertThat(rows).as("adverts from %s", source).hasSizeGreaterThanOrEqualTo(2);
        for (var r : rows) {
            assertThat(r.get(0)).as("version").isEqualTo(Integer.toString(f.version()));
            assertThat(r.get(1)).as("checksum status (1 = good) of an advert from %s", source).isEqualTo("1");
            assertThat(r.get(2)).isEqualTo(Integer.toString(Flavour.VRID));
            if (f == Flavour.V2_PASS) {
                assertThat(r.get(3)).isEqualTo(Flavour.PASS);
            }
        }
    }
}
