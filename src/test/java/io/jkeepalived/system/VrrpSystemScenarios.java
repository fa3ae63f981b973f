package io.jkeepalived.system;

import static io.jkeepalived.testing.Lan.VIP4;
import static io.jkeepalived.testing.Lan.VIP6;
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
import io.jkeepalived.testing.Pinger;
import io.jkeepalived.testing.SplitBrainChecks;
import io.jkeepalived.testing.Takeover;
import io.jkeepalived.testing.Takeover.Stop;
import io.jkeepalived.testing.VrrpInstanceConf;
import java.time.Duration;
import java.util.function.IntFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The VRRP daemon on a real (namespaced) LAN: a bridge, two or three nodes running one keepalived
 * implementation, and a client. Written against protocol bounds only, so the same scenarios pass
 * for C keepalived (which proves each test is meaningful) and must pass for jkeepalived.
 */
@Tag("system")
abstract class VrrpSystemScenarios {

    static final String VI = "VI_1";
    static final int VRID = 51;

    /** The implementation every node runs. */
    abstract Impl impl();

    @BeforeEach
    void needsRootAndImplementation() {
        assumeTrue(ProcessHandle.current().info().user().orElse("").equals("root"), "needs root");
        assumeTrue(impl().available(), impl() + " not installed/built");
    }

    private static KeepalivedConf conf(int node, VrrpInstanceConf instance) {
        return KeepalivedConf.of("node" + (node + 1), instance);
    }

    /** Starts every node with its own instance config, highest priority first. */
    private void startAll(Cluster c, int nodes, IntFunction<VrrpInstanceConf> instance) {
        for (int i = 0; i < nodes; i++) {
            c.start(i, impl(), conf(i, instance.apply(i)));
        }
    }

    private static final int[] PRIORITIES = {150, 100, 50};

    private static VrrpInstanceConf v2(int node) {
        return VrrpInstanceConf.v2(VI, VRID, PRIORITIES[node], VIP4 + "/24");
    }

    @Test
    void threeNodesElectTheHighestPriorityAndOnlyItHoldsTheVip() {
        try (var c = Cluster.create("jk-h-elect", 3)) {
            startAll(c, 3, VrrpSystemScenarios::v2);
            Takeover.awaitElected(c, 0, VI, VIP4, 3);
            assertThat(c.lan().holdersOf(VIP4)).containsExactly(c.host(0));
            try (var ping = Pinger.start(c.lan().client().ns(), VIP4)) {
                ping.awaitReply(0, Duration.ofSeconds(5));
            }
            assertThat(c.lan().clientNeighbourMac(VIP4)).contains(c.lan().mac(c.host(0)));
        }
    }

    @Test
    void kill9OfTheMasterHandsTheVipToTheNextHighestWithinMasterDownInterval() {
        try (var c = Cluster.create("jk-h-kill", 3)) {
            startAll(c, 3, VrrpSystemScenarios::v2);
            Takeover.awaitElected(c, 0, VI, VIP4, 3);
            try (var ping = Pinger.start(c.lan().client().ns(), VIP4)) {
                ping.awaitReply(0, Duration.ofSeconds(5));
                double masterDown = v2(1).masterDownSeconds();
                var m = Takeover.stopMaster(c, 0, 1, Stop.KILL9, VI, c.host(0).ipv4(), c.host(1).ipv4(),
                        masterDown + 2 * TOLERANCE_SECONDS);
                assertThat(m.silenceSeconds()).as("old master's last advert → new master's first")
                        .isBetween(masterDown - 0.1, masterDown + TOLERANCE_SECONDS);
                c.lan().awaitVip(c.host(1), VIP4, true, Duration.ofSeconds(5));
                assertThat(c.lan().holds(c.host(2), VIP4)).isFalse();
                int mark = ping.mark();
                ping.awaitReply(mark, seconds(2 * TOLERANCE_SECONDS));
                double gap = ping.longestGapSeconds(0);
                assertThat(gap).as("client's ping gap").isLessThan(masterDown + 2 * TOLERANCE_SECONDS);
                assertThat(c.lan().clientNeighbourMac(VIP4)).contains(c.lan().mac(c.host(1)));
                assertThat(c.node(2).lastStateIs(VI, State.BACKUP)).as("the lowest priority stays BACKUP").isTrue();
            }
        }
    }

