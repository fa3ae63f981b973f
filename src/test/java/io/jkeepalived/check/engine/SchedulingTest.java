package io.jkeepalived.check.engine;

import static io.jkeepalived.check.engine.Rig.S;
import static io.jkeepalived.check.engine.Rig.UP;
import static io.jkeepalived.check.engine.Rig.rs;
import static io.jkeepalived.check.engine.Rig.vs;
import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.check.probe.ProbeResult;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** When probes happen: warmup scatter, dedup across virtual servers, ha_suspend, stall detection. */
class SchedulingTest {

    static String manyReals(String vsLines, int n) {
        var sb = new StringBuilder();
        for (int i = 1; i <= n; i++) sb.append(rs("198.18.1." + i + " 80", "  TCP_CHECK {\n  }"));
        return vs("198.18.0.1 80", vsLines + "\n" + sb);
    }

    @Test
    void firstProbesFallAtRandomPointsWithinWarmup() {
        Rig rig = new Rig(new SplittableRandom(42));
        rig.engine.apply(Rig.plan(manyReals(" delay_loop 60", 50)), 0, rig::act);
        List<Long> first = rig.all(CheckAction.ProbeDue.class).stream().map(CheckAction.ProbeDue::atNanos).toList();
        assertThat(first).hasSize(50).allMatch(t -> t >= 0 && t <= 60 * S);
        assertThat(first.stream().distinct()).hasSizeGreaterThan(45);
        Rig again = new Rig(new SplittableRandom(42));
        again.engine.apply(Rig.plan(manyReals(" delay_loop 60", 50)), 0, again::act);
        assertThat(again.all(CheckAction.ProbeDue.class).stream().map(CheckAction.ProbeDue::atNanos).toList())
                .as("a seeded generator gives the same schedule").isEqualTo(first);
    }

    @Test
    void warmupIsItsOwnBoundAndZeroMeansAtOnce() {
        Rig rig = Rig.start(manyReals(" delay_loop 60\n warmup 5", 3));
        assertThat(rig.all(CheckAction.ProbeDue.class)).extracting(CheckAction.ProbeDue::atNanos)
                .containsOnly(5 * S);
        Rig now = Rig.start(manyReals(" delay_loop 60\n warmup 0", 3));
        assertThat(now.all(CheckAction.ProbeDue.class)).extracting(CheckAction.ProbeDue::atNanos).containsOnly(0L);
    }

    /** Reports {@code result} for the one pending probe at {@code at}; returns the probe that follows. */
    private static CheckAction.ProbeDue answer(CheckEngine engine, CheckAction.ProbeDue due, ProbeResult result, long at) {
        List<CheckAction> out = new ArrayList<>();
        engine.handle(new CheckEvent.ProbeReported(due.ticket(), result), at, out::add);
        return out.stream().filter(CheckAction.ProbeDue.class::isInstance).map(CheckAction.ProbeDue.class::cast)
                .reduce((a, b) -> b).orElseThrow();
    }

    @Test
    void aSuccessfulRoundRepeatsDelayLoopAfterItWasDueNotAfterItsAnswer() {
        CheckEngine engine = new CheckEngine(new SplittableRandom(1));
        List<CheckAction> out = new ArrayList<>();
        engine.apply(Rig.plan(manyReals(" delay_loop 10\n warmup 0", 1)), 0, out::add);
        CheckAction.ProbeDue due = (CheckAction.ProbeDue) out.getFirst();
        long ms = S / 1000;
        due = answer(engine, due, UP, 300 * ms);
        assertThat(due.atNanos()).as("answered 300 ms late: the period does not stretch").isEqualTo(10 * S);
        due = answer(engine, due, UP, 10 * S + 40 * ms);
        assertThat(due.atNanos()).isEqualTo(20 * S);
        due = answer(engine, due, UP, 31 * S);
        assertThat(due.atNanos()).as("a round that ran past its successor's time: the next slot of its phase")
                .isEqualTo(40 * S);
        due = answer(engine, due, UP, 40 * S);
        assertThat(due.atNanos()).as("answered exactly when the next was due").isEqualTo(50 * S);
        due = answer(engine, due, Rig.DOWN, 50 * S + 500 * ms);
        assertThat(due.atNanos()).as("a failure's retry counts from the failure, as keepalived's")
                .isEqualTo(51 * S + 500 * ms);
        due = answer(engine, due, UP, 52 * S);
        assertThat(due.atNanos()).as("a retry that passes opens the next round").isEqualTo(61 * S + 500 * ms);
    }

