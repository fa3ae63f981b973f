package io.jkeepalived.check.engine;

import static io.jkeepalived.check.engine.Rig.DOWN;
import static io.jkeepalived.check.engine.Rig.S;
import static io.jkeepalived.check.engine.Rig.UP;
import static io.jkeepalived.check.engine.Rig.rs;
import static io.jkeepalived.check.engine.Rig.vs;
import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.check.probe.ProbeResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Real-server and virtual-server state and the table they produce, with exact timestamps. */
class ServerStateTest {

    static final String TCP = "  TCP_CHECK {\n   retry 0\n  }";

    /** Each listed real server (by last octet) is down during [from, to) seconds. */
    static Rig.Responder downDuring(Map<String, long[]> windows) {
        return (spec, url, at) -> {
            String key = spec.ip().getHostAddress().substring("198.18.0.".length()) + ":" + spec.port();
            long[] w = windows.get(key);
            return Optional.of(w != null && at >= w[0] * S && at < w[1] * S ? DOWN : UP);
        };
    }

    static List<String> after(Rig rig, int from) {
        return rig.timeline.subList(from, rig.timeline.size());
    }

    @Test
    void aRealServerIsAliveOnlyWhileAllItsCheckersAreUp() {
        Rig rig = Rig.start(vs("198.18.0.1 80", " delay_loop 10\n warmup 0\n" + rs("198.18.0.2 80",
                TCP + "\n  TCP_CHECK {\n   connect_port 81\n   retry 0\n  }")));
        int start = rig.timeline.size();
        rig.responder = downDuring(Map.of("2:81", new long[] {20, 40}));
        rig.runTo(45 * S);
        assertThat(after(rig, start)).containsExactly(
                "20s checker TCP_CHECK 198.18.0.2:81 DOWN (REFUSED: refused)",
                "20s real server 198.18.0.2:80 in [198.18.0.1]:tcp:80 DOWN (TCP_CHECK 198.18.0.2:81: REFUSED: refused)",
                "20s quorum of [198.18.0.1]:tcp:80 DOWN (0/1±0)", // quorum defaults to 1
                "20s -dest 198.18.0.2:80",
                "40s checker TCP_CHECK 198.18.0.2:81 UP",
                "40s real server 198.18.0.2:80 in [198.18.0.1]:tcp:80 UP (all checkers up)",
                "40s quorum of [198.18.0.1]:tcp:80 UP (1/1±0)",
                "40s +dest 198.18.0.2:80 w1 NAT");
    }

    @Test
    void inhibitOnFailureKeepsTheDestinationAtWeightZero() {
        Rig rig = Rig.start(vs("198.18.0.1 80", " delay_loop 10\n warmup 0\n inhibit_on_failure\n"
                + rs("198.18.0.2 80", "  weight 3\n  uthreshold 100\n  lthreshold 10\n" + TCP)));
        rig.responder = downDuring(Map.of("2:80", new long[] {10, 20}));
        rig.runTo(25 * S);
        assertThat(rig.lines("dest")).containsExactly("0s +dest 198.18.0.2:80 w3 NAT", "10s ~dest 198.18.0.2:80 w0",
                "20s ~dest 198.18.0.2:80 w3");
        var dest = rig.lb.table().values().iterator().next().destinations().values().iterator().next();
        assertThat(List.of(dest.uthreshold(), dest.lthreshold())).containsExactly(100L, 10L);
    }

    @Test
    void miscDynamicSetsTheWeight() {
        Rig rig = Rig.start(vs("198.18.0.1 80", " delay_loop 10\n warmup 0\n" + rs("198.18.0.2 80",
                "  weight 5\n  MISC_CHECK {\n   misc_path /bin/true\n   misc_dynamic\n  }")));
        rig.responder = (spec, url, at) -> Optional.of(new ProbeResult.Up(Duration.ZERO,
                at < 20 * S ? OptionalInt.of(7) : OptionalInt.of(2)));
        rig.runTo(25 * S);
        assertThat(rig.lines("dest")).containsExactly("0s +dest 198.18.0.2:80 w5 NAT", "0s ~dest 198.18.0.2:80 w7",
                "20s ~dest 198.18.0.2:80 w2");
    }

