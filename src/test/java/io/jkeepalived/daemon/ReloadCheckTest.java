package io.jkeepalived.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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
        assertThat(names(d.added())).containsExactly("VI_3");
        assertThat(d.removed()).containsExactly("VI_2");
        assertThat(names(d.reconfigured())).containsExactly("VI_1");
    }

    private static ReloadDiff diff(String before, String after) {
        DaemonPlan old = ConfigAdapterTest.plan(before);
        java.util.Map<String, InstancePlan> running = new java.util.LinkedHashMap<>();
        old.instances().forEach(p -> running.put(p.name(), p));
        return ReloadDiff.of(running, old.groups(), ConfigAdapterTest.plan(after));
    }

    private static List<String> names(List<InstancePlan> ps) {
        return ps.stream().map(InstancePlan::name).toList();
    }

    @Test
    void sameConfigChangesNothing() {
        assertThat(diff(BASE, BASE).isEmpty()).isTrue();
    }

    @Test
    void priorityVipsAndTrackersAreChangedInPlace() {
        String next = BASE.replace("priority 150", "priority 160").replace("198.18.0.101", "198.18.0.104");
        var d = diff(BASE, next);
        assertThat(names(d.reconfigured())).containsExactly("VI_1", "VI_2");
        assertThat(d.restarted()).isEmpty();
        assertThat(d.added()).isEmpty();
        assertThat(d.removed()).isEmpty();
    }

    @Test
    void anotherVridOrInterfaceRestarts() {
        var d = diff(BASE, BASE.replace("virtual_router_id 52", "virtual_router_id 62"));
        assertThat(names(d.restarted())).containsExactly("VI_2");
        assertThat(d.reconfigured()).isEmpty();
    }

    @Test
    void anotherMulticastGroupRestartsButNewUnicastPeersApplyInPlace() {
        var d = diff(BASE, "global_defs {\n vrrp_mcast_group4 224.0.0.19\n}\n" + BASE);
        assertThat(names(d.restarted())).containsExactly("VI_1", "VI_2");
        String unicast = BASE.replace("priority 150", "priority 150\n  unicast_peer { 198.18.0.2 }");
        var u = diff(unicast, unicast.replace("198.18.0.2 }", "198.18.0.3 }"));
        assertThat(names(u.reconfigured())).containsExactly("VI_1");
        assertThat(u.restarted()).isEmpty();
    }

    @Test
    void addedAndRemovedByName() {
        var d = diff(BASE, BASE.replace("vrrp_instance VI_2", "vrrp_instance VI_3"));
        assertThat(names(d.added())).containsExactly("VI_3");
        assertThat(d.removed()).containsExactly("VI_2");
    }

    @Test
    void aChangedSyncGroupRestartsAllItsMembersTogether() {
        String grouped = "vrrp_sync_group G1 {\n group {\n VI_1\n VI_2\n }\n}\n" + BASE;
        var d = diff(grouped, grouped.replace("group {", "group {\n# same members\n").replace("G1 {", "G1 {\n"
                + " notify_master /bin/true\n"));
        assertThat(names(d.restarted())).containsExactly("VI_1", "VI_2");
        assertThat(d.startingGroups()).extracting(io.jkeepalived.vrrp.engine.SyncGroupSpec::name).containsExactly("G1");
        // an unchanged group whose member only changed its priority: in place
        var p = diff(grouped, grouped.replace("priority 150", "priority 160"));
        assertThat(names(p.reconfigured())).containsExactly("VI_1");
        assertThat(p.startingGroups()).isEmpty();
    }
}
