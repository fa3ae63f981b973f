package io.jkeepalived.daemon.loop;

import io.jkeepalived.daemon.plan.ConfigAdapterTest;
import io.jkeepalived.daemon.plan.PlanTable;

import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.netlink.InterfaceAddress;
import io.jkeepalived.netlink.Link;
import io.jkeepalived.netlink.NetlinkEvent;
import io.jkeepalived.netlink.OperState;
import io.jkeepalived.netlink.Rtnl;
import io.jkeepalived.vrrp.engine.Event;
import io.jkeepalived.vrrp.engine.FaultCause;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class LinkWatcherTest {
    record Fed(String instance, Event event) {}

    final List<Fed> fed = new ArrayList<>();
    final PlanTable plans = new PlanTable();

    static Link link(int index, String name, boolean up) {
        int flags = up ? Rtnl.IFF_UP | Rtnl.IFF_RUNNING : 0;
        return new Link(index, name, flags, Optional.empty(), up ? OperState.UP : OperState.DOWN, 1500,
                OptionalInt.empty(), Optional.empty(), OptionalInt.empty());
    }

    static InterfaceAddress addr(int index, String text) {
        return new InterfaceAddress(index, InetAddress.ofLiteral(text), 24, 0, 0, Optional.empty(), Optional.empty());
    }

    LinkWatcher watcher(String conf) {
        ConfigAdapterTest.plan(conf).instances().forEach(p -> plans.put(p.name(), p));
        return new LinkWatcher(plans, (i, e) -> fed.add(new Fed(i, e)));
    }

    static Fed fault(String instance, FaultCause cause, boolean on) {
        return new Fed(instance, new Event.FaultChanged(cause, on));
    }

    static final String CONF = """
            vrrp_instance VI_1 {
              interface eth0
              virtual_router_id 51
              virtual_ipaddress { 198.18.0.100/24 }
            }
            vrrp_instance VI_2 {
              interface eth1
              virtual_router_id 52
              dont_track_primary
              virtual_ipaddress { 198.18.1.100/24 }
            }
            """;

    @Test
    void interfaceDownAndUpBecomeFaultEventsOnlyOnChange() {
        LinkWatcher w = watcher(CONF);
        w.initial(List.of(link(2, "eth0", true), link(3, "eth1", true)));
        // eth0 up at start: its instance is told nothing; VI_2 (eth1) has no source address → fault
        assertThat(fed).containsExactly(fault("VI_2", FaultCause.SOURCE_ADDRESS_MISSING, true));
        fed.clear();

        w.onEvent(new NetlinkEvent.LinkChanged(2, "eth0", true, false, link(2, "eth0", false)));
        w.onEvent(new NetlinkEvent.LinkChanged(2, "eth0", false, false, link(2, "eth0", false)));
        w.onEvent(new NetlinkEvent.LinkChanged(3, "eth1", false, false, link(3, "eth1", false)));
        assertThat(fed).containsExactly(fault("VI_1", FaultCause.INTERFACE_DOWN, true));
        fed.clear();

        w.onEvent(new NetlinkEvent.LinkChanged(2, "eth0", true, true, link(2, "eth0", true)));
        assertThat(fed).containsExactly(fault("VI_1", FaultCause.INTERFACE_DOWN, false));
        fed.clear();
        w.onEvent(new NetlinkEvent.LinkRemoved(2, "eth0"));
        assertThat(fed).containsExactly(fault("VI_1", FaultCause.INTERFACE_DOWN, true));
    }

    @Test
    void sourceAddressGoneAndBack() {
        LinkWatcher w = watcher(CONF);
        w.initial(List.of(link(2, "eth0", true), link(3, "eth1", true)));
        fed.clear();
        w.onEvent(new NetlinkEvent.AddressRemoved(addr(2, "198.18.0.1")));
        assertThat(fed).containsExactly(fault("VI_1", FaultCause.SOURCE_ADDRESS_MISSING, true));
        assertThat(plans.get("VI_1").source()).isEmpty();
        fed.clear();
        // a VIP appearing is not a source address
        w.onEvent(new NetlinkEvent.AddressAdded(addr(2, "198.18.0.100")));
        assertThat(fed).isEmpty();
        w.onEvent(new NetlinkEvent.AddressAdded(addr(2, "198.18.0.7")));
        assertThat(fed).containsExactly(fault("VI_1", FaultCause.SOURCE_ADDRESS_MISSING, false));
        assertThat(plans.get("VI_1").source()).contains(InetAddress.ofLiteral("198.18.0.7"));
        fed.clear();
        // eth1 gets an address: VI_2 leaves its source fault
        w.onEvent(new NetlinkEvent.AddressAdded(addr(3, "198.18.1.1")));
        assertThat(fed).containsExactly(fault("VI_2", FaultCause.SOURCE_ADDRESS_MISSING, false));
    }

    static Fed vipRemoved(String instance, String address) {
        return new Fed(instance, new Event.ResourceRemoved(Event.Resource.ADDRESS, vipId(instance, address)));
    }

    static String vipId(String instance, String address) {
        return ConfigAdapterTest.plan(CONF + EXTRA).instances().stream().filter(p -> p.name().equals(instance))
                .flatMap(p -> p.addresses().values().stream())
                .filter(v -> v.address().equals(InetAddress.ofLiteral(address))).findFirst().orElseThrow().id();
    }

    static final String EXTRA = """
            vrrp_instance VI_3 {
              interface eth0
              virtual_router_id 53
              virtual_ipaddress { 198.18.0.200/24 }
            }
            """;

    @Test
    void aRemovedVipIsReportedToTheInstanceThatConfiguresItOnThatInterface() {
        LinkWatcher w = watcher(CONF);
        w.initial(List.of(link(2, "eth0", true), link(3, "eth1", true)));
        fed.clear();
        w.onEvent(new NetlinkEvent.AddressRemoved(addr(2, "198.18.0.100")));
        assertThat(fed).containsExactly(vipRemoved("VI_1", "198.18.0.100"));
        fed.clear();
        // the same address gone from another interface is not VI_1's VIP
        w.onEvent(new NetlinkEvent.AddressRemoved(addr(3, "198.18.0.100")));
        assertThat(fed).isEmpty();
    }

    @Test
    void plansWrittenAfterAnAddressEventAreSeenByTheNext() {
        LinkWatcher w = watcher(CONF);
        w.initial(List.of(link(2, "eth0", true), link(3, "eth1", true)));
        w.onEvent(new NetlinkEvent.AddressRemoved(addr(2, "198.18.0.100")));
        fed.clear();
        // a reload adds VI_3 and removes VI_1, as ReloadApplier writes the table
        ConfigAdapterTest.plan(CONF + EXTRA).instances().stream().filter(p -> p.name().equals("VI_3"))
                .forEach(p -> plans.put(p.name(), p));
        plans.remove("VI_1");
        w.onEvent(new NetlinkEvent.AddressRemoved(addr(2, "198.18.0.200")));
        w.onEvent(new NetlinkEvent.AddressRemoved(addr(2, "198.18.0.100")));
        assertThat(fed).containsExactly(vipRemoved("VI_3", "198.18.0.200"));
    }
}
