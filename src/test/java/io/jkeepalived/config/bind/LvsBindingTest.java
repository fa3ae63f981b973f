package io.jkeepalived.config.bind;

import static io.jkeepalived.config.bind.Load.config;
import static io.jkeepalived.config.bind.Load.messages;
import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.config.model.Checker;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LvsBindingTest {
    static String vs(String head, String body) {
        return "virtual_server " + head + " {\n lb_algo rr\n " + body + "\n}\n";
    }

    @Test
    void defaultsOfVirtualServerAndCheckers() {
        var v = config(vs("198.18.0.1 80", "lb_kind NAT\n protocol TCP\n real_server 198.18.0.2 80 {\n"
                + " TCP_CHECK {\n }\n DNS_CHECK {\n }\n SSL_GET {\n url {\n path /\n }\n }\n }")).virtualServers().getFirst();
        assertThat(v.delayLoop()).isEqualTo(Duration.ofSeconds(60));
        assertThat(v.quorum()).isEqualTo(1);
        var checkers = v.realServers().getFirst().checkers();
        // timing left unset is inherited later (check.plan.Timing); the defaults are tested in CheckPlanTest
        assertThat(checkers.get(0).common().retry()).isEmpty();
        assertThat(checkers.get(0).common().connectTimeout()).isEmpty();
        var dns = (Checker.DnsCheck) checkers.get(1);
        assertThat(dns.queryType()).isEqualTo("SOA");
        assertThat(dns.name()).isEqualTo(".");
        var ssl = (Checker.HttpGet) checkers.get(2);
        assertThat(ssl.type()).isEqualTo("SSL_GET");
        assertThat(ssl.common().delayBeforeRetry()).isEmpty();
        assertThat(ssl.urls().getFirst().statusCode()).extracting(Object::toString).containsExactly("200-299");
    }

    @Test
    void persistenceTimeoutWithoutValueIs360s() {
        var v = config(vs("198.18.0.1 80", "lb_kind DR\n protocol TCP\n persistence_timeout")).virtualServers().getFirst();
        assertThat(v.persistenceTimeout()).contains(Duration.ofSeconds(360));
    }

    @Test
    void fwmarkServicesLoseRealServerPorts() {
        String conf = vs("fwmark 5", "lb_kind DR\n real_server 198.18.0.2 80 {\n }");
        assertThat(config(conf).virtualServers().getFirst().realServers().getFirst().port()).isEmpty();
        assertThat(messages(conf)).anyMatch(m -> m.contains("has a port; the port is cleared"));
    }

    /** keepalived 2.2.7 -t: port 0 is accepted silently, another port is cleared with a warning; both exit 0. */
    @Test
    void fwmarkRealServerPortIsNotAnError() {
        String zero = vs("fwmark 5", "lb_kind DR\n real_server 198.18.0.2 0 {\n }");
        var r = io.jkeepalived.config.ConfigLoader.loadString(zero, "t.conf", java.nio.file.Path.of("."),
                io.jkeepalived.config.lex.ReaderOptions.defaults());
        assertThat(r.diagnostics()).isEmpty();
        assertThat(r.config().orElseThrow().virtualServers().getFirst().realServers().getFirst().port()).isEmpty();
        String eighty = vs("fwmark 5", "lb_kind DR\n real_server 198.18.0.2 80 {\n }");
        var r80 = io.jkeepalived.config.ConfigLoader.loadString(eighty, "t.conf", java.nio.file.Path.of("."),
                io.jkeepalived.config.lex.ReaderOptions.defaults());
        assertThat(r80.diagnostics()).extracting(d -> d.severity()).containsOnly(io.jkeepalived.config.Severity.WARNING);
    }

    @Test
    void directRoutingCannotChangeThePort() {
        String conf = vs("198.18.0.1 80", "lb_kind DR\n protocol TCP\n real_server 198.18.0.2 8080 {\n }");
        assertThat(config(conf).virtualServers().getFirst().realServers().getFirst().port()).contains(80);
        String nat = vs("198.18.0.1 80", "lb_kind NAT\n protocol TCP\n real_server 198.18.0.2 8080 {\n }");
        assertThat(config(nat).virtualServers().getFirst().realServers().getFirst().port()).contains(8080);
    }

    @Test
    void httpGetWithoutUrlIsDropped() {
        String conf = vs("198.18.0.1 80", "lb_kind DR\n protocol TCP\n real_server 198.18.0.2 80 {\n HTTP_GET {\n }\n }");
        assertThat(config(conf).virtualServers().getFirst().realServers().getFirst().checkers()).isEmpty();
        assertThat(messages(conf)).anyMatch(m -> m.contains("HTTP_GET checker has no url"));
    }

    @Test
    void virtualServerGroupsAndReferences() {
        String conf = "virtual_server_group G {\n 198.18.0.1-10 80\n fwmark 3\n}\n"
                + vs("group G", "lb_kind DR\n protocol TCP") + vs("group H", "lb_kind DR\n protocol TCP");
        var k = config(conf);
        assertThat(k.virtualServerGroups().getFirst().entries()).hasSize(2);
        assertThat(messages(conf)).anyMatch(m -> m.contains("virtual_server group H names no virtual_server_group"));
    }

    @Test
    void ipvsFlagsPersistenceEngineAndTunnelOptionsAreCarried() {
        var v = config(vs("fwmark 9", "lb_kind TUN type gue port 6080 csum\n ops\n sh-port\n flag-3\n sh-port\n"
                + " persistence_engine sip\n real_server 198.18.0.2 {\n lvs_method TUN type gre\n }\n"
                + " real_server 198.18.0.3 {\n lvs_method DR\n }")).virtualServers().getFirst();
        assertThat(v.tunnel()).contains(new io.jkeepalived.config.model.LvsTunnel("gue", 6080, "csum"));
        assertThat(v.ops()).isTrue();
        assertThat(v.schedulerFlags()).containsExactly("sh-port", "flag-3");
        assertThat(v.persistenceEngine()).contains("sip");
        assertThat(v.realServers().get(0).tunnel()).contains(new io.jkeepalived.config.model.LvsTunnel("gre", 0, "nocsum"));
        assertThat(v.realServers().get(1).tunnel()).isEmpty();
        assertThat(messages(vs("fwmark 9", "lb_kind NAT\n sh-port"))).anyMatch(m -> m.contains("'sh-port' means something only to the sh scheduler"));
    }

    @Test
    void wrongTunnelOptionsAreErrorsAtTheirPosition() {
        assertThat(messages(vs("fwmark 9", "lb_kind TUN type vxlan"))).anyMatch(m -> m.contains("type must be ipip, gue or gre"));
        assertThat(messages(vs("fwmark 9", "lb_kind TUN type gue"))).anyMatch(m -> m.contains("type gue needs 'port N'"));
        assertThat(messages(vs("fwmark 9", "lb_kind TUN type ipip remcsum"))).anyMatch(m -> m.contains("does not apply to a ipip tunnel"));
        assertThat(messages(vs("fwmark 9", "lb_kind TUN type gre port 5"))).anyMatch(m -> m.contains("unexpected 'port'"));
        assertThat(messages(vs("fwmark 9", "lb_kind NAT gue"))).anyMatch(m -> m.contains("NAT takes no options"));
    }
}
