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
        var v = ReloadCheck.compare(ConfigAdapterTest.config(BASE), ConfigAdapterTest.config(next));
        assertThat(v).isEqualTo(new ReloadCheck.Verdict.Changed(List.of("VI_3"), List.of("VI_2"), List.of("VI_1"),
                false));
    }

    @Test
    void addressOnlyChangesAreRecognised() {
        var before = ConfigAdapterTest.config(BASE);
        var vipOnly = ConfigAdapterTest.config(BASE.replace("198.18.0.100", "198.18.0.104"));
        var priority = ConfigAdapterTest.config(BASE.replace("priority 150", "priority 140"));
        assertThat(ReloadApplier.onlyAddressesDiffer(before, vipOnly, "VI_1")).isTrue();
        assertThat(ReloadApplier.onlyAddressesDiffer(before, priority, "VI_1")).isFalse();
        assertThat(ReloadApplier.onlyAddressesDiffer(before, vipOnly, "VI_9")).isFalse();
    }
}
