package io.jkeepalived.daemon.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.config.ConfigLoader;
import io.jkeepalived.config.lex.ReaderOptions;
import io.jkeepalived.config.model.Keepalived;
import io.jkeepalived.netlink.AddressFlag;
import io.jkeepalived.netlink.Scope;
import io.jkeepalived.vrrp.engine.IpAddr;
import io.jkeepalived.vrrp.engine.TrackerSpec;
import io.jkeepalived.vrrp.engine.TrackerStatus;
import io.jkeepalived.vrrp.wire.AuthType;
import io.jkeepalived.vrrp.wire.IpFamily;
import io.jkeepalived.vrrp.wire.VrrpVersion;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

public class ConfigAdapterTest {

    /** eth0 has 198.18.0.1 and a link-local address; nothing else exists. */
    public static final InterfaceFacts FACTS = new InterfaceFacts() {
        @Override
        public Optional<Inet4Address> primaryIpv4(String ifname) {
            return ifname.equals("eth0") ? Optional.of((Inet4Address) InetAddress.ofLiteral("198.18.0.1"))
                    : Optional.empty();
        }

        @Override
        public Optional<Inet6Address> linkLocalIpv6(String ifname) {
            return ifname.equals("eth0") ? Optional.of((Inet6Address) InetAddress.ofLiteral("fe80::1"))
                    : Optional.empty();
        }

        @Override
        public boolean exists(String ifname) {
            return ifname.equals("eth0");
        }
    };

    @Test
    void anInstanceOnAMissingInterfaceIsPlannedWithAWarningThatItWaitsInFault() {
        var plan = plan("""
                vrrp_instance VI_1 {
                  interface eth9
                  virtual_router_id 51
                  virtual_ipaddress { 198.18.0.100/24 }
                }
                """);
        assertThat(plan.instances()).extracting(InstancePlan::name).containsExactly("VI_1");
        assertThat(plan.warnings()).containsExactly(
                "(VI_1) interface eth9 does not exist: the instance stays in FAULT until it appears");
    }

    public static Keepalived config(String text) {
        var r = ConfigLoader.loadString(text, "test.conf", Path.of("."), ReaderOptions.defaults());
        assertThat(r.errors()).isEmpty();
        return r.config().orElseThrow();
    }

    public static DaemonPlan plan(String text) {
        return ConfigAdapter.plan(config(text), FACTS);
    }

    @Test
    void v2InstanceWithPassword() {
        DaemonPlan p = plan("""
                vrrp_instance VI_1 {
                  state BACKUP
                  interface eth0
                  virtual_router_id 51
                  priority 150
                  advert_int 2
                  nopreempt
                  authentication { auth_type PASS
                    auth_pass secret }
                  virtual_ipaddress {
                    198.18.0.100/24 label eth0:vip brd + scope link
                    198.18.0.101
                  }
                }
                """);
        assertThat(p.warnings()).isEmpty();
        InstancePlan i = p.instances().getFirst();
        var r = i.router();
        assertThat(r.name()).isEqualTo("VI_1");
        assertThat(r.vrid()).isEqualTo(51);
        assertThat(r.version()).isEqualTo(2);
        assertThat(r.basePriority()).isEqualTo(150);
        assertThat(r.advertIntervalCentis()).isEqualTo(200);
        assertThat(r.startAsMaster()).isFalse();
        assertThat(r.nopreempt()).isTrue();
        assertThat(r.primaryAddress()).isEqualTo(IpAddr.v4(198, 18, 0, 1));
        // an id carries every detail of the address, so a reload that changes one swaps the address
        assertThat(r.vips()).containsExactly("198.18.0.100/24 label eth0:vip brd + scope link", "198.18.0.101/32");
        assertThat(i.source()).contains(InetAddress.ofLiteral("198.18.0.1"));
        assertThat(i.sourceConfigured()).isFalse();
        assertThat(i.destinations()).containsExactly(InetAddress.ofLiteral("224.0.0.18"));
        assertThat(i.ttl()).isEqualTo(255);
        assertThat(i.socketIface()).isEqualTo("eth0");

        var vip = i.addresses().get("198.18.0.100/24 label eth0:vip brd + scope link");
        assertThat(vip.ifname()).isEqualTo("eth0");
        assertThat(vip.spec().label()).contains("eth0:vip");
        assertThat(vip.spec().broadcast()).contains(InetAddress.ofLiteral("198.18.0.255"));
        assertThat(vip.spec().scope()).contains(Scope.LINK);
        assertThat(vip.onIndex(7).ifindex()).isEqualTo(7);

        assertThat(i.advert().version()).isEqualTo(VrrpVersion.V2);
        assertThat(i.advert().authType()).isEqualTo(AuthType.PASS);
        assertThat(i.advert().addresses().count()).isEqualTo(2);
        assertThat(i.profile().authData()).isEqualTo(i.advert().authData());
        assertThat(i.profile().adverIntCentis()).isEqualTo(200);
        assertThat(i.profile().unicast()).isFalse();
        assertThat(i.profile().virtualAddresses()).isEqualTo(i.advert().addresses());
    }

