package io.jkeepalived.lvs.nft;

import static io.jkeepalived.lvs.nft.NftFixtures.TCP80;
import static io.jkeepalived.lvs.nft.NftFixtures.UDP53_V6;
import static io.jkeepalived.lvs.nft.NftFixtures.entry;
import static io.jkeepalived.lvs.nft.NftFixtures.nat;
import static io.jkeepalived.lvs.nft.NftFixtures.service;
import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.lvs.Destination;
import io.jkeepalived.lvs.Service;
import io.jkeepalived.lvs.ServiceEntry;
import io.jkeepalived.lvs.ServiceFlags;
import io.jkeepalived.lvs.ServiceKey;
import java.util.List;
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
                add map inet jkeepalived slot_tcp_198_18_0_1_80 { typeof numgen inc mod 2 : ip daddr . tcp dport; }
                add element inet jkeepalived slot_tcp_198_18_0_1_80 { 0 : 198.18.1.2 . 80, 1 : 198.18.1.1 . 8080, 2 : 198.18.1.2 . 80 }
                add rule inet jkeepalived svc_tcp_198_18_0_1_80 meta l4proto tcp dnat ip addr . port to numgen inc mod 3 map @slot_tcp_198_18_0_1_80
                add element inet jkeepalived svc4 { 198.18.0.1 . tcp . 80 : goto svc_tcp_198_18_0_1_80 }
                """);
    }

    @Test
    void rrIgnoresWeightsButNotZero() {
        var s = entry(service(TCP80, "rr"), nat("198.18.1.1", 80, 5), nat("198.18.1.2", 80, 1), nat("198.18.1.3", 80, 0));
        assertThat(NftCommands.change(Optional.empty(), Optional.of(s))).contains(
                "add element inet jkeepalived slot_tcp_198_18_0_1_80 { 0 : 198.18.1.1 . 80, 1 : 198.18.1.2 . 80 }",
                "numgen inc mod 2 map @slot_tcp_198_18_0_1_80");
    }

    @Test
    void aWeightChangeThatKeepsTheRulesRewritesOnlyThatDestinationsMapEntry() {
        var p = new Service(TCP80, "rr", Optional.of(300L), Optional.empty());
        var before = entry(p, nat("198.18.1.1", 80, 1), nat("198.18.1.2", 80, 1), nat("198.18.1.3", 80, 1));
        var after = entry(p, nat("198.18.1.1", 80, 1), nat("198.18.1.2", 80, 4), nat("198.18.1.3", 80, 1));
        var slots = Optional.of(NftCommands.change(Optional.empty(), Optional.of(before), Optional.empty()).slots());
        assertThat(NftCommands.change(Optional.of(before), Optional.of(after), slots).commands()).isEqualTo("""
                delete element inet jkeepalived dst_tcp_198_18_0_1_80 { 198.18.1.2 . 80 }
                add element inet jkeepalived dst_tcp_198_18_0_1_80 { 198.18.1.2 . 80 : 4 }
                """);
        assertThat(NftCommands.change(Optional.of(after), Optional.of(after), slots).commands()).isEmpty();
    }

    @Test
    void aWeightChangeRewritesOnlyTheSlotsThatMoveAndTheRuleWhenTheirCountChanges() {
        var before = entry(service(TCP80, "wrr"), nat("198.18.1.1", 80, 1), nat("198.18.1.2", 80, 1));
        var after = entry(service(TCP80, "wrr"), nat("198.18.1.1", 80, 1), nat("198.18.1.2", 80, 2));
        var slots = Optional.of(NftCommands.change(Optional.empty(), Optional.of(before), Optional.empty()).slots());
        var change = NftCommands.change(Optional.of(before), Optional.of(after), slots);
        assertThat(change.commands()).isEqualTo("""
                delete element inet jkeepalived dst_tcp_198_18_0_1_80 { 198.18.1.2 . 80 }
                add element inet jkeepalived dst_tcp_198_18_0_1_80 { 198.18.1.2 . 80 : 2 }
                add element inet jkeepalived slot_tcp_198_18_0_1_80 { 2 : 198.18.1.2 . 80 }
                flush chain inet jkeepalived svc_tcp_198_18_0_1_80
                add rule inet jkeepalived svc_tcp_198_18_0_1_80 meta l4proto tcp dnat ip addr . port to numgen inc mod 3 map @slot_tcp_198_18_0_1_80
                """);
        // back again: the appended slot goes, nothing else moves
        assertThat(NftCommands.change(Optional.of(after), Optional.of(before), Optional.of(change.slots())).commands()).contains(
                "delete element inet jkeepalived slot_tcp_198_18_0_1_80 { 2 }",
                "numgen inc mod 2 map @slot_tcp_198_18_0_1_80").doesNotContain("add element inet jkeepalived slot_");
        // slot table unknown (after a restart): refilled whole
        assertThat(NftCommands.change(Optional.of(before), Optional.of(after))).contains(
                "flush map inet jkeepalived slot_tcp_198_18_0_1_80",
                "add element inet jkeepalived slot_tcp_198_18_0_1_80 { 0 : 198.18.1.2 . 80, 1 : 198.18.1.1 . 80, 2 : 198.18.1.2 . 80 }");
    }

    @Test
    void replacingEveryDestinationRefillsBothMapsInsteadOfDeletingEachEntry() {
        var before = entry(service(TCP80, "wrr"), nat("198.18.1.1", 80, 1), nat("198.18.1.2", 80, 1));
        var after = entry(service(TCP80, "wrr"), nat("198.18.1.3", 80, 1), nat("198.18.1.4", 80, 1));
        var slots = Optional.of(NftCommands.change(Optional.empty(), Optional.of(before), Optional.empty()).slots());
        assertThat(NftCommands.change(Optional.of(before), Optional.of(after), slots).commands()).isEqualTo("""
                flush map inet jkeepalived dst_tcp_198_18_0_1_80
                add element inet jkeepalived dst_tcp_198_18_0_1_80 { 198.18.1.3 . 80 : 1, 198.18.1.4 . 80 : 1 }
                flush map inet jkeepalived slot_tcp_198_18_0_1_80
                add element inet jkeepalived slot_tcp_198_18_0_1_80 { 0 : 198.18.1.3 . 80, 1 : 198.18.1.4 . 80 }
                """);
    }

    @Test
    void shHashesTheClientWithAFixedSeedAndThePortWithFlag2() {
        var fw = new Service(new ServiceKey.Fwmark(7, true), "sh", Optional.empty(), Optional.empty(),
                new ServiceFlags(false, true, true, false), Optional.empty());
        var s = entry(fw, nat("2001:db8:1::1", 0, 1), nat("2001:db8:1::2", 0, 2));
        assertThat(NftCommands.change(Optional.empty(), Optional.of(s))).isEqualTo("""
                add chain inet jkeepalived svc_fwm6_7
                add map inet jkeepalived dst_fwm6_7 { type ipv6_addr . inet_service : mark; comment "jk1 fwm 7 6 sh - - 0110"; elements = { 2001:db8:1::1 . 0 : 1, 2001:db8:1::2 . 0 : 2 } }
                add map inet jkeepalived slot_fwm6_7 { typeof numgen inc mod 2 : ip6 daddr; }
                add element inet jkeepalived slot_fwm6_7 { 0 : 2001:db8:1::2, 1 : 2001:db8:1::1, 2 : 2001:db8:1::2 }
                add rule inet jkeepalived svc_fwm6_7 dnat ip6 to jhash ip6 saddr . th sport mod 3 seed 0x6a6b6c76 map @slot_fwm6_7
                add element inet jkeepalived fwm6 { 7 : goto svc_fwm6_7 }
                """);
    }

    @Test
    void fwmarkWithPortsNeedsATransportMatch() {
        var s = entry(service(new ServiceKey.Fwmark(8, false), "rr"), nat("198.18.1.1", 8080, 1));
        assertThat(NftCommands.change(Optional.empty(), Optional.of(s))).contains(
                "add map inet jkeepalived slot_fwm4_8 { typeof numgen inc mod 2 : ip daddr . th dport; }",
                "add element inet jkeepalived slot_fwm4_8 { 0 : 198.18.1.1 . 8080 }",
                "add rule inet jkeepalived svc_fwm4_8 meta l4proto { tcp, udp, sctp } dnat ip addr . port to numgen inc mod 1 map @slot_fwm4_8",
                "add element inet jkeepalived fwm4 { 8 : goto svc_fwm4_8 }");
    }

    @Test
    void mhIsAMaglevTableOf4093Slots() {
        var mh = new Service(TCP80, "mh", Optional.empty(), Optional.empty(), new ServiceFlags(false, false, true, false), Optional.empty());
        String c = NftCommands.change(Optional.empty(), Optional.of(entry(mh, nat("198.18.1.1", 80, 1), nat("198.18.1.2", 80, 1))));
        assertThat(c).contains("dnat ip addr . port to jhash ip saddr . th sport mod 4093 seed 0x6a6b6c76 map @slot_tcp_198_18_0_1_80")
                .contains("add element inet jkeepalived slot_tcp_198_18_0_1_80 { 0 : ").contains(", 4092 : ");
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
                add map inet jkeepalived slot_udp6_2001_db8__1_53 { typeof numgen inc mod 2 : verdict; }
                add element inet jkeepalived slot_udp6_2001_db8__1_53 { 0 : goto svc_udp6_2001_db8__1_53-2001_db8_1__1_5353 }
                add rule inet jkeepalived svc_udp6_2001_db8__1_53 ip6 saddr & ffff:ffff:ffff:ffff:: @p_udp6_2001_db8__1_53-2001_db8_1__1_5353 goto svc_udp6_2001_db8__1_53-2001_db8_1__1_5353
                add rule inet jkeepalived svc_udp6_2001_db8__1_53 numgen inc mod 1 vmap @slot_udp6_2001_db8__1_53
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
                delete map inet jkeepalived slot_tcp_198_18_0_1_80
                delete map inet jkeepalived dst_tcp_198_18_0_1_80
                flush chain inet jkeepalived svc_tcp_198_18_0_1_80-198_18_1_1_80
                delete chain inet jkeepalived svc_tcp_198_18_0_1_80-198_18_1_2_80
                delete set inet jkeepalived p_tcp_198_18_0_1_80-198_18_1_2_80
                flush chain inet jkeepalived svc_tcp_198_18_0_1_80-198_18_1_3_80
                add map inet jkeepalived dst_tcp_198_18_0_1_80 { type ipv4_addr . inet_service : mark; comment "jk1 tcp 198.18.0.1 80 rr 300 255.255.255.0 0000"; elements = { 198.18.1.1 . 80 : 1, 198.18.1.3 . 80 : 0 } }
                add rule inet jkeepalived svc_tcp_198_18_0_1_80-198_18_1_1_80 update @p_tcp_198_18_0_1_80-198_18_1_1_80 { ip saddr & 255.255.255.0 } meta l4proto tcp dnat ip to 198.18.1.1:80
                add rule inet jkeepalived svc_tcp_198_18_0_1_80-198_18_1_3_80 update @p_tcp_198_18_0_1_80-198_18_1_3_80 { ip saddr & 255.255.255.0 } meta l4proto tcp dnat ip to 198.18.1.3:80
                add map inet jkeepalived slot_tcp_198_18_0_1_80 { typeof numgen inc mod 2 : verdict; }
                add element inet jkeepalived slot_tcp_198_18_0_1_80 { 0 : goto svc_tcp_198_18_0_1_80-198_18_1_1_80 }
                add rule inet jkeepalived svc_tcp_198_18_0_1_80 ip saddr & 255.255.255.0 @p_tcp_198_18_0_1_80-198_18_1_1_80 goto svc_tcp_198_18_0_1_80-198_18_1_1_80
                add rule inet jkeepalived svc_tcp_198_18_0_1_80 ip saddr & 255.255.255.0 @p_tcp_198_18_0_1_80-198_18_1_3_80 goto svc_tcp_198_18_0_1_80-198_18_1_3_80
                add rule inet jkeepalived svc_tcp_198_18_0_1_80 numgen inc mod 1 vmap @slot_tcp_198_18_0_1_80
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
                delete map inet jkeepalived slot_tcp_198_18_0_1_80
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

    /**
     * The few-destinations shortcut against the whole-service diff: random rr and wrr services (IPv4
     * and IPv6, a port-0 one), random batches of adds, removals and weight changes of a few destinations,
     * chained as a checker would make them. Wherever the shortcut answers, its slot table must equal the
     * diff's exactly and its steps may differ only in the order of elements inside one step; it must
     * answer for most batches (a shortcut that never applies would pass vacuously).
     */
    @Test
    void theFewDestinationsShortcutGivesExactlyWhatTheWholeServiceDiffGives() {
        var random = new java.util.Random(13);
        ServiceKey[] keys = {TCP80, UDP53_V6, new ServiceKey.Addr(ServiceKey.Protocol.TCP, NftFixtures.ip("198.18.0.2"), 0)};
        int answered = 0;
        int batches = 0;
        for (int trial = 0; trial < 300; trial++) {
            ServiceKey k = keys[trial % keys.length];
            var s = service(k, trial % 2 == 0 ? "rr" : "wrr");
            int pool = 2 + random.nextInt(40);
            java.util.function.IntFunction<Destination> dest = i -> k == UDP53_V6
                    ? nat("2001:db8::" + Integer.toHexString(0x100 + i), 53, 1)
                    : nat("198.18." + (1 + i % 3) + "." + (1 + i), k == keys[2] && random.nextBoolean() ? 0 : 80, 1);
            var now = new java.util.LinkedHashMap<Destination.Key, Destination>();
            for (int i = 0; i < pool; i++) {
                if (random.nextInt(3) > 0) {
                    Destination d = dest.apply(i).withWeight(random.nextInt(7) * (trial % 5 == 0 ? 4L : 1L));
                    now.put(d.key(), d);
                }
            }
            ServiceEntry entry = new ServiceEntry(s, now);
            List<Destination.Key> slots = NftCommands.change(Optional.empty(), Optional.of(entry), Optional.empty()).slots();
            for (int step = 0; step < 20; step++) {
                var next = new java.util.LinkedHashMap<>(entry.destinations());
                var named = new java.util.LinkedHashSet<Destination.Key>();
                for (int n = 1 + random.nextInt(3); n > 0; n--) {
                    Destination d = dest.apply(random.nextInt(pool)).withWeight(random.nextInt(7) * (trial % 5 == 0 ? 4L : 1L));
                    Destination had = next.get(d.key());
                    d = had == null ? d : had.withWeight(d.weight()); // the same key keeps its port
                    if (had != null && random.nextInt(4) == 0) next.remove(d.key());
                    else next.put(d.key(), d);
                    named.add(d.key());
                }
                ServiceEntry after = new ServiceEntry(s, next);
                var whole = NftCommands.change(Optional.of(entry), Optional.of(after), Optional.of(slots));
                var few = NftCommands.changeFew(entry, after, named, slots);
                batches++;
                if (few.isPresent()) {
                    answered++;
                    assertThat(few.get().slots()).as("slots, trial %d step %d", trial, step).isEqualTo(whole.slots());
                    assertThat(unordered(few.get().steps())).as("steps, trial %d step %d", trial, step)
                            .isEqualTo(unordered(whole.steps()));
                }
                entry = after;
                slots = whole.slots();
            }
        }
        assertThat(answered).as("batches the shortcut answered, of %d", batches).isGreaterThan(batches / 2);
    }

    /** Steps with each step's elements as a set: their order inside one message means nothing to the kernel. */
    private static List<Object> unordered(List<NftStep> steps) {
        return steps.stream().<Object>map(st -> st instanceof NftStep.Elements e
                ? List.of(e.map(), e.action(), java.util.Set.copyOf(e.elements())) : st).toList();
    }
}
