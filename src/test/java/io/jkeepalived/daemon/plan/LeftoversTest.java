package io.jkeepalived.daemon.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.vrrp.engine.Action;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LeftoversTest {
    static final String CONF = """
            vrrp_instance VI_1 {
              interface eth0
              virtual_router_id 51
              virtual_ipaddress { 198.18.0.100/24
                198.18.0.101/24 }
              virtual_ipaddress_excluded { 2001:db8::5/64 }
            }
            vrrp_instance VI_2 {
              interface eth0
              virtual_router_id 52
              virtual_ipaddress { 198.18.0.102/24 }
            }
            """;

    final Map<String, InstancePlan> plans = ConfigAdapterTest.plan(CONF).instances().stream()
            .collect(Collectors.toMap(InstancePlan::name, Function.identity()));

    /** The engine's start-up clearing, as it asks for it: every VIP and eVIP of every instance. */
    List<Action> clearAll() {
        return plans.values().stream().sorted(java.util.Comparator.comparing(InstancePlan::name))
                .<Action>map(p -> new Action.RemoveAddresses(p.name(), p.router().vips(), p.router().evips()))
                .toList();
    }

    String address(String instance, String id) {
        return plans.get(instance).addresses().get(id).text();
    }

    @Test
    void onlyTheAddressesTheKernelHoldsAreRemoved() {
        var left = Leftovers.present(clearAll(), plans,
                Set.of(InetAddress.ofLiteral("198.18.0.101"), InetAddress.ofLiteral("2001:db8::5")));
        assertThat(left).hasSize(1);
        var r = (Action.RemoveAddresses) left.getFirst();
        assertThat(r.instance()).isEqualTo("VI_1");
        assertThat(r.vips()).extracting(id -> address("VI_1", id)).containsExactly("198.18.0.101");
        assertThat(r.evips()).extracting(id -> address("VI_1", id)).containsExactly("2001:db8::5");
    }

    @Test
    void nothingHeldNothingToDo() {
        assertThat(Leftovers.present(clearAll(), plans, Set.of(InetAddress.ofLiteral("198.18.0.1")))).isEmpty();
    }

    @Test
    void otherActionsAndUnknownInstancesPassUnchanged() {
        List<Action> actions = List.of(new Action.SendAdvert("VI_1", 100, 100),
                new Action.RemoveAddresses("VI_9", List.of("x"), List.of()));
        assertThat(Leftovers.present(actions, plans, Set.of())).isEqualTo(actions);
    }
}
