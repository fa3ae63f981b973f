package io.jkeepalived.daemon.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PlanTableTest {
    static final DaemonPlan TWO = ConfigAdapterTest.plan("""
            vrrp_instance VI_2 { interface eth0
              virtual_router_id 2
              virtual_ipaddress { 198.18.0.2 } }
            vrrp_instance VI_1 { interface eth0
              virtual_router_id 1
              virtual_ipaddress { 198.18.0.1 } }
            """);

    @Test
    void everyWriteIsCountedAndConfigurationOrderIsKept() {
        PlanTable t = new PlanTable();
        TWO.instances().forEach(p -> t.put(p.name(), p));
        assertThat(t.changes()).isEqualTo(2);
        assertThat(t.keySet()).containsExactly("VI_2", "VI_1");
        t.putAll(java.util.Map.of("VI_1", TWO.instances().get(1)));
        t.remove("VI_2");
        assertThat(t.changes()).isEqualTo(4);
        t.clear();
        assertThat(t.changes()).isEqualTo(5);
        assertThat(t).isEmpty();
    }

    @Test
    void itsViewsCannotWriteBehindTheCount() {
        PlanTable t = new PlanTable();
        TWO.instances().forEach(p -> t.put(p.name(), p));
        assertThatThrownBy(() -> t.keySet().retainAll(Set.of("VI_1"))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> t.values().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> t.entrySet().iterator().next().setValue(TWO.instances().get(1)))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(t.changes()).isEqualTo(2);
        assertThat(t).hasSize(2);
    }
}
