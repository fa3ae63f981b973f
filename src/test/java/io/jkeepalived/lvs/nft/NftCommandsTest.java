package io.jkeepalived.lvs.nft;

import static io.jkeepalived.lvs.nft.NftFixtures.TCP80;
import static io.jkeepalived.lvs.nft.NftFixtures.UDP53_V6;
import static io.jkeepalived.lvs.nft.NftFixtures.entry;
import static io.jkeepalived.lvs.nft.NftFixtures.nat;
import static io.jkeepalived.lvs.nft.NftFixtures.service;
import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.lvs.Service;
import io.jkeepalived.lvs.ServiceFlags;
import io.jkeepalived.lvs.ServiceKey;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Golden nft text for each scheduler, persistence, fwmark and IPv6, and for edits and removals. */
class NftCommandsTest {

    static final String T = "inet jkeepalived ";

    @Test
    void bootstrapTouchesOnlyOurTableAndKeepsItsServices() {
        String b = NftCommands.bootstrap();
        assertThat(b.lines()).allMatch(l -> l.contains(" inet jkeepalived"));
        assertThat(b).doesNotContain("flush ruleset", "flush table", "delete");
        assertThat(b).contains("add chain inet jkeepalived prerouting { type nat hook prerouting priority dstnat; policy accept; }")
                .contains("add rule inet jkeepalived dispatch ip daddr . meta l4proto . th dport vmap @svc4");
    }

    @Test
    void wrrGivesGcdNormalisedInterleavedSlotsAndLeavesWeightZeroOut() {
        var s = entry(service(TCP80, "wrr"), nat("198.18.1.3", 80, 0), nat("198.18.1.2", 80, 6), nat("198.18.1.1", 8080, 3));
        assertThat(NftCommands.change(Optional.empty(), Optional.of(s))).isEqualTo("""
                add chain inet jkeepalived svc_tcp_198_18_0_1_80
                add map inet jkeepalived dst_tcp_198_18_0_1_80 { type ipv4_addr . inet_service : mark; comment "jk1 tcp 198.18.0.1 80 wrr - - 0000"; elements = { 198.18.1.3 . 80 : 0, 198.18.1.2 . 80 : 6, 198.18.1.1 . 8080 : 3 } }
                add rule inet jkeepalived svc_tcp_198_18_0_1_80 meta l4proto tcp dnat ip addr . port to numgen inc mod 3 map { 0 : 198.18.1.2 . 80, 1 : 198.18.1.1 . 8080, 2 : 198.18.1.2 . 80 }
                add element inet jkeepalived svc4 { 198.18.0.1 . tcp . 80 : goto svc_tcp_198_18_0_1_80 }
                """);
    }

    @Test
    void rrIgnoresWeightsButNotZero() {
        var s = entry(service(TCP80, "rr"), nat("198.18.1.1", 80, 5), nat("198.18.1.2", 80, 1), nat("198.18.1.3", 80, 0));
        assertThat(NftCommands.change(Optional.empty(), Optional.of(s))).contains(
                "numgen inc mod 2 map { 0 : 198.18.1.1 . 80, 1 : 198.18.1.2 . 80 }");
    }

    @Test
    void shHashesTheClientWithAFixedSeedAndThePortWithFlag2() {
        var fw = new Service(new ServiceKey.Fwmark(7, true), "sh", Optional.empty(), Optional.empty(),
                new ServiceFlags(false, true, true, false), Optional.empty());
        var s = entry(fw, nat("2001:db8:1::1", 0, 1), nat("2001:db8:1::2", 0, 2));
        assertThat(NftCommands.change(Optional.empty(), Optional.of(s))).isEqualTo("""
                add chain inet jkeepalived svc_fwm6_7
                add map inet jkeepalived dst_fwm6_7 { type ipv6_addr . inet_service : mark; comment "jk1 fwm 7 6 sh - - 0110"; elements = { 2001:db8:1::1 . 0 : 1, 2001:db8:1::2 . 0 : 2 } }
                add rule inet jkeepalived svc_fwm6_7 dnat ip6 to jhash ip6 saddr . th sport mod 3 seed 0x6a6b6c76 map { 0 : 2001:db8:1::2, 1 : 2001:db8:1::1, 2 : 2001:db8:1::2 }
                add element inet jkeepalived fwm6 { 7 : goto svc_fwm6_7 }
                """);
    }