    @Test
    void sigtermHandsOverInUnderASecondThroughPriorityZero() {
        try (var c = Cluster.create("jk-h-term", 2)) {
            startAll(c, 2, VrrpSystemScenarios::v2);
            Takeover.awaitElected(c, 0, VI, VIP4, 2);
            var m = Takeover.stopMaster(c, 0, 1, Stop.SIGTERM, VI, c.host(0).ipv4(), c.host(1).ipv4(), 5);
            assertThat(m.lastOldAdvert().priority()).as("the stopping master's last advert").isZero();
            assertThat(m.silenceSeconds()).as("priority 0 → new master's first advert (skew_time %.3f s)",
                    v2(1).skewSeconds()).isLessThan(1.0);
            assertThat(c.node(0).awaitExit(Duration.ofSeconds(10))).as("graceful exit").isPresent();
            assertThat(c.lan().holds(c.host(0), VIP4)).as("VIP removed by the stopping master").isFalse();
            c.lan().awaitSoleHolder(c.host(1), VIP4, Duration.ofSeconds(5));
            SplitBrainChecks.assertNoSplitBrain(c.node(1), SplitBrainChecks.DEFAULT_WINDOW);
        }
    }

    @Test
    void theNewMastersGratuitousArpReachesTheClient() {
        try (var c = Cluster.create("jk-h-garp", 2)) {
            startAll(c, 2, VrrpSystemScenarios::v2);
            Takeover.awaitElected(c, 0, VI, VIP4, 2);
            try (var arp = Capture.lines(c.lan().client().ns(), "eth0", "arp")) {
                var mac = c.lan().mac(c.host(1));
                c.crash(0);
                c.node(1).awaitState(0, VI, State.MASTER, seconds(v2(1).masterDownSeconds() + 2 * TOLERANCE_SECONDS));
                var garp = arp.log().await(0, mac + " > ff:ff:ff:ff:ff:ff.*ARP.*(who-has " + VIP4.replace(".", "\\.")
                        + " .*tell " + VIP4.replace(".", "\\.") + "|Reply " + VIP4.replace(".", "\\.") + " is-at)",
                        Duration.ofSeconds(5));
                assertThat(garp.text()).contains(VIP4);
            }
        }
    }

    /**
     * An operator's {@code ip addr del} of the VIP on the MASTER: the daemon notices over netlink
     * and puts it back (C keepalived takes about 0.5 s), with a gratuitous ARP, and the backup
     * never takes over because the master kept advertising throughout.
     */
    @Test
    void aVipDeletedByHandOnTheMasterComesBackWithinASecond() {
        try (var c = Cluster.create("jk-h-vipdel", 2)) {
            startAll(c, 2, VrrpSystemScenarios::v2);
            Takeover.awaitElected(c, 0, VI, VIP4, 2);
            int backupMark = c.node(1).log().mark();
            try (var arp = Capture.lines(c.lan().client().ns(), "eth0", "arp")) {
                for (int round = 0; round < 3; round++) {
                    int arpMark = arp.log().mark();
                    long t0 = System.nanoTime();
                    c.host(0).ns().ip("addr", "del", VIP4 + "/24", "dev", c.host(0).iface());
                    c.lan().awaitVip(c.host(0), VIP4, true, Duration.ofSeconds(3));
                    double took = (System.nanoTime() - t0) / 1e9;
                    assertThat(took).as("round %d: VIP back on the master after %.3f s", round, took)
                            .isLessThan(1.0);
                    arp.log().await(arpMark, c.lan().mac(c.host(0)) + " > ff:ff:ff:ff:ff:ff.*ARP.*"
                            + VIP4.replace(".", "\\."), Duration.ofSeconds(3));
                }
            }
            assertThat(c.node(0).lastStateIs(VI, State.MASTER)).isTrue();
            assertThat(c.node(1).log().matching(backupMark, ".*Entering MASTER STATE.*"))
                    .as("the backup never took over").isEmpty();
            assertThat(c.lan().holdersOf(VIP4)).containsExactly(c.host(0));
        }
    }

    /** The same for a virtual route and a virtual rule deleted by hand on the MASTER. */
    @Test
    void aVirtualRouteAndRuleDeletedByHandOnTheMasterComeBack() {
        try (var c = Cluster.create("jk-h-rtdel", 2)) {
            startAll(c, 2, n -> v2(n).withExtra("virtual_routes {", "  198.18.7.0/24 dev eth0 table 100", "}",
                    "virtual_rules {", "  from 198.18.0.100 table 100 priority 100", "}"));
            Takeover.awaitElected(c, 0, VI, VIP4, 2);
            var ns = c.host(0).ns();
            awaitOutput(() -> ns.ip("route", "show", "table", "100"), "198.18.7.0/24", true);
            awaitOutput(() -> ns.ip("rule", "show"), "198.18.0.100", true);
            ns.ip("route", "del", "198.18.7.0/24", "table", "100");
            awaitOutput(() -> ns.ip("route", "show", "table", "100"), "198.18.7.0/24", true);
            awaitOutput(() -> ns.ip("rule", "show"), "198.18.0.100", true);
            ns.ip("rule", "del", "priority", "100");
            awaitOutput(() -> ns.ip("rule", "show"), "198.18.0.100", true);
            awaitOutput(() -> ns.ip("route", "show", "table", "100"), "198.18.7.0/24", true);
            assertThat(c.node(0).lastStateIs(VI, State.MASTER)).isTrue();
        }
    }

