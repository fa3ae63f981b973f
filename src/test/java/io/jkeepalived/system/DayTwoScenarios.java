package io.jkeepalived.system;

import static io.jkeepalived.testing.Lan.VIP4;
import static io.jkeepalived.testing.Takeover.STARTUP;
import static io.jkeepalived.testing.Takeover.TOLERANCE_SECONDS;
import static io.jkeepalived.testing.Takeover.seconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jkeepalived.testing.Capture;
import io.jkeepalived.testing.Cluster;
import io.jkeepalived.testing.Impl;
import io.jkeepalived.testing.KeepalivedConf;
import io.jkeepalived.testing.Node.State;
import io.jkeepalived.testing.Takeover;
import io.jkeepalived.testing.VrrpInstanceConf;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What operators wire around the state machine (issue 5), on a two-node LAN: a failing weighted
 * {@code vrrp_script} lowers the advertised priority and moves the VIP; a SIGHUP reload of an
 * unchanged config keeps the master without an advert gap; a reload adding a VIP applies it.
 */
@Tag("system")
abstract class DayTwoScenarios {

    static final String VI = "VI_1";

    abstract Impl impl();

    @BeforeEach
    void needsRootAndImplementation() {
        assumeTrue(ProcessHandle.current().info().user().orElse("").equals("root"), "needs root");
        assumeTrue(impl().available(), impl() + " not installed/built");
    }

    static VrrpInstanceConf instance(int node) {
        return VrrpInstanceConf.v2(VI, 51, node == 0 ? 150 : 100, VIP4 + "/24");
    }

    @Test
    void aFailingWeightedScriptLowersTheAdvertisedPriorityAndMovesTheVip() throws Exception {
        var flag = Files.createTempFile("jk-h-script", ".fail");
        Files.delete(flag);
        try (var c = Cluster.create("jk-h-trk", 2)) {
            var script = """
                    vrrp_script chk {
                        script "/usr/bin/test ! -e %s"
                        interval 1
                        weight -60
                        fall 1
                        rise 1
                    }""".formatted(flag);
            var master = KeepalivedConf.of("node1", instance(0).withExtra("track_script {", "    chk", "}"))
                    .withGlobal("enable_script_security", "script_user root").withBlock(script);
            c.start(0, impl(), master);
            c.start(1, impl(), KeepalivedConf.of("node2", instance(1)));
            Takeover.awaitElected(c, 0, VI, VIP4, 2);
            try (var wire = Capture.lines(c.lan().hub(), c.host(1).port(), Capture.VRRP)) {
                wire.awaitAdvert(0, c.host(0).ipv4(), 150, Duration.ofSeconds(5));
                Files.createFile(flag);
                // fall 1 at interval 1: the next script run fails, the next advert carries 150 − 60
                wire.awaitAdvert(0, c.host(0).ipv4(), 90, Duration.ofSeconds(5));
                c.node(1).awaitState(0, VI, State.MASTER,
                        seconds(instance(1).masterDownSeconds() + 2 * TOLERANCE_SECONDS));
                c.node(0).awaitLastState(VI, State.BACKUP, Duration.ofSeconds(5));
                c.lan().awaitSoleHolder(c.host(1), VIP4, Duration.ofSeconds(5));
                // the script recovers: 150 again, and the node preempts back
                int mark = c.node(0).log().mark();
                Files.delete(flag);
                c.node(0).awaitState(mark, VI, State.MASTER, STARTUP);
                c.lan().awaitSoleHolder(c.host(0), VIP4, Duration.ofSeconds(5));
            }
        } finally {
            Files.deleteIfExists(flag);
        }
    }

