package io.jkeepalived.config.bind;

import static io.jkeepalived.config.bind.Load.config;
import static io.jkeepalived.config.bind.Load.messages;
import static io.jkeepalived.config.bind.Load.vi;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CrossReferenceTest {

    @Test
    void trackScriptNamingNothingIsReportedAndDropped() {
        String conf = "vrrp_script chk_one {\n script /bin/true\n}\n" + vi("A", 1, "track_script {\n chk_on\n}");
        assertThat(messages(conf)).anyMatch(m -> m.contains("track_script 'chk_on' names no vrrp_script")
                && m.contains("did you mean 'chk_one'?"));
        assertThat(config(conf).vrrpInstances().getFirst().trackScript()).isEmpty();
    }

    @Test
    void trackWeightsAreBound() {
        String conf = "vrrp_script s {\n script /bin/true\n weight 5\n}\n" + vi("A", 1, "track_script {\n s weight -20 reverse\n}");
        var ref = config(conf).vrrpInstances().getFirst().trackScript().getFirst();
        assertThat(ref.weight()).contains(-20);
        assertThat(ref.reverse()).isTrue();
    }

    @Test
    void syncGroupMembersMustExistAndBelongToOneGroup() {
        String conf = "vrrp_sync_group G1 {\n group {\n A\n B\n C\n }\n}\nvrrp_sync_group G2 {\n group {\n A\n B\n }\n}\n"
                + vi("A", 1) + vi("B", 2);
        var msgs = messages(conf);
        assertThat(msgs).anyMatch(m -> m.contains("sync group member C names no vrrp_instance"));
        assertThat(msgs).anyMatch(m -> m.contains("vrrp_instance A is already in sync group G1"));
        assertThat(config(conf).syncGroups()).extracting(g -> g.name()).containsExactly("G1");
    }

    @Test
    void duplicateVridOnOneInterfaceAndFamily() {
        assertThat(messages(vi("A", 5) + "vrrp_instance B {\n interface eth0\n virtual_router_id 5\n"
                + " virtual_ipaddress {\n 198.18.9.9\n }\n}\n"))
                .anyMatch(m -> m.contains("virtual_router_id 5 is already used by A on eth0 for IPv4"));
        assertThat(messages(vi("A", 5) + "vrrp_instance B {\n interface eth1\n virtual_router_id 5\n"
                + " virtual_ipaddress {\n 198.18.9.9\n }\n}\n")).noneMatch(m -> m.contains("already used"));
    }

    @Test
    void twoInstancesWithOneNameKeepTheFirst() {
        String conf = vi("A", 1) + vi("A", 2);
        assertThat(messages(conf)).anyMatch(m -> m.contains("vrrp_instance A is already defined at t.conf:1:1"));
        assertThat(config(conf).vrrpInstances()).singleElement().satisfies(i -> assertThat(i.virtualRouterId()).isEqualTo(1));
    }

    @Test
    void missingInterfaceIsAnError() {
        assertThat(messages("vrrp_instance A {\n virtual_router_id 1\n virtual_ipaddress {\n 198.18.0.1\n }\n}\n"))
                .anyMatch(m -> m.contains("error: (A) no interface given"));
    }

    @Test
    void legacySpellingsAreAccepted() {
        String conf = "vrrp_track_file f {\n file /tmp/x\n}\nvirtual_server 198.18.0.1 80 {\n lb_algo rr\n lb_kind DR\n"
                + " protocol TCP\n real_server 198.18.0.2 80 {\n  HTTP_GET {\n   url {\n    path /\n   }\n   nb_get_retry 4\n  }\n }\n}\n";
        var k = config(conf);
        assertThat(k.trackFiles()).singleElement().satisfies(f -> assertThat(f.name()).isEqualTo("f"));
        var vs = k.virtualServers().getFirst();
        assertThat(vs.lbAlgo()).isEqualTo("rr");
        assertThat(vs.lbKind()).isEqualTo("DR");
        assertThat(vs.realServers().getFirst().checkers().getFirst().common().retry()).contains(4);
    }

    // Found by differential runs against keepalived 2.2.7 -t (each is a config error there too).
    @Test
    void differentialFindings() {
        assertThat(messages(vi("A", 1, "track_interface {\n eth0\n}")))
                .anyMatch(m -> m.contains("ignoring track_interface eth0 since it is the instance's own interface"));
        assertThat(messages("global_defs {\n notification_email {\n }\n}\n"))
                .anyMatch(m -> m.contains("error: empty notification_email block"));
        assertThat(messages("vrrp_instance A {\n interface eth0\n virtual_router_id 1\n virtual_ipaddress {\n 300\n }\n}\n"))
                .anyMatch(m -> m.contains("address '300' is not a valid IP address"));
        assertThat(messages(vi("A", 1, "state MASTER", "authentication {\n auth_type AH\n auth_pass x\n}")))
                .noneMatch(m -> m.contains("incompatible with AH"));
        assertThat(messages(vi("A", 1, "state MASTER", "priority 100", "authentication {\n auth_type AH\n auth_pass x\n}")))
                .anyMatch(m -> m.contains("incompatible with AH"));
    }
}
