package io.jkeepalived.check.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.config.ConfigLoader;
import io.jkeepalived.config.Diagnostic;
import io.jkeepalived.config.LoadResult;
import io.jkeepalived.config.lex.ReaderOptions;
import io.jkeepalived.lvs.Service;
import io.jkeepalived.lvs.ServiceKey;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Effective checker parameters: checker, then real server, then virtual server, then keepalived's defaults. */
class CheckPlanTest {

    static LoadResult load(String text) {
        return ConfigLoader.loadString(text, "t.conf", Path.of("."), new ReaderOptions("host", Map.of(), false));
    }

    static CheckPlan plan(String text) {
        return CheckPlan.of(load(text).config().orElseThrow());
    }

    static String conf(String vsLines, String rsLines, String checker) {
        return "virtual_server 198.18.0.1 80 {\n lb_algo rr\n lb_kind NAT\n protocol TCP\n" + vsLines
                + "\n real_server 198.18.0.2 80 {\n" + rsLines + "\n  " + checker + "\n }\n}\n";
    }

    static Stream<Arguments> timings() {
        return Stream.of(
                // vs lines, rs lines, checker block, delay_loop, connect_timeout, retry, delay_before_retry, warmup (s)
                Arguments.of("", "", "TCP_CHECK {\n}", 60, 5, 1, 1, 60),
                Arguments.of("", "", "HTTP_GET {\nurl {\npath /\n}\n}", 60, 5, 1, 3, 60),
                Arguments.of("", "", "SSL_GET {\nurl {\npath /\n}\n}", 60, 5, 1, 3, 60),
                Arguments.of("delay_loop 7", "", "DNS_CHECK {\n}", 7, 5, 3, 7, 7),
                Arguments.of("", "", "MISC_CHECK {\nmisc_path /bin/true\n}", 60, 5, 0, 1, 60),
                Arguments.of("delay_loop 9\n retry 4\n delay_before_retry 2\n connect_timeout 3\n warmup 1", "",
                        "TCP_CHECK {\n}", 9, 3, 4, 2, 1),
                Arguments.of("delay_loop 9\n retry 4", "delay_loop 8\n retry 5\n connect_timeout 2\n warmup 0",
                        "TCP_CHECK {\n}", 8, 2, 5, 1, 0),
                Arguments.of("delay_loop 9\n retry 4", "retry 5\n delay_before_retry 4",
                        "TCP_CHECK {\ndelay_loop 6\nretry 0\nconnect_timeout 1\ndelay_before_retry 2\n}", 6, 1, 0, 2, 6),
                Arguments.of("", "", "TCP_CHECK {\nnb_get_retry 6\n}", 60, 5, 6, 1, 60),
                Arguments.of("", "", "HTTP_GET {\nnb_get_retry 2\nurl {\npath /\n}\n}", 60, 5, 2, 3, 60),
                Arguments.of("", "", "MISC_CHECK {\nmisc_path /bin/true\nretry 2\ndelay_before_retry 4\n}", 60, 5, 2, 4, 60));
    }

    @ParameterizedTest
    @MethodSource("timings")
    void inheritanceAndDefaults(String vs, String rs, String checker, int loop, int connect, int retry, int dbr,
                                int warmup) {
        Timing t = plan(conf(vs, rs, checker)).virtualServers().getFirst().realServers().getFirst().checkers().getFirst()
                .timing();
        assertThat(List.of(t.delayLoop(), t.connectTimeout(), (long) t.retry(), t.delayBeforeRetry(), t.warmup()))
                .containsExactly(loop * 1_000_000_000L, connect * 1_000_000_000L, (long) retry, dbr * 1_000_000_000L,
                        warmup * 1_000_000_000L);
    }

    @Test
    void nbGetRetryInTcpCheckIsUsedAndReported() {
        var messages = load(conf("", "", "TCP_CHECK {\nnb_get_retry 6\n}")).diagnostics().stream()
                .map(Diagnostic::render).toList();
        assertThat(messages).anyMatch(m -> m.contains("'nb_get_retry' in TCP_CHECK is accepted as 'retry'"));
    }

    @Test
    void miscTimeoutIsTheProbeDeadlineAndDefaultsToDelayLoop() {
        var c = plan(conf("delay_loop 20", "", "MISC_CHECK {\nmisc_path /bin/true\n}")).virtualServers().getFirst()
                .realServers().getFirst().checkers().getFirst();
        assertThat(c.timing().probeTimeout()).isEqualTo(20_000_000_000L);
    }

    @Test
    void targetAndVirtualhostResolve() {
        var c = plan(conf("virtualhost vs.example", "", "HTTP_GET {\nconnect_ip 198.18.0.9\nconnect_port 8080\n"
                + "url {\npath /\n}\n}")).virtualServers().getFirst().realServers().getFirst().checkers().getFirst();
        assertThat(c.ip().getHostAddress()).isEqualTo("198.18.0.9");
        assertThat(c.port()).isEqualTo(8080);
        assertThat(c.virtualhost()).contains("vs.example");
    }