    @Test
    void v3Ipv6UnicastWithSourceAndTtl() {
        DaemonPlan p = plan("""
                vrrp_instance VI_6 {
                  interface eth0
                  virtual_router_id 52
                  version 3
                  advert_int 0.05
                  unicast_src_ip 2001:db8::1
                  unicast_ttl 10
                  unicast_peer {
                    2001:db8::2 min_ttl 5 max_ttl 20
                    2001:db8::3
                  }
                  virtual_ipaddress { 2001:db8::100/64 }
                }
                """);
        InstancePlan i = p.instances().getFirst();
        assertThat(i.router().ipv6()).isTrue();
        assertThat(i.router().version()).isEqualTo(3);
        assertThat(i.router().advertIntervalCentis()).isEqualTo(5);
        assertThat(i.source()).contains(InetAddress.ofLiteral("2001:db8::1"));
        assertThat(i.sourceConfigured()).isTrue();
        assertThat(i.unicast()).isTrue();
        assertThat(i.ttl()).isEqualTo(10);
        assertThat(i.destinations()).containsExactly(InetAddress.ofLiteral("2001:db8::2"),
                InetAddress.ofLiteral("2001:db8::3"));
        assertThat(i.profile().family()).isEqualTo(IpFamily.IPV6);
        assertThat(i.profile().unicast()).isTrue();
        assertThat(i.profile().unicastPeers().addresses().count()).isEqualTo(2);
        // keepalived adds IPv6 VIPs without duplicate address detection
        assertThat(i.addresses().keySet()).containsExactly("2001:db8::100/64");
        assertThat(i.addresses().get("2001:db8::100/64").spec().flags()).contains(AddressFlag.NODAD);
    }

    @Test
    void vmacMovesSocketAndAddressesUnlessXmitBase() {
        DaemonPlan p = plan("""
                vrrp_instance A {
                  interface eth0
                  virtual_router_id 7
                  use_vmac
                  virtual_ipaddress { 198.18.0.100 }
                }
                vrrp_instance B {
                  interface eth0
                  virtual_router_id 8
                  use_vmac vk8
                  vmac_xmit_base
                  virtual_ipaddress { 198.18.0.101 }
                }
                """);
        InstancePlan a = p.instance("A").orElseThrow();
        assertThat(a.vmac()).contains(new VmacPlan("vrrp.7", "eth0", false, 7, false));
        assertThat(a.socketIface()).isEqualTo("vrrp.7");
        assertThat(a.addressIface()).isEqualTo("vrrp.7");
        assertThat(a.addresses().values()).allMatch(v -> v.ifname().equals("vrrp.7"));
        InstancePlan b = p.instance("B").orElseThrow();
        assertThat(b.socketIface()).isEqualTo("eth0");
        assertThat(b.addressIface()).isEqualTo("vk8");
    }

