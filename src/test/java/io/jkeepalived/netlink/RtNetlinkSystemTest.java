package io.jkeepalived.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jkeepalived.os.Interfaces;
import io.jkeepalived.os.MacAddress;
import io.jkeepalived.os.OsException;
import io.jkeepalived.os.Sysctl;
import io.jkeepalived.testing.NetNs;
import io.jkeepalived.testing.OpenDescriptors;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** rtnetlink against a real kernel, checked with {@code ip -j} inside a fresh namespace. */
@Tag("system")
class RtNetlinkSystemTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private NetNs ns;
    private NetNs peer;
    private RtNetlink rt;
    private int eth0;

    @BeforeEach
    void lab() throws Exception {
        ns = NetNs.create("jk-os");
        peer = NetNs.create("jk-os");
        NetNs.veth(ns, "eth0", peer, "p0");
        ns.ip("addr", "add", "198.18.1.1/24", "dev", "eth0");
        rt = ns.run(RtNetlink::open);
        eth0 = ns.run(() -> Interfaces.indexOf("eth0").orElseThrow());
    }

    @AfterEach
    void cleanUp() {
        if (rt != null) {
            rt.close();
        }
        if (ns != null) {
            ns.close();
        }
        if (peer != null) {
            peer.close();
        }
    }

    private JsonNode ipJson(String... args) throws Exception {
        var full = new String[args.length + 1];
        full[0] = "-j";
        System.arraycopy(args, 0, full, 1, args.length);
        var out = ns.ip(full).strip();
        return JSON.readTree(out.isEmpty() ? "[]" : out);
    }

    private List<JsonNode> addrInfo(String dev) throws Exception {
        var out = new ArrayList<JsonNode>();
        for (var link : ipJson("addr", "show", "dev", dev)) {
            link.get("addr_info").forEach(out::add);
        }
        return out;
    }

    private static JsonNode find(List<JsonNode> nodes, String local) {
        return nodes.stream().filter(n -> n.path("local").asText().equals(local)).findFirst().orElse(null);
    }

    @Test
    void ipv4VipWithLabelBroadcastAndScope() throws Exception {
        // Another subnet than eth0's primary: the kernel requires a secondary to share its primary's scope.
        var vip = AddressSpec.of(eth0, InetAddress.getByName("198.18.3.10"), 24)
                .withComputedBroadcast().withLabel("eth0:vip").withScope(Scope.LINK);
        rt.addAddress(vip);
        var a = find(addrInfo("eth0"), "198.18.3.10");
        assertThat(a).as("VIP present").isNotNull();
        assertThat(a.get("prefixlen").asInt()).isEqualTo(24);
        assertThat(a.get("broadcast").asText()).isEqualTo("198.18.3.255");
        assertThat(a.get("label").asText()).isEqualTo("eth0:vip");
        assertThat(a.get("scope").asText()).isEqualTo("link");

        assertThat(rt.addresses()).anySatisfy(x -> {
            assertThat(x.address()).isEqualTo(InetAddress.getByName("198.18.3.10"));
            assertThat(x.label()).contains("eth0:vip");
            assertThat(x.scope()).isEqualTo(Scope.LINK.code());
            assertThat(x.ifindex()).isEqualTo(eth0);
        });

        assertThat(rt.addresses(eth0)).extracting(x -> x.address().getHostAddress())
                .contains("198.18.1.1", "198.18.3.10").doesNotContain("127.0.0.1");

        assertThatThrownBy(() -> rt.addAddress(vip)).isInstanceOf(OsException.class)
                .hasMessageStartingWith("RTM_NEWADDR 198.18.3.10/24 on ifindex " + eth0 + ": EEXIST (File exists)");

        rt.deleteAddress(vip);
        assertThat(find(addrInfo("eth0"), "198.18.3.10")).as("VIP removed").isNull();
        assertThat(find(addrInfo("eth0"), "198.18.1.1")).as("primary untouched").isNotNull();
    }

    @Test
    void ipv4PeerAddress() throws Exception {
        var spec = AddressSpec.of(eth0, InetAddress.getByName("198.18.2.1"), 32)
                .withPeer(InetAddress.getByName("198.18.2.2"));
        rt.addAddress(spec);
        var a = find(addrInfo("eth0"), "198.18.2.1");
        assertThat(a.get("address").asText()).isEqualTo("198.18.2.2");
        rt.deleteAddress(spec);
        assertThat(find(addrInfo("eth0"), "198.18.2.1")).isNull();
    }

    @Test
    void ipv6VipWithPreferredLifetimeNodadAndNoprefixroute() throws Exception {
        var vip = AddressSpec.of(eth0, InetAddress.getByName("2001:db8:1::10"), 64)
                .withPreferredLifetime(0).withFlag(AddressFlag.NODAD).withFlag(AddressFlag.NOPREFIXROUTE);
        rt.addAddress(vip);
        var a = find(addrInfo("eth0"), "2001:db8:1::10");
        assertThat(a).isNotNull();
        assertThat(a.get("preferred_life_time").asLong()).isZero();
        assertThat(a.path("deprecated").asBoolean()).isTrue();
        assertThat(a.path("noprefixroute").asBoolean()).isTrue();
        assertThat(a.path("tentative").asBoolean()).as("nodad: never tentative").isFalse();
        assertThat(ipJson("-6", "route", "show", "2001:db8:1::/64")).as("no prefix route").isEmpty();
        rt.deleteAddress(vip);
        assertThat(find(addrInfo("eth0"), "2001:db8:1::10")).isNull();
    }

    @Test
    void nonexistentInterfaceGivesAClearMessage() throws Exception {
        var spec = AddressSpec.of(9999, InetAddress.getByName("198.18.1.20"), 24);
        assertThatThrownBy(() -> rt.addAddress(spec)).isInstanceOf(OsException.class)
                .hasMessageStartingWith("RTM_NEWADDR 198.18.1.20/24 on ifindex 9999: ENODEV (No such device)")
                .satisfies(e -> assertThat(((OsException) e).errnoName()).isEqualTo("ENODEV"));
    }

    @Test
    void routesOfEveryKind() throws Exception {
        var via = RouteSpec.to(InetAddress.getByName("198.18.50.0"), 24).via(InetAddress.getByName("198.18.1.254"))
                .dev(eth0).withMetric(77).withSource(InetAddress.getByName("198.18.1.1"));
        var direct = RouteSpec.to(InetAddress.getByName("198.18.51.0"), 24).dev(eth0).inTable(100);
        var hole = RouteSpec.to(InetAddress.getByName("198.18.52.0"), 24).withType(RouteType.BLACKHOLE).inTable(1000);
        var unreach = RouteSpec.to(InetAddress.getByName("2001:db8:52::"), 48).withType(RouteType.UNREACHABLE);
        rt.addRoute(via);
        rt.addRoute(direct);
        rt.addRoute(hole);
        rt.addRoute(unreach);

        var r1 = ipJson("route", "show", "198.18.50.0/24").get(0);
        assertThat(r1.get("gateway").asText()).isEqualTo("198.18.1.254");
        assertThat(r1.get("dev").asText()).isEqualTo("eth0");
        assertThat(r1.get("metric").asInt()).isEqualTo(77);
        assertThat(r1.get("prefsrc").asText()).isEqualTo("198.18.1.1");
        assertThat(r1.get("protocol").asText()).isIn("keepalived", "18");
        var r2 = ipJson("route", "show", "table", "100").get(0);
        assertThat(r2.get("dst").asText()).isEqualTo("198.18.51.0/24");
        assertThat(r2.get("scope").asText()).isEqualTo("link");
        var r3 = ipJson("route", "show", "table", "1000").get(0);
        assertThat(r3.get("type").asText()).isEqualTo("blackhole");
        assertThat(r3.get("dst").asText()).isEqualTo("198.18.52.0/24");
        var r4 = ipJson("-6", "route", "show", "2001:db8:52::/48").get(0);
        assertThat(r4.get("type").asText()).isEqualTo("unreachable");

        assertThatThrownBy(() -> rt.addRoute(hole)).isInstanceOf(OsException.class).hasMessageContaining("EEXIST");

        rt.deleteRoute(via);
        rt.deleteRoute(direct);
        rt.deleteRoute(hole);
        rt.deleteRoute(unreach);
        assertThat(ipJson("route", "show", "198.18.50.0/24")).isEmpty();
        assertThat(ipJson("route", "show", "table", "100")).isEmpty();
        assertThat(ipJson("route", "show", "table", "1000")).isEmpty();
        assertThat(ipJson("-6", "route", "show", "2001:db8:52::/48")).isEmpty();
    }

    @Test
    void rules() throws Exception {
        var fromRule = RuleSpec.lookup(false, 100).from(InetAddress.getByName("198.18.1.10"), 32).withPriority(1000);
        var markRule = RuleSpec.lookup(false, 200).to(InetAddress.getByName("198.18.60.0"), 24)
                .withFwmark(0x10, OptionalInt.of(0xff)).withIif("eth0").withPriority(1001);
        var v6Rule = RuleSpec.lookup(true, 300).from(InetAddress.getByName("2001:db8:1::"), 64).withOif("eth0")
                .withPriority(1002);
        rt.addRule(fromRule);
        rt.addRule(markRule);
        rt.addRule(v6Rule);

        Predicate<JsonNode> p1000 = r -> r.get("priority").asInt() == 1000;
        var rules = new ArrayList<JsonNode>();
        ipJson("rule", "show").forEach(rules::add);
        var r1 = rules.stream().filter(p1000).findFirst().orElseThrow();
        assertThat(r1.get("src").asText()).isEqualTo("198.18.1.10");
        assertThat(r1.get("table").asText()).isEqualTo("100");
        var r2 = rules.stream().filter(r -> r.get("priority").asInt() == 1001).findFirst().orElseThrow();
        assertThat(r2.get("dst").asText()).isEqualTo("198.18.60.0");
        assertThat(r2.get("dstlen").asInt()).isEqualTo(24);
        assertThat(r2.get("fwmark").asText()).isEqualTo("0x10");
        assertThat(r2.get("fwmask").asText()).isEqualTo("0xff");
        assertThat(r2.get("iif").asText()).isEqualTo("eth0");
        assertThat(r2.get("table").asText()).isEqualTo("200");
        var v6 = new ArrayList<JsonNode>();
        ipJson("-6", "rule", "show").forEach(v6::add);
        var r3 = v6.stream().filter(r -> r.get("priority").asInt() == 1002).findFirst().orElseThrow();
        assertThat(r3.get("src").asText()).isEqualTo("2001:db8:1::");
        assertThat(r3.get("oif").asText()).isEqualTo("eth0");

        rt.deleteRule(fromRule);
        rt.deleteRule(markRule);
        rt.deleteRule(v6Rule);
        var after = new ArrayList<JsonNode>();
        ipJson("rule", "show").forEach(after::add);
        ipJson("-6", "rule", "show").forEach(after::add);
        assertThat(after).noneMatch(r -> r.get("priority").asInt() >= 1000 && r.get("priority").asInt() <= 1002);
    }

    @Test
    void vmacMacvlanLifecycle() throws Exception {
        int vmac = rt.createMacvlan(MacvlanSpec.vmac("vrrp.51", eth0, false, 51));
        rt.setLinkUp(vmac, true);
        var link = ipJson("-d", "link", "show", "dev", "vrrp.51").get(0);
        assertThat(link.get("address").asText()).isEqualTo("00:00:5e:00:01:33");
        assertThat(link.get("link").asText()).isEqualTo("eth0");
        assertThat(link.at("/linkinfo/info_kind").asText()).isEqualTo("macvlan");
        assertThat(link.at("/linkinfo/info_data/mode").asText()).isEqualTo("private");
        assertThat(link.get("flags").toString()).contains("\"UP\"");

        var seen = rt.link("vrrp.51").orElseThrow();
        assertThat(seen.index()).isEqualTo(vmac);
        assertThat(seen.mac()).contains(MacAddress.vrrp(false, 51));
        assertThat(seen.kind()).contains("macvlan");
        assertThat(seen.macvlanMode()).hasValue(MacvlanSpec.Mode.PRIVATE.code());
        assertThat(seen.parentIndex()).hasValue(eth0);
        assertThat(seen.isUp()).isTrue();
        assertThat(ns.run(() -> Interfaces.hardwareAddress("vrrp.51"))).isEqualTo(MacAddress.vrrp(false, 51));

        ns.run(() -> {
            Sysctl.configureVmac("vrrp.51", "eth0");
            return null;
        });
        assertThat(ns.exec("sysctl", "-n", "net.ipv4.conf.vrrp/51.arp_ignore").strip()).isEqualTo("1");
        assertThat(ns.exec("sysctl", "-n", "net.ipv4.conf.vrrp/51.accept_local").strip()).isEqualTo("1");
        assertThat(ns.exec("sysctl", "-n", "net.ipv4.conf.vrrp/51.rp_filter").strip()).isEqualTo("0");
        assertThat(ns.exec("sysctl", "-n", "net.ipv4.conf.eth0.arp_filter").strip()).isEqualTo("1");
        assertThat(ns.exec("sysctl", "-n", "net.ipv4.conf.eth0.arp_ignore").strip()).isEqualTo("1");
        assertThat(Sysctl.read(Sysctl.interfaceKey(4, "eth0", "arp_filter"))).as("host namespace untouched")
                .isNotNull();

        rt.setLinkUp(vmac, false);
        assertThat(rt.link("vrrp.51").orElseThrow().isUp()).isFalse();
        rt.deleteLink(vmac);
        assertThat(ns.execResult("ip", "link", "show", "dev", "vrrp.51").ok()).isFalse();
        assertThat(rt.links()).extracting(Link::name).contains("eth0", "lo").doesNotContain("vrrp.51");
    }

    @Test
    void monitorSeesLinkDownAndUpAndAddresses() throws Exception {
        try (var monitor = ns.run(LinkMonitor::open)) {
            ns.ip("link", "set", "eth0", "down");
            var down = awaitEvent(monitor, e -> e instanceof NetlinkEvent.LinkChanged c && c.ifindex() == eth0
                    && !c.up());
            assertThat(((NetlinkEvent.LinkChanged) down).name()).isEqualTo("eth0");
            ns.ip("link", "set", "eth0", "up");
            var up = (NetlinkEvent.LinkChanged) awaitEvent(monitor, e -> e instanceof NetlinkEvent.LinkChanged c
                    && c.ifindex() == eth0 && c.up() && c.running());
            assertThat(up.link().operState()).isEqualTo(OperState.UP);

            ns.ip("addr", "add", "198.18.1.77/24", "dev", "eth0");
            var added = (NetlinkEvent.AddressAdded) awaitEvent(monitor, e -> e instanceof NetlinkEvent.AddressAdded a
                    && a.address().address().getHostAddress().equals("198.18.1.77"));
            assertThat(added.address().ifindex()).isEqualTo(eth0);
            ns.ip("addr", "del", "198.18.1.77/24", "dev", "eth0");
            awaitEvent(monitor, e -> e instanceof NetlinkEvent.AddressRemoved r
                    && r.address().address().getHostAddress().equals("198.18.1.77"));
            ns.ip("addr", "add", "2001:db8:7::7/64", "dev", "eth0", "nodad");
            awaitEvent(monitor, e -> e instanceof NetlinkEvent.AddressAdded a && !a.address().isIpv4()
                    && a.address().address().getHostAddress().startsWith("2001:db8:7:"));
        }
    }

    /** Reads events until one matches; each read waits for the kernel, bounded at 10 s overall. */
    private static NetlinkEvent awaitEvent(LinkMonitor monitor, Predicate<NetlinkEvent> match) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        var seen = new ArrayList<NetlinkEvent>();
        while (System.nanoTime() < deadline) {
            for (var e : monitor.read(1000)) {
                if (match.test(e)) {
                    return e;
                }
                seen.add(e);
            }
        }
        throw new AssertionError("no matching event; saw " + seen);
    }

    @Test
    void descriptorsAreClosed() throws Exception {
        Set<String> before = OpenDescriptors.now();
        for (int i = 0; i < 20; i++) {
            try (var r = ns.run(RtNetlink::open); var m = ns.run(LinkMonitor::open)) {
                assertThat(r.links()).isNotEmpty();
                assertThat(m.read()).isNotNull();
            }
        }
        assertThat(OpenDescriptors.openedSince(before)).as("descriptors opened and not closed").isEmpty();
    }
}
