package io.jkeepalived.daemon.reload;

import io.jkeepalived.daemon.plan.ConfigAdapterTest;
import io.jkeepalived.daemon.plan.DaemonPlan;
import io.jkeepalived.daemon.plan.InstancePlan;

import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.vrrp.engine.VrrpEngine;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ReloadCheckTest {
    static final String BASE = """
            vrrp_instance VI_1 {
              interface eth0
              virtual_router_id 51
              priority 150
              virtual_ipaddress { 198.18.0.100 }
            }
            vrrp_instance VI_2 {
              interface eth0
              virtual_router_id 52
              virtual_ipaddress { 198.18.0.101 }
            }
            """;

    @Test
    void sameTextIsUnchanged() {
        assertThat(ReloadCheck.compare(ConfigAdapterTest.config(BASE), ConfigAdapterTest.config(BASE + "# comment\n")))
                .isInstanceOf(ReloadCheck.Verdict.Unchanged.class);
    }

    @Test
    void changesAreNamedByInstance() {
        String next = BASE.replace("priority 150", "priority 140")
                .replace("vrrp_instance VI_2", "vrrp_instance VI_3")
                .replace("virtual_router_id 52", "virtual_router_id 53");
        var after = ConfigAdapterTest.config(next);
        assertThat(ReloadCheck.compare(ConfigAdapterTest.config(BASE), after))
                .isEqualTo(new ReloadCheck.Verdict.Changed(after));
        var d = diff(BASE, next);
        assertThat((d.added())).containsExactly("VI_3");
        assertThat(d.removed()).containsExactly("VI_2");
        assertThat((d.reconfigured())).containsExactly("VI_1");
    }

    /** What the engine does with a reload from {@code before} to {@code after}, restarts planned as the daemon plans them. */
    private static VrrpEngine.Reload.Applied diff(String before, String after) {
        DaemonPlan old = ConfigAdapterTest.plan(before);
        DaemonPlan next = ConfigAdapterTest.plan(after);
        VrrpEngine e = ((VrrpEngine.Build.Ok) VrrpEngine.create(old.routers(), old.groups())).engine();
        Set<String> restart = next.instances().stream()
                .filter(p -> old.instance(p.name()).map(o -> !o.sameRouterAs(p)).orElse(false))
                .map(InstancePlan::name).collect(Collectors.toSet());
        return (VrrpEngine.Reload.Applied) e.apply(next.routers(), next.groups(), restart, 0, a -> { });
    }

    private static boolean nothing(VrrpEngine.Reload.Applied d) {
        return d.added().isEmpty() && d.removed().isEmpty() && d.restarted().isEmpty() && d.reconfigured().isEmpty();
    }

    @Test
    void sameConfigChangesNothing() {
        assertThat(nothing(diff(BASE, BASE))).isTrue();
    }

    @Test
    void priorityVipsAndTrackersAreChangedInPlace() {
        String next = BASE.replace("priority 150", "priority 160").replace("198.18.0.101", "198.18.0.104");
        var d = diff(BASE, next);
        assertThat((d.reconfigured())).containsExactly("VI_1", "VI_2");
        assertThat(d.restarted()).isEmpty();
        assertThat(d.added()).isEmpty();
        assertThat(d.removed()).isEmpty();
    }

    @Test
    void anotherVridOrInterfaceRestarts() {
        var d = diff(BASE, BASE.replace("virtual_router_id 52", "virtual_router_id 62"));
        assertThat((d.restarted())).containsExactly("VI_2");
        assertThat(d.reconfigured()).isEmpty();
    }

    @Test
    void anotherMulticastGroupRestartsButNewUnicastPeersApplyInPlace() {
        var d = diff(BASE, "global_defs {\n vrrp_mcast_group4 224.0.0.19\n}\n" + BASE);
        assertThat((d.restarted())).containsExactly("VI_1", "VI_2");
        String unicast = BASE.replace("priority 150", "priority 150\n  unicast_peer { 198.18.0.2 }");
        var u = diff(unicast, unicast.replace("198.18.0.2 }", "198.18.0.3 }"));
        // the peers are the daemon's (its plan's destinations), not the engine's: no restart, no engine change
        assertThat(nothing(u)).isTrue();
        assertThat(ConfigAdapterTest.plan(unicast).instance("VI_1").orElseThrow()
                .sameRouterAs(ConfigAdapterTest.plan(unicast.replace("198.18.0.2 }", "198.18.0.3 }"))
                        .instance("VI_1").orElseThrow())).isTrue();
    }

    @Test
    void addedAndRemovedByName() {
        var d = diff(BASE, BASE.replace("vrrp_instance VI_2", "vrrp_instance VI_3"));
        assertThat((d.added())).containsExactly("VI_3");
        assertThat(d.removed()).containsExactly("VI_2");
    }

    @Test
    void aChangedSyncGroupRestartsAllItsMembersTogether() {
        String grouped = "vrrp_sync_group G1 {\n group {\n VI_1\n VI_2\n }\n}\n" + BASE;
        var d = diff(grouped, grouped.replace("group {", "group {\n# same members\n").replace("G1 {", "G1 {\n"
                + " notify_master /bin/true\n"));
        assertThat((d.restarted())).containsExactly("VI_1", "VI_2");
        // an unchanged group whose member only changed its priority: in place
        var p = diff(grouped, grouped.replace("priority 150", "priority 160"));
        assertThat((p.reconfigured())).containsExactly("VI_1");
        assertThat(p.restarted()).isEmpty();
    }
}