    @Test
    void realServerNotifiersRunInOrderWithKeepalivedsArguments() {
        Rig rig = Rig.start(vs("198.18.0.1 80", " delay_loop 10\n warmup 0\n" + rs("198.18.0.2 80",
                "  notify_up \"/usr/local/bin/rs.sh up 'two words'\"\n  notify_down /usr/local/bin/rs-down.sh\n" + TCP)));
        rig.responder = downDuring(Map.of("2:80", new long[] {10, 20}));
        int start = rig.actions.size();
        rig.runTo(15 * S);
        var down = rig.actions.subList(start, rig.actions.size()).stream()
                .filter(a -> !(a instanceof CheckAction.ProbeDue) && !(a instanceof CheckAction.TableChange)).toList();
        assertThat(down).hasSize(7); // then the quorum's own line and FIFO line
        assertThat(down.get(0)).isInstanceOf(CheckAction.LogTransition.class); // checker
        assertThat(down.get(1)).isInstanceOf(CheckAction.LogTransition.class); // real server
        assertThat(((CheckAction.RunScript) down.get(2)).script().argv()).containsExactly("/usr/local/bin/rs-down.sh");
        assertThat(((CheckAction.WriteFifo) down.get(3)).line())
                .isEqualTo("RS [198.18.0.2]:tcp:80 [198.18.0.1]:tcp:80 DOWN\n");
        assertThat(down.get(4)).isInstanceOf(CheckAction.SmtpAlert.class);
        rig.runTo(25 * S);
        assertThat(rig.all(CheckAction.RunScript.class).getLast().script().argv())
                .containsExactly("/usr/local/bin/rs.sh", "up", "two words");
        assertThat(rig.all(CheckAction.SmtpAlert.class)).as("real servers alert by default").hasSize(2);
    }

    @Test
    void smtpAlertFollowsTheRealServersSettingThenTheGlobalOnes() {
        String body = " delay_loop 10\n warmup 0\n" + rs("198.18.0.2 80", "  smtp_alert on\n" + TCP);
        Rig rig = Rig.start(vs("198.18.0.1 80", body));
        rig.responder = downDuring(Map.of("2:80", new long[] {10, 20}));
        rig.runTo(15 * S);
        assertThat(rig.all(CheckAction.SmtpAlert.class)).singleElement().satisfies(a -> assertThat(a.mail("r1").subject())
                .isEqualTo("[r1] Realserver [198.18.0.2]:tcp:80 of [198.18.0.1]:tcp:80 - DOWN"));
        Rig off = Rig.start("global_defs {\n smtp_alert_checker off\n}\n" + vs("198.18.0.1 80", body.replace(
                "  smtp_alert on\n", "")));
        off.responder = rig.responder;
        off.runTo(15 * S);
        assertThat(off.all(CheckAction.SmtpAlert.class)).isEmpty();
    }

    static Stream<Arguments> quorums() {
        // four real servers of weight 1: .2 down [10,60), .3 down [20,50), .4 down [30,40), .5 always up
        return Stream.of(
                Arguments.of(3, 1, List.of("30s quorum of [198.18.0.1]:tcp:80 DOWN (1/3±1)",
                        "60s quorum of [198.18.0.1]:tcp:80 UP (4/3±1)")),
                Arguments.of(3, 0, List.of("20s quorum of [198.18.0.1]:tcp:80 DOWN (2/3±0)",
                        "50s quorum of [198.18.0.1]:tcp:80 UP (3/3±0)")),
                Arguments.of(1, 0, List.of()),
                Arguments.of(2, 1, List.of()));
    }

    @ParameterizedTest(name = "quorum {0} hysteresis {1}")
    @MethodSource("quorums")
    void quorumWithHysteresis(int quorum, int hysteresis, List<String> expected) {
        StringBuilder reals = new StringBuilder();
        for (int i = 2; i <= 5; i++) reals.append(rs("198.18.0." + i + " 80", TCP));
        Rig rig = Rig.start(vs("198.18.0.1 80", " delay_loop 10\n warmup 0\n quorum " + quorum + "\n hysteresis "
                + hysteresis + "\n quorum_up /bin/qup\n quorum_down /bin/qdown\n" + reals));
        rig.responder = downDuring(Map.of("2:80", new long[] {10, 60}, "3:80", new long[] {20, 50},
                "4:80", new long[] {30, 40}));
        rig.runTo(70 * S);
        assertThat(rig.lines("quorum")).isEqualTo(expected);
        assertThat(rig.all(CheckAction.RunScript.class).stream().map(r -> r.kind().name()).toList())
                .isEqualTo(expected.stream().map(l -> l.contains("DOWN") ? "QUORUM_DOWN" : "QUORUM_UP").toList());
        assertThat(rig.all(CheckAction.WriteFifo.class).stream().map(CheckAction.WriteFifo::line)
                .filter(l -> l.startsWith("VS")).toList())
                .isEqualTo(expected.stream().map(l -> "VS [198.18.0.1]:tcp:80 " + (l.contains("DOWN") ? "DOWN" : "UP")
                        + "\n").toList());
    }