    @Test
    void urlBlocksCheckedBackToBackShareTheirRoundsDueTime() {
        String config = vs("198.18.0.1 80", " delay_loop 10\n warmup 0\n" + rs("198.18.1.1 80",
                "  HTTP_GET {\n   url {\n    path /a\n   }\n   url {\n    path /b\n   }\n  }"));
        CheckEngine engine = new CheckEngine(new SplittableRandom(1));
        List<CheckAction> out = new ArrayList<>();
        engine.apply(Rig.plan(config), 0, out::add);
        CheckAction.ProbeDue due = (CheckAction.ProbeDue) out.getFirst();
        long ms = S / 1000;
        due = answer(engine, due, UP, 200 * ms);
        assertThat(due.urlIndex()).isEqualTo(1);
        assertThat(due.atNanos()).isEqualTo(200 * ms);
        due = answer(engine, due, UP, 700 * ms);
        assertThat(due.urlIndex()).isZero();
        assertThat(due.atNanos()).isEqualTo(10 * S);
    }

    @Test
    void identicalProbesAcrossVirtualServersRunOncePerDelayLoop() {
        String one = manyReals(" delay_loop 10\n warmup 0", 20);
        String hundred = String.join("", java.util.stream.IntStream.rangeClosed(1, 100)
                .mapToObj(i -> one.replace("198.18.0.1 80", "198.18.0." + i + " 80")).toList());
        Rig rig = Rig.start(hundred);
        rig.runTo(59 * S);
        assertThat(rig.probed).hasSize(20 * 6);
        assertThat(rig.engine.counters().checkers()).isEqualTo(20);
        assertThat(rig.engine.view()).hasSize(100).allSatisfy(v -> assertThat(v.realServers()).hasSize(20));
        // one shared result reaches every virtual server: take one real server down everywhere
        rig.responder = (spec, url, at) -> Optional.of(spec.ip().getHostAddress().equals("198.18.1.7") ? Rig.DOWN : UP);
        rig.runTo(80 * S); // fails at 60 s, retried at 61 s (retry 1, delay_before_retry 1 s): DOWN
        assertThat(rig.lines("-dest 198.18.1.7:80")).hasSize(100).allMatch(l -> l.startsWith("61s"));
    }

    @Test
    void haSuspendProbesOnlyWhileTheVirtualAddressIsHere() throws Exception {
        Rig rig = Rig.start(vs("198.18.0.1 80", " delay_loop 10\n warmup 0\n ha_suspend\n"
                + rs("198.18.0.2 80", "  TCP_CHECK {\n  }")));
        InetAddress vip = InetAddress.ofLiteral("198.18.0.1");
        rig.runTo(30 * S);
        assertThat(rig.probed).isEmpty();
        rig.event(new CheckEvent.AddressPresence(vip, true));
        rig.runTo(45 * S);
        assertThat(rig.probeTimes(false, 10)).isEqualTo("30s 40s");
        rig.event(new CheckEvent.AddressPresence(vip, false));
        assertThat(rig.all(CheckAction.CancelProbe.class)).hasSize(1);
        rig.runTo(100 * S);
        assertThat(rig.probed).hasSize(2);
        assertThat(rig.engine.view().getFirst().realServers().getFirst().checkers().getFirst().suspended()).isTrue();
    }

    @Test
    void aCheckerSilentForTwoDelayLoopsIsStalledUntilItReports() {
        Rig rig = Rig.start(vs("198.18.0.1 80", " delay_loop 10\n warmup 0\n"
                + rs("198.18.0.2 80", "  TCP_CHECK {\n   connect_timeout 3\n  }")));
        List<Long> hung = new ArrayList<>();
        rig.responder = (spec, url, at) -> {
            if (at == 10 * S) {
                hung.add(at);
                return Optional.empty();
            }
            return Optional.of(UP);
        };
        // stallAfter = 2 x max(delay_loop, delay_before_retry) + connect_timeout = 23 s after the last report (0 s)
        for (long t = 0; t <= 30 * S; t += S) {
            rig.runTo(t);
            rig.engine.tick(t, rig::act);
        }
        assertThat(hung).containsExactly(10 * S);
        assertThat(rig.all(CheckAction.StallChanged.class)).singleElement()
                .satisfies(s -> assertThat(s.atNanos()).isEqualTo(23 * S));
        assertThat(rig.engine.view().getFirst().realServers().getFirst().checkers().getFirst().stalled()).isTrue();
        long ticket = rig.probed.getLast().ticket();
        rig.event(new CheckEvent.ProbeReported(ticket, UP));
        assertThat(rig.all(CheckAction.StallChanged.class)).extracting(CheckAction.StallChanged::stalled)
                .containsExactly(true, false);
        assertThat(rig.engine.counters().stalls()).isEqualTo(1);
    }

    @Test
    void reportsForUnknownTicketsAreCountedAndIgnored() {
        Rig rig = Rig.start(manyReals(" delay_loop 10\n warmup 0", 1));
        rig.event(new CheckEvent.ProbeReported(999, Rig.DOWN));
        assertThat(rig.engine.counters().staleReports()).isEqualTo(1);
        assertThat(rig.lines("DOWN")).isEmpty();
    }
}