    @Test
    void fwmarkWithPortsNeedsATransportMatch() {
        var s = entry(service(new ServiceKey.Fwmark(8, false), "rr"), nat("198.18.1.1", 8080, 1));
        assertThat(NftCommands.change(Optional.empty(), Optional.of(s))).contains(
                "add rule inet jkeepalived svc_fwm4_8 meta l4proto { tcp, udp, sctp } dnat ip addr . port to numgen inc mod 1 map { 0 : 198.18.1.1 . 8080 }",
                "add element inet jkeepalived fwm4 { 8 : goto svc_fwm4_8 }");
    }

    @Test
    void mhIsAMaglevTableOf4093Slots() {
        var mh = new Service(TCP80, "mh", Optional.empty(), Optional.empty(), new ServiceFlags(false, false, true, false), Optional.empty());
        String c = NftCommands.change(Optional.empty(), Optional.of(entry(mh, nat("198.18.1.1", 80, 1), nat("198.18.1.2", 80, 1))));
        assertThat(c).contains("dnat ip addr . port to jhash ip saddr . th sport mod 4093 seed 0x6a6b6c76 map { 0 : ")
                .contains(", 4092 : ");
    }

    @Test
    void persistenceOnIpv6KeepsClientsByPrefixInADynamicSetPerDestination() {
        var s = entry(new Service(UDP53_V6, "wrr", Optional.of(60L), Optional.of("64")), nat("2001:db8:1::1", 5353, 3));
        assertThat(NftCommands.change(Optional.empty(), Optional.of(s))).isEqualTo("""
                add chain inet jkeepalived svc_udp6_2001_db8__1_53
                add map inet jkeepalived dst_udp6_2001_db8__1_53 { type ipv6_addr . inet_service : mark; comment "jk1 udp 2001:db8::1 53 wrr 60 64 0000"; elements = { 2001:db8:1::1 . 5353 : 3 } }
                add set inet jkeepalived p_udp6_2001_db8__1_53-2001_db8_1__1_5353 { type ipv6_addr; flags dynamic,timeout; timeout 60s; }
                add chain inet jkeepalived svc_udp6_2001_db8__1_53-2001_db8_1__1_5353
                add rule inet jkeepalived svc_udp6_2001_db8__1_53-2001_db8_1__1_5353 update @p_udp6_2001_db8__1_53-2001_db8_1__1_5353 { ip6 saddr & ffff:ffff:ffff:ffff:: } meta l4proto udp dnat ip6 to [2001:db8:1::1]:5353
                add rule inet jkeepalived svc_udp6_2001_db8__1_53 ip6 saddr & ffff:ffff:ffff:ffff:: @p_udp6_2001_db8__1_53-2001_db8_1__1_5353 goto svc_udp6_2001_db8__1_53-2001_db8_1__1_5353
                add rule inet jkeepalived svc_udp6_2001_db8__1_53 numgen inc mod 1 vmap { 0 : goto svc_udp6_2001_db8__1_53-2001_db8_1__1_5353 }
                add element inet jkeepalived svc6 { 2001:db8::1 . udp . 53 : goto svc_udp6_2001_db8__1_53 }
                """);
    }