    @Test
    void reloadingAnUnchangedConfigKeepsTheMasterWithoutAnAdvertGap() {
        try (var c = Cluster.create("jk-h-rld", 2)) {
            c.start(0, impl(), KeepalivedConf.of("node1", instance(0)));
            c.start(1, impl(), KeepalivedConf.of("node2", instance(1)));
            Takeover.awaitElected(c, 0, VI, VIP4, 2);
            try (var wire = Capture.lines(c.lan().hub(), c.host(1).port(), Capture.VRRP)) {
                wire.awaitAdvert(0, c.host(0).ipv4(), 150, Duration.ofSeconds(5));
                int m0 = c.node(0).log().mark();
                int m1 = c.node(1).log().mark();
                int wireMark = wire.mark();
                c.node(0).reload();
                // three more adverts after the reload, at most about one interval apart
                for (int i = 0; i < 3; i++) {
                    wire.awaitAdvert(wire.mark(), c.host(0).ipv4(), 150, Duration.ofSeconds(5));
                }
                var adverts = wire.adverts(wireMark).stream().filter(a -> a.source().equals(c.host(0).ipv4())).toList();
                for (int i = 1; i < adverts.size(); i++) {
                    assertThat(adverts.get(i).time() - adverts.get(i - 1).time()).as("advert gap across the reload")
                            .isLessThan(1.0 + 0.5);
                }
                assertThat(c.node(0).log().matching(m0, "Entering (MASTER|BACKUP|FAULT) STATE")).isEmpty();
                assertThat(c.node(1).log().matching(m1, "Entering (MASTER|BACKUP|FAULT) STATE")).isEmpty();
                assertThat(c.lan().holdersOf(VIP4)).containsExactly(c.host(0));
            }
        }
    }

    @Test
    void reloadAddingAVipAppliesIt() {
        var extra = "198.18.0.101";
        try (var c = Cluster.create("jk-h-rlv", 2)) {
            c.start(0, impl(), KeepalivedConf.of("node1", instance(0)));
            c.start(1, impl(), KeepalivedConf.of("node2", instance(1)));
            Takeover.awaitElected(c, 0, VI, VIP4, 2);
            var wider = new VrrpInstanceConf(VI, "eth0", 51, 150, false, 2, "1",
                    java.util.List.of(VIP4 + "/24", extra + "/24"), java.util.Optional.empty(), false, false,
                    java.util.Optional.empty(), java.util.List.of(), java.util.List.of());
            c.node(0).rewriteConfig(KeepalivedConf.of("node1", wider).render());
            c.node(0).reload();
            c.lan().awaitVip(c.host(0), extra, true, Duration.ofSeconds(10));
            assertThat(c.lan().holds(c.host(0), VIP4)).isTrue();
            assertThat(c.lan().holds(c.host(1), extra)).isFalse();
        }
    }


    @Test
    void aFailingUnweightedScriptPutsTheMasterInFault() throws Exception {
        faultFromScript("exit 1", "");
    }

    @Test
    void aHangingScriptTimesOutAndCountsAsFailure() throws Exception {
        faultFromScript("exec sleep 60", "timeout 1");
    }

    /**
     * A weight-0 tracked script that passes until a flag file appears, then runs {@code onFlag}: the
     * master goes to FAULT, drops the VIP and the peer takes over.
     */
    private void faultFromScript(String onFlag, String extra) throws Exception {
        // script security refuses scripts under world-writable directories such as /tmp
        var dir = Files.createTempDirectory(Files.createDirectories(Impl.repoRoot().resolve("target")), "jk-h-script",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        var flag = dir.resolve("flag");
        var check = dir.resolve("check.sh");
        Files.writeString(check, "#!/bin/sh\nif [ -e " + flag + " ]; then " + onFlag + "; fi\nexit 0\n");
        Files.setPosixFilePermissions(check, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (var c = Cluster.create("jk-h-flt", 2)) {
            var script = """
                    vrrp_script chk {
                        script "%s"
                        interval 1
                        %s
                        fall 2
                        rise 1
                    }""".formatted(check, extra);
            var master = KeepalivedConf.of("node1", instance(0).withExtra("track_script {", "    chk", "}"))
                    .withGlobal("enable_script_security", "script_user root").withBlock(script);
            c.start(0, impl(), master);
            c.start(1, impl(), KeepalivedConf.of("node2", instance(1)));
            Takeover.awaitElected(c, 0, VI, VIP4, 2);
            int mark = c.node(0).log().mark();
            Files.createFile(flag);
            // fall 2 at interval 1 (+ timeout 1): FAULT within a few seconds
            c.node(0).awaitState(mark, VI, State.FAULT, Duration.ofSeconds(15));
            c.lan().awaitVip(c.host(0), VIP4, false, Duration.ofSeconds(5));
            c.node(1).awaitState(0, VI, State.MASTER, seconds(instance(1).masterDownSeconds() + 2 * TOLERANCE_SECONDS));
            c.lan().awaitSoleHolder(c.host(1), VIP4, Duration.ofSeconds(5));
        } finally {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
