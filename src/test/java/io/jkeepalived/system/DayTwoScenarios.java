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
import io.jkeepalived.testing.Node;
import io.jkeepalived.testing.Node.State;
import io.jkeepalived.testing.Takeover;
import io.jkeepalived.testing.VrrpInstanceConf;
import io.jkeepalived.testing.SplitBrainChecks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.function.IntFunction;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What operators wire around the state machine (issue 5), on a two-node LAN: a failing weighted
 * {@code vrrp_script} lowers the advertised priority and moves the VIP; a SIGHUP reload of an
 * unchanged config keeps the master without an advert gap; a reload applies what changed (VIPs added
 * or removed, priorities, script weights, a new instance) in place, without a state change, and a
 * reload of a broken config changes nothing.
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

    /** How soon a reload's effect must show on the wire: a few advert intervals, plus scheduling slack. */
    static final Duration FEW_INTERVALS = seconds(3 * instance(0).advertSeconds() + TOLERANCE_SECONDS);

    /** The first VRRP instance's virtual router, as it appears in adverts. */
    static final int VRID = instance(0).vrid();

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
    void reloadRemovingAVipRemovesItFromTheMaster() {
        var second = "198.18.0.101";
        IntFunction<VrrpInstanceConf> both = n -> VrrpInstanceConf.v2(VI, VRID, instance(n).priority(), VIP4 + "/24",
                second + "/24");
        try (var c = Cluster.create("jk-h-rlr", 2)) {
            c.start(0, impl(), KeepalivedConf.of("node1", both.apply(0)));
            c.start(1, impl(), KeepalivedConf.of("node2", both.apply(1)));
            Takeover.awaitElected(c, 0, VI, VIP4, 2);
            c.lan().awaitSoleHolder(c.host(0), second, Duration.ofSeconds(5));
            try (var w = Watched.from(c, 150)) {
                // only the master's config changes: the backup holds no VIP, so it has nothing to remove
                // (C's backup then logs "received an unexpected ip number count 1, expected 2!" but
                // still accepts the master's adverts)
                c.node(0).rewriteConfig(KeepalivedConf.of("node1", instance(0)).render());
                c.node(0).reload();
                c.lan().awaitVip(c.host(0), second, false, Duration.ofSeconds(10));
                // a few more adverts: a state change the reload provoked would have shown by then
                awaitAdverts(w.wire(), c.host(0).ipv4(), VRID, 150, 3);
                assertThat(c.lan().holdersOf(second)).as("holders of the removed VIP").isEmpty();
                w.assertUndisturbed();
            }
        }
    }

    @Test
    void reloadChangingThePriorityKeepsTheMasterAndAdvertisesTheNewPriority() {
        try (var c = Cluster.create("jk-h-rlp", 2)) {
            c.start(0, impl(), KeepalivedConf.of("node1", instance(0)));
            c.start(1, impl(), KeepalivedConf.of("node2", instance(1)));
            Takeover.awaitElected(c, 0, VI, VIP4, 2);
            try (var w = Watched.from(c, 150)) {
                c.node(0).rewriteConfig(KeepalivedConf.of("node1", instance(0).withPriority(160)).render());
                c.node(0).reload();
                w.wire().awaitAdvert(w.wireMark(), c.host(0).ipv4(), 160, FEW_INTERVALS);
                awaitAdverts(w.wire(), c.host(0).ipv4(), VRID, 160, 2);
                w.assertUndisturbed();
            }
        }
    }

    /**
     * The other half of the priority reload: the new priority is live, not just printed. Lowered
     * below the backup's, the master's adverts carry it, and the backup (preempting by default) no
     * longer accepts them as a master's and takes over when its master-down timer expires.
     */
    @Test
    void reloadLoweringThePriorityBelowTheBackupHandsTheVipOver() {
        try (var c = Cluster.create("jk-h-rll", 2)) {
            c.start(0, impl(), KeepalivedConf.of("node1", instance(0)));
            c.start(1, impl(), KeepalivedConf.of("node2", instance(1)));
            Takeover.awaitElected(c, 0, VI, VIP4, 2);
            try (var wire = Capture.lines(c.lan().hub(), c.host(1).port(), Capture.VRRP)) {
                wire.awaitAdvert(0, c.host(0).ipv4(), 150, Duration.ofSeconds(5));
                int m1 = c.node(1).log().mark();
                int wireMark = wire.mark();
                c.node(0).rewriteConfig(KeepalivedConf.of("node1", instance(0).withPriority(50)).render());
                c.node(0).reload();
                wire.awaitAdvert(wireMark, c.host(0).ipv4(), 50, FEW_INTERVALS);
                c.node(1).awaitState(m1, VI, State.MASTER,
                        seconds(instance(1).masterDownSeconds() + 2 * TOLERANCE_SECONDS));
                wire.awaitAdvert(wireMark, c.host(1).ipv4(), 100, Duration.ofSeconds(5));
                // the old master hears 100 > 50 and steps down
                c.node(0).awaitLastState(VI, State.BACKUP, Duration.ofSeconds(5));
                c.lan().awaitSoleHolder(c.host(1), VIP4, Duration.ofSeconds(5));
                SplitBrainChecks.assertNoSplitBrain(SplitBrainChecks.DEFAULT_WINDOW, c.node(0), c.node(1));
            }
        }
    }

    @Test
    void reloadChangingAScriptWeightAppliesIt() {
        // /usr/bin is root's alone, as script security requires
        IntFunction<KeepalivedConf> master = weight -> KeepalivedConf.of("node1",
                        instance(0).withExtra("track_script {", "    ok", "}"))
                .withGlobal("enable_script_security", "script_user root").withBlock("""
                        vrrp_script ok {
                            script "/usr/bin/true"
                            interval 1
                            weight %d
                            fall 1
                            rise 1
                        }""".formatted(weight));
        try (var c = Cluster.create("jk-h-rlw", 2)) {
            c.start(0, impl(), master.apply(10));
            c.start(1, impl(), KeepalivedConf.of("node2", instance(1)));
            Takeover.awaitElected(c, 0, VI, VIP4, 2);
            // a succeeding script with a positive weight adds it to the base priority: 150 + 10
            try (var w = Watched.from(c, 160)) {
                c.node(0).rewriteConfig(master.apply(20).render());
                c.node(0).reload();
                // the script runs every second: a few intervals cover its next run under the new weight
                w.wire().awaitAdvert(w.wireMark(), c.host(0).ipv4(), 170, FEW_INTERVALS);
                awaitAdverts(w.wire(), c.host(0).ipv4(), VRID, 170, 2);
                w.assertUndisturbed();
            }
        }
    }

    @Test
    void reloadAddingAnInstanceStartsItAndLeavesTheOtherAlone() {
        var vip2 = "198.18.0.102";
        IntFunction<VrrpInstanceConf> second = n -> VrrpInstanceConf.v2("VI_2", 52, instance(n).priority(),
                vip2 + "/24");
        try (var c = Cluster.create("jk-h-rli", 2)) {
            c.start(0, impl(), KeepalivedConf.of("node1", instance(0)));
            c.start(1, impl(), KeepalivedConf.of("node2", instance(1)));
            Takeover.awaitElected(c, 0, VI, VIP4, 2);
            try (var w = Watched.from(c, 150)) {
                // master first, as an operator rolling a change out would
                c.node(0).rewriteConfig(KeepalivedConf.of("node1", instance(0), second.apply(0)).render());
                c.node(0).reload();
                c.node(1).rewriteConfig(KeepalivedConf.of("node2", instance(1), second.apply(1)).render());
                c.node(1).reload();
                // VI_2 starts in BACKUP on both; the higher priority's shorter master-down timer wins
                c.node(0).awaitState(w.m0(), "VI_2", State.MASTER,
                        seconds(second.apply(0).masterDownSeconds() + 3 * TOLERANCE_SECONDS));
                c.node(1).awaitLastState("VI_2", State.BACKUP, Duration.ofSeconds(5));
                c.lan().awaitSoleHolder(c.host(0), vip2, Duration.ofSeconds(5));
                w.wire().awaitAdvert(w.wireMark(), c.host(0).ipv4(), 52, 150, Duration.ofSeconds(5));
                // VI_1 carried on through both reloads and VI_2's election
                awaitAdverts(w.wire(), c.host(0).ipv4(), VRID, 150, 2);
                w.assertUndisturbed();
            }
        }
    }

    /**
     * A reloaded config with an error (a VRID out of range, which both {@code keepalived -t} and
     * {@code jkeepalived -t} reject) is refused and the running one kept. C keepalived 2.2.7 only
     * validates before reloading when {@code reload_check_config} is set ("New config failed
     * validation"); without it, its VRRP process exits on the error and the whole daemon follows
     * ("exited with permanent error CONFIG. Terminating"), leaving the VIP on the interface while the
     * peer takes over. jkeepalived always validates (the keyword is accepted and ignored).
     */
    @Test
    void aBrokenConfigOnReloadKeepsEverythingRunning() throws IOException {
        // C writes the validation's messages here; a directory of our own, not world-writable /tmp itself
        var dir = Files.createTempDirectory("jk-h-rlc");
        var good = KeepalivedConf.of("node1", instance(0))
                .withGlobal("reload_check_config " + dir.resolve("reload-check.log"));
        var broken = good.render().replace("virtual_router_id " + VRID, "virtual_router_id 300");
        try (var c = Cluster.create("jk-h-rlc", 2)) {
            c.start(0, impl(), good);
            c.start(1, impl(), KeepalivedConf.of("node2", instance(1)));
            Takeover.awaitElected(c, 0, VI, VIP4, 2);
            try (var w = Watched.from(c, 150)) {
                c.node(0).rewriteConfig(broken);
                c.node(0).reload();
                c.node(0).log().await(w.m0(), switch (impl()) {
                    case C -> "New config failed validation";
                    case J -> "Reload refused";
                }, Duration.ofSeconds(10));
                awaitAdverts(w.wire(), c.host(0).ipv4(), VRID, 150, 3);
                assertThat(c.node(0).alive()).isTrue();
                w.assertUndisturbed();
            }
        } finally {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * Two nodes elected with node 1 MASTER, node 1's adverts captured on node 2's switch port, and
     * where the logs and the capture stood before the reload under test.
     */
    record Watched(Cluster c, Capture wire, int m0, int m1, int wireMark) implements AutoCloseable {
        /** Opens the capture and waits for node 1's first advert at {@code priority}. */
        static Watched from(Cluster c, int priority) {
            Capture wire = Capture.lines(c.lan().hub(), c.host(1).port(), Capture.VRRP);
            wire.awaitAdvert(0, c.host(0).ipv4(), VRID, priority, Duration.ofSeconds(5));
            return new Watched(c, wire, c.node(0).log().mark(), c.node(1).log().mark(), wire.mark());
        }

        /** VI_1 went on as before: no state change on either node, no advert gap, node 1 alone holds the VIP. */
        void assertUndisturbed() {
            assertNoStateChange(c.node(0), VI, m0);
            assertNoStateChange(c.node(1), VI, m1);
            assertNoAdvertGap(wire, wireMark, c.host(0).ipv4(), VRID);
            assertThat(c.lan().holdersOf(VIP4)).containsExactly(c.host(0));
        }

        @Override
        public void close() {
            wire.close();
        }
    }

    /** Waits for {@code count} more adverts from {@code source} for {@code vrid} at {@code priority}. */
    private static void awaitAdverts(Capture wire, String source, int vrid, int priority, int count) {
        for (int i = 0; i < count; i++) {
            wire.awaitAdvert(wire.mark(), source, vrid, priority, Duration.ofSeconds(5));
        }
    }

    /** The master's adverts for {@code vrid} since {@code wireMark} came at most 1.5 intervals apart. */
    private static void assertNoAdvertGap(Capture wire, int wireMark, String source, int vrid) {
        var adverts = wire.adverts(wireMark).stream()
                .filter(a -> a.source().equals(source) && a.vrid() == vrid).toList();
        // for the failure message: each advert's time relative to the first, and its priority
        var seen = adverts.stream().map(a -> "+%.3f s prio %d".formatted(a.time() - adverts.getFirst().time(),
                a.priority())).toList();
        for (int i = 1; i < adverts.size(); i++) {
            assertThat(adverts.get(i).time() - adverts.get(i - 1).time())
                    .as("gap before advert %d across the reload; adverts from %s: %s", i, source, seen)
                    .isLessThan(1.5);
        }
    }

    /** No {@code (instance) Entering … STATE} since {@code mark}: the reload was applied in place. */
    private static void assertNoStateChange(Node node, String instance, int mark) {
        var entered = Pattern.quote("(" + instance + ") Entering ") + "(MASTER|BACKUP|FAULT) STATE";
        assertThat(node.log().matching(mark, entered)).as("%s state changes of %s after the reload", node, instance).isEmpty();
    }


    /**
     * Two SIGHUPs a few milliseconds apart, the config rewritten in between (150 -> 160 -> 150):
     * whatever order the reloads run in, the daemon must end on the config on disk after the last
     * signal. Twenty trials; adverts at 0.1 s so that each settles in about a second.
     */
    @Test
    void overlappingReloadsEndOnTheLastConfig() throws Exception {
        IntFunction<VrrpInstanceConf> fast = n -> VrrpInstanceConf.v3(VI, 51, n == 0 ? 150 : 100, "0.1", VIP4 + "/24");
        try (var c = Cluster.create("jk-h-rlrace", 2)) {
            c.start(0, impl(), KeepalivedConf.of("node1", fast.apply(0)));
            c.start(1, impl(), KeepalivedConf.of("node2", fast.apply(1)));
            Takeover.awaitElected(c, 0, VI, VIP4, 2);
            try (var wire = Capture.lines(c.lan().hub(), c.host(1).port(), Capture.VRRP)) {
                wire.awaitAdvert(0, c.host(0).ipv4(), VRID, 150, Duration.ofSeconds(5));
                String at150 = KeepalivedConf.of("node1", fast.apply(0)).render();
                String at160 = KeepalivedConf.of("node1", fast.apply(0).withPriority(160)).render();
                java.util.List<String> wrong = new java.util.ArrayList<>();
                for (int trial = 0; trial < 20; trial++) {
                    c.node(0).rewriteConfig(at160);
                    c.node(0).reload();
                    Thread.sleep(3);
                    c.node(0).rewriteConfig(at150);
                    c.node(0).reload();
                    int mark = wire.mark();
                    // ten adverts (about 1 s) for both reloads to finish, then the last five tell where it ended
                    for (int i = 0; i < 10; i++) {
                        wire.awaitAdvert(wire.mark(), c.host(0).ipv4(), VRID, -1, Duration.ofSeconds(5));
                    }
                    var last = wire.adverts(mark).stream().filter(a -> a.source().equals(c.host(0).ipv4())).toList();
                    var tail = last.subList(Math.max(0, last.size() - 5), last.size());
                    if (tail.stream().anyMatch(a -> a.priority() != 150)) {
                        wrong.add("trial " + trial + ": " + tail.stream().map(a -> a.priority()).toList());
                    }
                }
                assertThat(wrong).as("trials that did not end on priority 150").isEmpty();
            }
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