    @Test
    void editOfAPersistentServiceKeepsTheSetsOfRemainingDestinationsAndQuiescedOnesStayReachable() {
        var p = new Service(TCP80, "rr", Optional.of(300L), Optional.of("255.255.255.0"));
        var before = entry(p, nat("198.18.1.1", 80, 1), nat("198.18.1.2", 80, 1), nat("198.18.1.3", 80, 1));
        var after = entry(p, nat("198.18.1.1", 80, 1), nat("198.18.1.3", 80, 0));
        assertThat(NftCommands.change(Optional.of(before), Optional.of(after))).isEqualTo("""
                flush chain inet jkeepalived svc_tcp_198_18_0_1_80
                delete map inet jkeepalived dst_tcp_198_18_0_1_80
                flush chain inet jkeepalived svc_tcp_198_18_0_1_80-198_18_1_1_80
                delete chain inet jkeepalived svc_tcp_198_18_0_1_80-198_18_1_2_80
                delete set inet jkeepalived p_tcp_198_18_0_1_80-198_18_1_2_80
                flush chain inet jkeepalived svc_tcp_198_18_0_1_80-198_18_1_3_80
                add map inet jkeepalived dst_tcp_198_18_0_1_80 { type ipv4_addr . inet_service : mark; comment "jk1 tcp 198.18.0.1 80 rr 300 255.255.255.0 0000"; elements = { 198.18.1.1 . 80 : 1, 198.18.1.3 . 80 : 0 } }
                add rule inet jkeepalived svc_tcp_198_18_0_1_80-198_18_1_1_80 update @p_tcp_198_18_0_1_80-198_18_1_1_80 { ip saddr & 255.255.255.0 } meta l4proto tcp dnat ip to 198.18.1.1:80
                add rule inet jkeepalived svc_tcp_198_18_0_1_80-198_18_1_3_80 update @p_tcp_198_18_0_1_80-198_18_1_3_80 { ip saddr & 255.255.255.0 } meta l4proto tcp dnat ip to 198.18.1.3:80
                add rule inet jkeepalived svc_tcp_198_18_0_1_80 ip saddr & 255.255.255.0 @p_tcp_198_18_0_1_80-198_18_1_1_80 goto svc_tcp_198_18_0_1_80-198_18_1_1_80
                add rule inet jkeepalived svc_tcp_198_18_0_1_80 ip saddr & 255.255.255.0 @p_tcp_198_18_0_1_80-198_18_1_3_80 goto svc_tcp_198_18_0_1_80-198_18_1_3_80
                add rule inet jkeepalived svc_tcp_198_18_0_1_80 numgen inc mod 1 vmap { 0 : goto svc_tcp_198_18_0_1_80-198_18_1_1_80 }
                """);
    }

    @Test
    void changedPersistenceTimeoutRecreatesTheSets() {
        var before = entry(new Service(TCP80, "rr", Optional.of(300L), Optional.empty()), nat("198.18.1.1", 80, 1));
        var after = entry(new Service(TCP80, "rr", Optional.of(60L), Optional.empty()), nat("198.18.1.1", 80, 1));
        assertThat(NftCommands.change(Optional.of(before), Optional.of(after))).contains(
                "delete set inet jkeepalived p_tcp_198_18_0_1_80-198_18_1_1_80",
                "add set inet jkeepalived p_tcp_198_18_0_1_80-198_18_1_1_80 { type ipv4_addr; flags dynamic,timeout; timeout 60s; }");
    }

    @Test
    void removalTakesEverythingOfTheServiceInDependencyOrder() {
        var p = new Service(TCP80, "rr", Optional.of(300L), Optional.empty());
        assertThat(NftCommands.change(Optional.of(entry(p, nat("198.18.1.1", 80, 1))), Optional.empty())).isEqualTo("""
                delete element inet jkeepalived svc4 { 198.18.0.1 . tcp . 80 }
                flush chain inet jkeepalived svc_tcp_198_18_0_1_80
                delete chain inet jkeepalived svc_tcp_198_18_0_1_80-198_18_1_1_80
                delete chain inet jkeepalived svc_tcp_198_18_0_1_80
                delete set inet jkeepalived p_tcp_198_18_0_1_80-198_18_1_1_80
                delete map inet jkeepalived dst_tcp_198_18_0_1_80
                """);
    }

    @Test
    void noLiveDestinationDropsAsIpvsDoes() {
        var s = entry(service(TCP80, "wrr"), nat("198.18.1.1", 80, 0));
        assertThat(NftCommands.change(Optional.empty(), Optional.of(s))).contains("add rule inet jkeepalived svc_tcp_198_18_0_1_80 drop");
    }

    @Test
    void portZeroServiceGoesToTheAnyPortMap() {
        var k = new ServiceKey.Addr(ServiceKey.Protocol.TCP, NftFixtures.ip("198.18.0.2"), 0);
        var s = entry(new Service(k, "sh", Optional.of(600L), Optional.empty()), nat("198.18.1.1", 0, 1));
        assertThat(NftCommands.change(Optional.empty(), Optional.of(s))).contains(
                "add rule inet jkeepalived svc_tcp_198_18_0_2_0-198_18_1_1_0 update @p_tcp_198_18_0_2_0-198_18_1_1_0 { ip saddr } dnat ip to 198.18.1.1\n",
                "add element inet jkeepalived any4 { 198.18.0.2 . tcp : goto svc_tcp_198_18_0_2_0 }");
    }
}
