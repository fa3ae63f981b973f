package io.jkeepalived.config.bind;

import static io.jkeepalived.config.bind.Load.instance;
import static io.jkeepalived.config.bind.Load.messages;
import static io.jkeepalived.config.bind.Load.vi;
import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.config.model.Authentication;
import io.jkeepalived.config.model.Family;
import io.jkeepalived.config.model.VrrpState;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class VrrpInstanceBindingTest {

    @Test
    void masterWithoutPriorityIsOwner() {
        var i = instance(vi("A", 1, "state MASTER"), "A");
        assertThat(i.priority()).isEqualTo(255);
        assertThat(i.state()).isEqualTo(VrrpState.MASTER);
    }

    @Test
    void noStateIsDerivedFromPriority() {
        assertThat(instance(vi("A", 1, "priority 255"), "A").state()).isEqualTo(VrrpState.MASTER);
        assertThat(instance(vi("A", 1, "priority 254"), "A").state()).isEqualTo(VrrpState.BACKUP);
        assertThat(instance(vi("A", 1), "A").priority()).isEqualTo(100);
    }

    @Test
    void keepalivedDefaults() {
        var i = instance(vi("A", 1), "A");
        assertThat(i.advertInt()).isEqualTo(Duration.ofSeconds(1));
        assertThat(i.version()).isEqualTo(2);
        assertThat(i.accept()).isTrue();
        assertThat(i.garp().masterDelay()).isEqualTo(Duration.ofSeconds(5));
        assertThat(i.garp().masterRepeat()).isEqualTo(5);
        assertThat(i.downTimerAdverts()).isEqualTo(3);
        assertThat(i.unicastTtl()).isEqualTo(255);
        assertThat(i.virtualIpaddress().getFirst().address().toString()).isEqualTo("198.18.0.1/32");
    }

    @Test
    void v2AdvertIntIsRoundedToWholeSecondsWithAReport() {
        assertThat(instance(vi("A", 1, "advert_int 2.6"), "A").advertInt()).isEqualTo(Duration.ofSeconds(3));
        assertThat(instance(vi("A", 1, "advert_int 0.4"), "A").advertInt()).isEqualTo(Duration.ofSeconds(1));
        assertThat(messages(vi("A", 1, "advert_int 2.6"))).anyMatch(m -> m.contains("rounded to 3"));
    }

    @Test
    void timersKeepMicrosecondsAndRejectJunk() {
        var s = Load.config("vrrp_script s {\n script /bin/true\n interval 2.718281\n timeout 0.5\n}\n").vrrpScripts().getFirst();
        assertThat(s.interval()).isEqualTo(Duration.ofNanos(2_718_281_000L));
        assertThat(s.timeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(messages("vrrp_script s {\n script /bin/true\n interval 1.x\n}\n"))
                .anyMatch(m -> m.contains("interval '1.x' is not a valid number of seconds"));
        assertThat(messages("vrrp_script s {\n script /bin/true\n interval 1e1\n}\n")).noneMatch(m -> m.contains("error"));
    }

    @Test
    void v3AdvertIntUses10msSteps() {
        assertThat(instance(vi("A", 1, "version 3", "advert_int 0.123"), "A").advertInt()).isEqualTo(Duration.ofMillis(120));
        assertThat(instance(vi("A", 1, "version 3", "advert_int 0.05"), "A").advertInt()).isEqualTo(Duration.ofMillis(50));
        assertThat(messages(vi("A", 1, "version 3", "advert_int 41"))).anyMatch(m -> m.contains("0.01..40.95"));
    }

    @Test
    void ipv6InstanceIsVersion3UnlessVersion2IsExplicit() {
        String body = " virtual_router_id 3\n virtual_ipaddress {\n  fe80::1/64\n  2001:db8::1/64\n }\n}\n";
        var i = instance("vrrp_instance S {\n interface eth0\n" + body, "S");
        assertThat(i.version()).isEqualTo(3);
        assertThat(i.family()).isEqualTo(Family.INET6);
        // keepalived 2.2.7 keeps an explicit version 2 on IPv6 (seen in its -d dump)
        String explicit = "vrrp_instance S {\n interface eth0\n version 2\n" + body;
        assertThat(instance(explicit, "S").version()).isEqualTo(2);
        assertThat(messages(explicit)).anyMatch(m -> m.contains("warning:") && m.contains("not standard"));
    }

    @Test
    void mixedFamiliesDropTheOtherFamily() {
        String conf = "vrrp_instance S {\n interface eth0\n virtual_router_id 3\n"
                + " virtual_ipaddress {\n  198.18.0.1\n  2001:db8::1\n }\n}\n";
        assertThat(instance(conf, "S").virtualIpaddress()).hasSize(1);
        assertThat(messages(conf)).anyMatch(m -> m.startsWith("t.conf:6:3: error:") && m.contains("address family"));
    }

    @Test
    void strictModeOverridesTheStockSample() {
        String conf = "global_defs {\n vrrp_strict\n}\n" + vi("A", 1, "state MASTER", "priority 100",
                "preempt_delay 5", "authentication {\n auth_type PASS\n auth_pass 1111\n}");
        var i = instance(conf, "A");
        assertThat(i.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(i.authentication()).isEmpty();
        assertThat(i.preemptDelay()).isZero();
        assertThat(i.accept()).isFalse();
        assertThat(i.lowerPrioNoAdvert()).isTrue();
        assertThat(i.strict()).isTrue();
        assertThat(messages(conf)).anyMatch(m -> m.contains("state set to BACKUP"))
                .anyMatch(m -> m.contains("does not support authentication"));
    }

    @Test
    void strictOwnerKeepsMasterAndAccepts() {
        var i = instance("global_defs {\n vrrp_strict\n}\n" + vi("A", 1, "state MASTER"), "A");
        assertThat(i.state()).isEqualTo(VrrpState.MASTER);
        assertThat(i.accept()).isTrue();
    }

    @Test
    void nopreemptIgnoredForMasterAndPreemptDelayIgnoredWithNopreempt() {
        assertThat(instance(vi("A", 1, "state MASTER", "nopreempt"), "A").nopreempt()).isFalse();
        assertThat(instance(vi("A", 1, "state BACKUP", "nopreempt"), "A").nopreempt()).isTrue();
        var i = instance(vi("A", 1, "nopreempt", "preempt_delay 30"), "A");
        assertThat(i.preemptDelay()).isZero();
        assertThat(instance(vi("A", 1, "preempt_delay 30"), "A").preemptDelay()).isEqualTo(Duration.ofSeconds(30));
        assertThat(instance(vi("A", 1, "nopreempt", "preempt"), "A").nopreempt()).isFalse();
    }

    @Test
    void authenticationPasswordIsTruncatedTo8Bytes() {
        var i = instance(vi("A", 1, "authentication {\n auth_type PASS\n auth_pass secretpassword\n}"), "A");
        assertThat(i.authentication()).contains(new Authentication(Authentication.AuthType.PASS, "secretpa"));
    }

    @Test
    void rangesAreCheckedWithKeepalivedStyleMessages() {
        assertThat(messages(vi("A", 300))).anyMatch(m -> m.contains("virtual_router_id 300 is out of range 1..255"));
        assertThat(messages(vi("A", 1, "priority 0"))).anyMatch(m -> m.contains("priority 0 is out of range 1..255"));
    }

    @Test
    void unknownKeywordSuggestsTheClosestOne() {
        assertThat(messages(vi("A", 1, "priorty 100")))
                .anyMatch(m -> m.contains("error: unknown keyword 'priorty' — did you mean 'priority'?"));
    }

    @Test
    void vipOptionsAreBound() {
        String conf = "vrrp_instance A {\n interface eth0\n virtual_router_id 1\n virtual_ipaddress {\n"
                + "  198.18.1.1/24 dev eth1 label eth1:vip brd 198.18.1.255 scope link no_track\n  2001:db8::1 dev eth0\n }\n}\n";
        var v = instance(conf, "A").virtualIpaddress().getFirst();
        assertThat(v.address().toString()).isEqualTo("198.18.1.1/24");
        assertThat(v.dev()).contains("eth1");
        assertThat(v.label()).contains("eth1:vip");
        assertThat(v.brd()).contains("198.18.1.255");
        assertThat(v.scope()).contains("link");
        assertThat(v.noTrack()).isTrue();
    }

    @Test
    void scriptStringsSplitArgumentsAndUser() {
        var i = instance(vi("A", 1, "notify_master \"/bin/echo 'a b' c\" nobody:nogroup"), "A");
        var s = i.notifyScripts().master().orElseThrow();
        assertThat(s.argv()).containsExactly("/bin/echo", "a b", "c");
        assertThat(s.user()).contains("nobody");
        assertThat(s.group()).contains("nogroup");
    }

    @Test
    void unimplementedKeywordsWarnAndAreKept() {
        var r = Load.text("global_defs {\n enable_snmp_vrrp\n}\n" + vi("A", 1));
        assertThat(r.diagnostics()).anyMatch(d -> d.render().contains("warning: 'enable_snmp_vrrp' is recognised but not implemented"));
        assertThat(r.config().orElseThrow().notImplemented()).anyMatch(k -> k.keyword().equals("enable_snmp_vrrp"));
        assertThat(r.hasErrors()).isFalse();
    }
}