    @Test
    void identicalCheckersAcrossVirtualServersShareOneKey() {
        String two = conf("", "", "TCP_CHECK {\n}") + conf("", "", "TCP_CHECK {\n}").replace("198.18.0.1 80", "198.18.0.3 80");
        var keys = plan(two).virtualServers().stream()
                .map(v -> v.realServers().getFirst().checkers().getFirst().key()).distinct().toList();
        assertThat(keys).hasSize(1);
        String differ = conf("", "", "TCP_CHECK {\n}")
                + conf("", "", "TCP_CHECK {\nconnect_timeout 2\n}").replace("198.18.0.1 80", "198.18.0.3 80");
        assertThat(plan(differ).virtualServers().stream()
                .map(v -> v.realServers().getFirst().checkers().getFirst().key()).distinct()).hasSize(2);
    }

    static Stream<Arguments> groups() {
        return Stream.of(
                Arguments.of("198.18.1.1-3 80", List.of("TCP 198.18.1.1:80", "TCP 198.18.1.2:80", "TCP 198.18.1.3:80")),
                Arguments.of("198.18.1.254-198.18.2.1 443", List.of("TCP 198.18.1.254:443", "TCP 198.18.1.255:443",
                        "TCP 198.18.2.0:443", "TCP 198.18.2.1:443")),
                Arguments.of("198.18.1.8/31 80", List.of("TCP 198.18.1.8:80", "TCP 198.18.1.9:80")),
                Arguments.of("2001:db8::a-b 80", List.of("TCP [2001:db8::a]:80", "TCP [2001:db8::b]:80")),
                Arguments.of("fwmark 7", List.of("FWM 7")),
                Arguments.of("fwmark 7 inet6", List.of("FWM 7 IPv6")));
    }

    @ParameterizedTest
    @MethodSource("groups")
    void virtualServerGroupsExpandToServices(String entry, List<String> services) {
        String text = "virtual_server_group G {\n " + entry + "\n}\nvirtual_server group G {\n lb_algo rr\n lb_kind DR\n"
                + " protocol TCP\n real_server 198.18.0.2 80 {\n }\n}\n";
        var vs = plan(text).virtualServers().getFirst();
        assertThat(vs.services().stream().map(Service::key).map(Object::toString).toList()).isEqualTo(services);
        assertThat(vs.name()).isEqualTo("[G]:0:tcp");
    }

    @Test
    void fwmarkServicesTakeTheirFamilyFromTheRealServers() {
        String text = "virtual_server fwmark 5 {\n lb_algo rr\n lb_kind DR\n real_server 2001:db8::2 {\n }\n}\n";
        var vs = plan(text).virtualServers().getFirst();
        assertThat(vs.services().getFirst().key()).isEqualTo(new ServiceKey.Fwmark(5, true));
        assertThat(vs.name()).isEqualTo("FWM 5");
    }

    @Test
    void unknownGroupAndDuplicateServicesAreProblemsNotExceptions() {
        String text = "virtual_server group NOPE {\n lb_algo rr\n lb_kind DR\n protocol TCP\n}\n"
                + conf("", "", "TCP_CHECK {\n}") + conf("", "", "TCP_CHECK {\n}");
        var p = plan(text);
        assertThat(p.virtualServers()).hasSize(1);
        assertThat(p.problems()).hasSize(2);
    }

    @Test
    void servicesCarryFlagsEngineAndCanonicalGranularityAndRealServersTheirTunnel() {
        var p = plan("virtual_server 198.18.0.1 80 {\n lb_algo mh\n lb_kind TUN type gue port 6080 remcsum\n protocol UDP\n"
                + " ops\n mh-fallback\n mh-port\n persistence_timeout 60\n persistence_granularity 24\n"
                + " persistence_engine sip\n real_server 198.18.0.2 80 {\n }\n"
                + " real_server 198.18.0.3 80 {\n lvs_method TUN\n }\n real_server 198.18.0.4 80 {\n lvs_method NAT\n }\n}\n"
                + "virtual_server 2001:db8::1 80 {\n lb_algo rr\n lb_kind NAT\n protocol TCP\n persistence_timeout 5\n"
                + " persistence_granularity 128\n real_server 2001:db8::2 80 {\n }\n}\n");
        var s = p.virtualServers().get(0).services().getFirst();
        assertThat(s.flags()).isEqualTo(new io.jkeepalived.lvs.ServiceFlags(true, true, true, false));
        assertThat(s.persistenceEngine()).contains("sip");
        assertThat(s.granularity()).contains("255.255.255.0");
        var reals = p.virtualServers().get(0).realServers();
        assertThat(reals.get(0).tunnel()).isEqualTo(new io.jkeepalived.lvs.Tunnel(io.jkeepalived.lvs.Tunnel.Type.GUE, 6080,
                io.jkeepalived.lvs.Tunnel.Checksum.REMCSUM));
        assertThat(reals.get(1).tunnel()).isEqualTo(io.jkeepalived.lvs.Tunnel.DEFAULT);
        assertThat(reals.get(2).tunnel()).isEqualTo(io.jkeepalived.lvs.Tunnel.DEFAULT);
        // /128 is the kernel's default: the same as none, so a desired service equals its dump
        assertThat(p.virtualServers().get(1).services().getFirst().granularity()).isEmpty();
        assertThat(plan(conf("persistence_timeout 5\n persistence_granularity 255.0.255.0", "", "")).problems())
                .anyMatch(m -> m.contains("persistence_granularity 255.0.255.0 is not an IPv4 netmask"));
    }
}