    @Test
    void trackersNotifiesRoutesRulesAndSyncGroups() {
        DaemonPlan p = plan("""
                global_defs { vrrp_notify_fifo /tmp/jk-dmn-fifo }
                vrrp_script chk { script "/bin/true"
                  weight -20
                  init_fail }
                track_file tf { file /tmp/jk-dmn-tf
                  weight 3 }
                vrrp_sync_group G1 {
                  group { VI_1 VI_2 }
                  track_interface { eth1 weight 5 }
                  notify_master "/bin/echo group"
                }
                vrrp_instance VI_1 {
                  interface eth0
                  virtual_router_id 51
                  track_script { chk }
                  track_file { tf weight 2 }
                  notify_master "/bin/echo master"
                  notify "/bin/echo any"
                  virtual_ipaddress { 198.18.0.100/24 }
                  virtual_routes { 198.18.5.0/24 via 198.18.0.254 dev eth0 table 100 metric 7 }
                  virtual_rules { from 198.18.0.100/32 table 100 priority 100 }
                }
                vrrp_instance VI_2 {
                  interface eth0
                  virtual_router_id 52
                  virtual_ipaddress { 198.18.0.101/24 }
                }
                """);
        InstancePlan i = p.instances().getFirst();
        Map<String, TrackerSpec> t = new java.util.HashMap<>();
        i.router().trackers().forEach(x -> t.put(x.id(), x));
        assertThat(t.get("script:chk").weight()).isEqualTo(-20);
        assertThat(t.get("script:chk").initial()).isEqualTo(TrackerStatus.DOWN);
        assertThat(t.get("file:tf").weight()).isEqualTo(2);
        assertThat(t.get("if:eth1").weight()).isEqualTo(5);
        assertThat(i.router().notifications().master()).contains(List.of("/bin/echo", "master"));
        assertThat(i.router().notifications().generic()).contains(List.of("/bin/echo", "any"));
        assertThat(i.router().notifications().fifo()).isTrue();
        assertThat(p.groups()).hasSize(1);
        assertThat(p.groups().getFirst().members()).containsExactly("VI_1", "VI_2");
        assertThat(p.groups().getFirst().notifications().master()).contains(List.of("/bin/echo", "group"));

        RoutePlan route = i.routes().values().iterator().next();
        assertThat(route.dev()).contains("eth0");
        assertThat(route.spec().table()).isEqualTo(100);
        assertThat(route.spec().gateway()).contains(InetAddress.ofLiteral("198.18.0.254"));
        assertThat(route.spec().metric().getAsInt()).isEqualTo(7);
        RulePlan rule = i.rules().values().iterator().next();
        assertThat(rule.spec().from()).contains(InetAddress.ofLiteral("198.18.0.100"));
        assertThat(rule.spec().table().getAsInt()).isEqualTo(100);
        assertThat(rule.spec().priority().getAsInt()).isEqualTo(100);
    }

    @Test
    void interfaceWithoutAddressHasNoSource() {
        DaemonPlan p = plan("""
                vrrp_instance VI_1 {
                  interface eth9
                  virtual_router_id 51
                  virtual_ipaddress { 198.18.0.100 }
                }
                """);
        assertThat(p.instances().getFirst().source()).isEmpty();
    }

    @Test
    void hundredsOfInstancesPlanQuickly() {
        StringBuilder sb = new StringBuilder();
        for (int n = 0; n < 500; n++) {
            sb.append("vrrp_instance I").append(n).append(" { interface eth").append(n % 50)
                    .append("\n virtual_router_id ").append(n % 255 + 1)
                    .append("\n virtual_ipaddress { 198.18.").append(n / 250).append('.').append(n % 250 + 1)
                    .append(" }\n}\n");
        }
        DaemonPlan p = ConfigAdapter.plan(config(sb.toString()), FACTS);
        assertThat(p.instances()).hasSize(500);
        // only eth0 exists: every instance on eth1..eth49 is planned, and says it waits in FAULT
        assertThat(p.warnings()).hasSize(490).allMatch(w -> w.contains("does not exist"));
    }
}