    /** Polls a command's output (kernel state has no event the test can wait on) for up to 1 s. */
    private static void awaitOutput(java.util.function.Supplier<String> command, String text, boolean present) {
        long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        String out;
        while ((out = command.get()).contains(text) != present) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("after 1 s, '" + text + "' " + (present ? "missing from" : "still in")
                        + ":\n" + out);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void aReturningHigherPriorityNodePreempts() {
        try (var c = Cluster.create("jk-h-pre", 2)) {
            startAll(c, 2, VrrpSystemScenarios::v2);
            Takeover.awaitElected(c, 0, VI, VIP4, 2);
            c.crash(0);
            c.node(1).awaitState(0, VI, State.MASTER, STARTUP);
            c.lan().plugBack(c.host(0));
            int mark = c.node(1).log().mark();
            c.start(0, impl(), conf(0, v2(0)));
            c.node(0).awaitState(0, VI, State.MASTER, STARTUP);
            c.node(1).awaitState(mark, VI, State.BACKUP, Duration.ofSeconds(5));
            c.lan().awaitSoleHolder(c.host(0), VIP4, Duration.ofSeconds(5));
            // the returning master's GARP burst, and a backup that just lost the VIP: no split brain
            SplitBrainChecks.assertNoSplitBrain(SplitBrainChecks.DEFAULT_WINDOW, c.node(0), c.node(1));
        }
    }

    @Test
    void nopreemptKeepsTheCurrentMasterWhenAHigherPriorityNodeReturns() {
        try (var c = Cluster.create("jk-h-nopre", 2)) {
            // With nopreempt on both, whoever's down timer expires first keeps the VIP: node 1 must be
            // MASTER before node 2 starts, or a slow start of node 1 makes node 2 the master for good.
            c.start(0, impl(), conf(0, v2(0).withNopreempt()));
            c.node(0).awaitState(0, VI, State.MASTER, STARTUP);
            c.start(1, impl(), conf(1, v2(1).withNopreempt()));
            Takeover.awaitElected(c, 0, VI, VIP4, 2);
            c.crash(0);
            c.node(1).awaitState(0, VI, State.MASTER, STARTUP);
            c.lan().plugBack(c.host(0));
            c.start(0, impl(), conf(0, v2(0).withNopreempt()));
            c.node(0).awaitState(0, VI, State.BACKUP, STARTUP);
            // awaiting an absence: bounded by two master_down_intervals of the returning node
            var preempted = c.node(0).log().awaitLine(0, l -> l.contains("(" + VI + ") Entering MASTER STATE"),
                    seconds(2 * v2(0).masterDownSeconds()));
            assertThat(preempted).as("nopreempt node took over").isEmpty();
            assertThat(c.lan().holdersOf(VIP4)).containsExactly(c.host(1));
        }
    }

    @Test
    void linkDownGivesFaultAndRemovesTheVipAndLinkUpRecovers() {
        try (var c = Cluster.create("jk-h-fault", 2)) {
            startAll(c, 2, VrrpSystemScenarios::v2);
            Takeover.awaitElected(c, 0, VI, VIP4, 2);
            int mark = c.node(0).log().mark();
            c.lan().linkDown(c.host(0));
            c.node(0).awaitState(mark, VI, State.FAULT, Duration.ofSeconds(5));
            c.lan().awaitVip(c.host(0), VIP4, false, Duration.ofSeconds(5));
            c.node(1).awaitState(0, VI, State.MASTER, seconds(v2(1).masterDownSeconds() + 2 * TOLERANCE_SECONDS));
            mark = c.node(0).log().mark();
            c.lan().linkUp(c.host(0));
            c.node(0).awaitState(mark, VI, State.BACKUP, Duration.ofSeconds(10));
            c.node(0).awaitState(mark, VI, State.MASTER, STARTUP);
            c.lan().awaitSoleHolder(c.host(0), VIP4, Duration.ofSeconds(5));
        }
    }

    @Test
    void ipv6WithVrrpV3FailsOverAndTheClientFollows() {
        try (var c = Cluster.create("jk-h-v6", 2)) {
            IntFunction<VrrpInstanceConf> v3 = i -> VrrpInstanceConf.v3(VI, VRID, PRIORITIES[i], "0.5", VIP6 + "/64");
            startAll(c, 2, v3);
            Takeover.awaitElected(c, 0, VI, VIP6, 2);
            try (var ping = Pinger.start(c.lan().client().ns(), VIP6)) {
                ping.awaitReply(0, Duration.ofSeconds(5));
                double masterDown = v3.apply(1).masterDownSeconds();
                var m = Takeover.stopMaster(c, 0, 1, Stop.KILL9, VI, c.lan().linkLocal(c.host(0)),
                        c.lan().linkLocal(c.host(1)), masterDown + 2 * TOLERANCE_SECONDS);
                assertThat(m.firstNewAdvert().version()).isEqualTo(3);
                assertThat(m.silenceSeconds()).isBetween(masterDown - 0.1, masterDown + TOLERANCE_SECONDS);
                c.lan().awaitVip(c.host(1), VIP6, true, Duration.ofSeconds(5));
                ping.awaitReply(ping.mark(), seconds(2 * TOLERANCE_SECONDS));
                assertThat(c.lan().clientNeighbourMac(VIP6)).contains(c.lan().mac(c.host(1)));
            }
        }
    }

    @Test
    void unicastPeersElectAndFailOver() {
        try (var c = Cluster.create("jk-h-uni", 2)) {
            var hosts = c.lan().nodes();
            IntFunction<VrrpInstanceConf> uni = i -> v2(i).withUnicast(hosts.get(i).ipv4(), hosts.get(1 - i).ipv4());
            startAll(c, 2, uni);
            Takeover.awaitElected(c, 0, VI, VIP4, 2);
            try (var wire = Capture.lines(c.lan().hub(), c.host(1).port(), Capture.VRRP)) {
                var a = wire.awaitAdvert(0, c.host(0).ipv4(), 150, Duration.ofSeconds(5));
                assertThat(a.destination()).as("unicast, not multicast").isEqualTo(c.host(1).ipv4());
            }
            double masterDown = uni.apply(1).masterDownSeconds();
            var m = Takeover.stopMaster(c, 0, 1, Stop.KILL9, VI, c.host(0).ipv4(), c.host(1).ipv4(),
                    masterDown + 2 * TOLERANCE_SECONDS);
            assertThat(m.firstNewAdvert().destination()).isEqualTo(c.host(0).ipv4());
            assertThat(m.silenceSeconds()).isBetween(masterDown - 0.1, masterDown + TOLERANCE_SECONDS);
            c.lan().awaitVip(c.host(1), VIP4, true, Duration.ofSeconds(5));
        }
    }

    @Test
    void vmacKeepsTheVirtualMacAcrossAFailover() {
        var vmac = String.format("00:00:5e:00:01:%02x", VRID);
        var garpFromVmac = vmac + " > ff:ff:ff:ff:ff:ff.*ARP.*who-has " + VIP4.replace(".", "\\.");
        try (var c = Cluster.create("jk-h-vmac", 2); var arp = Capture.lines(c.lan().client().ns(), "eth0", "arp")) {
            startAll(c, 2, i -> v2(i).withVmac());
            Takeover.awaitElected(c, 0, VI, VIP4, 2);
            assertThat(c.lan().interfaceHolding(c.host(0), VIP4)).contains("vrrp." + VRID);
            assertThat(c.lan().macOf(c.host(0), "vrrp." + VRID)).isEqualTo(vmac);
            arp.log().await(0, garpFromVmac, Duration.ofSeconds(5));
            try (var ping = Pinger.start(c.lan().client().ns(), VIP4)) {
                ping.awaitReply(0, Duration.ofSeconds(5));
                int mark = arp.mark();
                c.crash(0);
                c.node(1).awaitState(0, VI, State.MASTER, seconds(v2(1).masterDownSeconds() + 2 * TOLERANCE_SECONDS));
                c.lan().awaitVip(c.host(1), VIP4, true, Duration.ofSeconds(5));
                assertThat(c.lan().interfaceHolding(c.host(1), VIP4)).contains("vrrp." + VRID);
                assertThat(c.lan().macOf(c.host(1), "vrrp." + VRID)).isEqualTo(vmac);
                arp.log().await(mark, garpFromVmac, Duration.ofSeconds(5));
                ping.awaitReply(ping.mark(), seconds(2 * TOLERANCE_SECONDS));
            }
            SplitBrainChecks.assertNoSplitBrain(c.node(1), SplitBrainChecks.DEFAULT_WINDOW);
        }
    }
}