    static Stream<Arguments> sorry() {
        return Stream.of(
                Arguments.of("", List.of("0s +dest 198.18.0.2:80 w1 NAT", "0s +dest 198.18.0.3:80 w1 NAT",
                        "10s +dest 198.18.0.99:8080 w1 NAT", "10s -dest 198.18.0.2:80", "10s -dest 198.18.0.3:80",
                        "20s +dest 198.18.0.2:80 w1 NAT", "20s +dest 198.18.0.3:80 w1 NAT", "20s -dest 198.18.0.99:8080")),
                Arguments.of("sorry_server_inhibit\n sorry_server_lvs_method DR", List.of("0s +dest 198.18.0.2:80 w1 NAT",
                        "0s +dest 198.18.0.3:80 w1 NAT", "0s +dest 198.18.0.99:8080 w0 DR",
                        "10s ~dest 198.18.0.99:8080 w1", "10s -dest 198.18.0.2:80", "10s -dest 198.18.0.3:80",
                        "20s +dest 198.18.0.2:80 w1 NAT", "20s +dest 198.18.0.3:80 w1 NAT",
                        "20s ~dest 198.18.0.99:8080 w0")));
    }

    @ParameterizedTest
    @MethodSource("sorry")
    void onQuorumLossTheSorryServerReplacesTheLiveRealServers(String lines, List<String> expected) {
        Rig rig = Rig.start(vs("198.18.0.1 80", " delay_loop 10\n warmup 0\n quorum 2\n sorry_server 198.18.0.99 8080\n "
                + lines + "\n" + rs("198.18.0.2 80", TCP) + rs("198.18.0.3 80", TCP)));
        rig.responder = downDuring(Map.of("2:80", new long[] {10, 20}));
        rig.runTo(25 * S);
        assertThat(rig.lines("dest")).isEqualTo(expected);
        assertThat(rig.engine.view().getFirst().sorryActive()).isFalse();
    }

    @Test
    void omegaRunsDownNotifiersAtShutdownAndEveryServiceLeaves() {
        String body = " delay_loop 10\n warmup 0\n quorum_down /bin/qdown\n" + rs("198.18.0.2 80",
                "  notify_down /bin/rsdown\n" + TCP);
        Rig plain = Rig.start(vs("198.18.0.1 80", body));
        plain.event(new CheckEvent.Shutdown());
        assertThat(plain.all(CheckAction.RunScript.class)).isEmpty();
        assertThat(plain.lines("-service")).containsExactly("0s -service TCP 198.18.0.1:80");
        Rig omega = Rig.start(vs("198.18.0.1 80", " omega\n" + body));
        omega.runTo(5 * S);
        omega.event(new CheckEvent.Shutdown());
        assertThat(omega.all(CheckAction.RunScript.class)).extracting(CheckAction.RunScript::kind)
                .containsExactly(CheckAction.ScriptKind.NOTIFY_DOWN, CheckAction.ScriptKind.QUORUM_DOWN);
        assertThat(omega.all(CheckAction.CancelProbe.class)).hasSize(1);
        assertThat(omega.lb.table()).isEmpty();
    }

    @Test
    void fwmarkServicesHoldPortlessDestinations() {
        Rig rig = Rig.start("virtual_server fwmark 5 {\n lb_algo wrr\n lb_kind DR\n persistence_timeout 600\n"
                + " delay_loop 10\n real_server 198.18.0.2 {\n  weight 2\n  TCP_CHECK {\n   connect_port 80\n  }\n }\n}\n");
        assertThat(rig.timeline).containsExactly("0s +service FWM 5", "0s +dest 198.18.0.2:0 w2 DR");
        var service = rig.lb.table().values().iterator().next().service();
        assertThat(service.scheduler()).isEqualTo("wrr");
        assertThat(service.persistenceSeconds()).contains(600L);
    }

    @Test
    void aGroupVirtualServerProgramsEveryServiceOfItsGroup() {
        Rig rig = Rig.start("virtual_server_group G {\n 198.18.2.1-2 80\n fwmark 9\n}\n"
                + "virtual_server group G {\n lb_algo rr\n lb_kind DR\n protocol TCP\n delay_loop 10\n warmup 0\n"
                + rs("198.18.0.2 80", TCP) + "}\n");
        rig.responder = downDuring(Map.of("2:80", new long[] {10, 20}));
        rig.runTo(15 * S);
        assertThat(rig.lines("service")).containsExactly("0s +service TCP 198.18.2.1:80", "0s +service TCP 198.18.2.2:80",
                "0s +service FWM 9");
        assertThat(rig.lines("-dest")).containsExactly("10s -dest 198.18.0.2:80", "10s -dest 198.18.0.2:80",
                "10s -dest 198.18.0.2:80");
        assertThat(rig.all(CheckAction.WriteFifo.class).getFirst().line())
                .isEqualTo("RS [198.18.0.2]:tcp:80 [G]:0 DOWN\n");
    }
}
