package io.jkeepalived.check.engine;

import static io.jkeepalived.check.engine.Rig.DOWN;
import static io.jkeepalived.check.engine.Rig.S;
import static io.jkeepalived.check.engine.Rig.UP;
import static io.jkeepalived.check.engine.Rig.rs;
import static io.jkeepalived.check.engine.Rig.vs;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** apply(new plan, now) keeps state by virtual server, real server and checker. */
class ReloadTest {

    static String two(String rs2Checker) {
        return vs("198.18.0.1 80", " delay_loop 10\n warmup 0\n" + rs("198.18.0.2 80", "  TCP_CHECK {\n  }")
                + rs("198.18.0.3 80", rs2Checker));
    }

    static final String TCP = "  TCP_CHECK {\n  }";

    List<CheckAction> reload(Rig rig, String config) {
        int from = rig.actions.size();
        rig.reload(config);
        return List.copyOf(rig.actions.subList(from, rig.actions.size()));
    }

    @Test
    void anUnchangedConfigCostsNothing() {
        Rig rig = Rig.start(two(TCP) + vs("198.18.0.9 80", rs("198.18.0.2 80", TCP)));
        rig.runTo(15 * S);
        assertThat(reload(rig, two(TCP) + vs("198.18.0.9 80", rs("198.18.0.2 80", TCP)))).isEmpty();
        rig.runTo(25 * S);
        assertThat(rig.probeTimes(false, 100)).isEqualTo("0s 0s 10s 10s 20s 20s");
    }

    @Test
    void changingOneVirtualServerLeavesTheOthersAlone() {
        Rig rig = Rig.start(two(TCP) + vs("198.18.0.9 80", rs("198.18.0.4 80", TCP)));
        rig.runTo(15 * S);
        int from = rig.timeline.size();
        reload(rig, two(TCP) + vs("198.18.0.9 80", rs("198.18.0.4 80", "  weight 4\n" + TCP)));
        assertThat(rig.timeline.subList(from, rig.timeline.size())).containsExactly("15s ~dest 198.18.0.4:80 w4");
    }

    @Test
    void aRealServerWhoseCheckerChangedIsProbedAtOnce() {
        Rig rig = Rig.start(two(TCP));
        rig.runTo(15 * S);
        var actions = reload(rig, two("  TCP_CHECK {\n   connect_timeout 2\n  }"));
        assertThat(actions).hasSize(2);
        assertThat(actions.get(0)).isInstanceOf(CheckAction.CancelProbe.class);
        assertThat(actions.get(1)).isInstanceOfSatisfying(CheckAction.ProbeDue.class, d -> {
            assertThat(d.atNanos()).isEqualTo(15 * S);
            assertThat(d.spec().ip().getHostAddress()).isEqualTo("198.18.0.3");
        });
    }

    @Test
    void aFailedRealServerIsNotReAddedByAReload() { // keepalived #1720
        Rig rig = Rig.start(two(TCP));
        rig.responder = (spec, url, at) -> Optional.of(spec.ip().getHostAddress().equals("198.18.0.3") && at >= 10 * S
                ? DOWN : UP);
        rig.runTo(15 * S);
        assertThat(rig.lines("-dest")).containsExactly("11s -dest 198.18.0.3:80");
        int from = rig.timeline.size();
        reload(rig, two("  TCP_CHECK {\n   connect_timeout 2\n  }")); // a changed checker: a new one
        rig.runTo(16 * S);
        assertThat(rig.timeline.subList(from, rig.timeline.size())).isEmpty();
        assertThat(rig.engine.view().getFirst().realServers().get(1).alive()).isFalse();
        rig.responder = (spec, url, at) -> Optional.of(UP);
        rig.runTo(26 * S);
        assertThat(rig.lines("+dest 198.18.0.3")).containsExactly("0s +dest 198.18.0.3:80 w1 NAT",
                "25s +dest 198.18.0.3:80 w1 NAT");
    }

    @Test
    void aSorryServerInServiceSurvivesAReload() { // keepalived #490
        String conf = vs("198.18.0.1 80", " delay_loop 10\n warmup 0\n sorry_server 198.18.0.99 80\n"
                + rs("198.18.0.2 80", "  TCP_CHECK {\n   retry 0\n  }"));
        Rig rig = Rig.start(conf);
        rig.responder = (spec, url, at) -> Optional.of(at >= 10 * S ? DOWN : UP);
        rig.runTo(15 * S);
        assertThat(rig.lines("198.18.0.99")).containsExactly("10s +dest 198.18.0.99:80 w1 NAT");
        assertThat(reload(rig, conf)).isEmpty();
        var changed = reload(rig, conf.replace("delay_loop 10", "delay_loop 10\n quorum_up /bin/q"));
        assertThat(changed).isEmpty();
        assertThat(rig.lb.table().values().iterator().next().destinations().keySet()).extracting(Object::toString)
                .containsExactly("198.18.0.99:80");
    }

    @Test
    void removedRealServersAndVirtualServersLeaveTheTable() {
        Rig rig = Rig.start(two(TCP) + vs("198.18.0.9 80", rs("198.18.0.4 80", TCP)));
        rig.runTo(5 * S);
        int from = rig.timeline.size();
        var actions = reload(rig, vs("198.18.0.1 80", " delay_loop 10\n warmup 0\n" + rs("198.18.0.2 80", TCP)));
        assertThat(rig.timeline.subList(from, rig.timeline.size()))
                .containsExactly("5s -service TCP 198.18.0.9:80", "5s -dest 198.18.0.3:80");
        assertThat(actions.stream().filter(a -> a instanceof CheckAction.CancelProbe)).hasSize(2);
    }

    @Test
    void aNewRealServerStartsLikeAtStartup() {
        Rig rig = Rig.start(vs("198.18.0.1 80", " delay_loop 10\n warmup 4\n" + rs("198.18.0.2 80", TCP)));
        rig.runTo(20 * S);
        var actions = reload(rig, vs("198.18.0.1 80", " delay_loop 10\n warmup 4\n" + rs("198.18.0.2 80", TCP)
                + rs("198.18.0.3 80", "  TCP_CHECK {\n   alpha\n  }")));
        assertThat(actions).filteredOn(a -> a instanceof CheckAction.ProbeDue).singleElement()
                .satisfies(a -> assertThat(((CheckAction.ProbeDue) a).atNanos()).isEqualTo(24 * S));
        assertThat(actions).filteredOn(a -> a instanceof CheckAction.TableChange).isEmpty(); // alpha: not in yet
    }
}
