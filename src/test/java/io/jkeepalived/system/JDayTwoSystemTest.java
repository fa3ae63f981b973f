package io.jkeepalived.system;

import static io.jkeepalived.testing.Lan.VIP4;
import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.testing.Capture;
import io.jkeepalived.testing.Cluster;
import io.jkeepalived.testing.Impl;
import io.jkeepalived.testing.KeepalivedConf;
import io.jkeepalived.testing.Takeover;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The day-2 scenarios with jkeepalived. */
class JDayTwoSystemTest extends DayTwoScenarios {
    @Override
    Impl impl() {
        return Impl.J;
    }

    /**
     * jkeepalived only: without {@code reload_check_config}, C keepalived 2.2.7 exits altogether when
     * a reload meets an invalid VRID ("exited with permanent error CONFIG. Terminating"): its adverts
     * stop, the peer takes over and the VIP stays behind on this node. Issue 5 asks that a broken
     * config be refused and the running one kept, with or without that keyword (with it, C does so
     * too: DayTwoScenarios.aBrokenConfigOnReloadKeepsEverythingRunning).
     */
    @Test
    void reloadingABrokenConfigKeepsTheRunningOne() {
        try (var c = Cluster.create("jk-h-rlb", 2)) {
            c.start(0, impl(), KeepalivedConf.of("node1", instance(0)));
            c.start(1, impl(), KeepalivedConf.of("node2", instance(1)));
            Takeover.awaitElected(c, 0, VI, VIP4, 2);
            try (var wire = Capture.lines(c.lan().hub(), c.host(1).port(), Capture.VRRP)) {
                int m0 = c.node(0).log().mark();
                c.node(0).rewriteConfig("vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 300\n");
                c.node(0).reload();
                for (int i = 0; i < 3; i++) {
                    wire.awaitAdvert(wire.mark(), c.host(0).ipv4(), 150, Duration.ofSeconds(5));
                }
                assertThat(c.node(0).alive()).isTrue();
                assertThat(c.node(0).log().matching(m0, "Entering (MASTER|BACKUP|FAULT) STATE")).isEmpty();
                assertThat(c.lan().holdersOf(VIP4)).containsExactly(c.host(0));
            }
        }
    }
}
