package io.jkeepalived.vrrp.engine;

import static io.jkeepalived.vrrp.engine.Rig.MS;
import static io.jkeepalived.vrrp.engine.Rig.S;
import static io.jkeepalived.vrrp.engine.Rig.US;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two routers wired back to back with zero latency, stepped deadline by deadline: the classic
 * failover and preemption timelines, to the microsecond.
 */
class TwoRoutersTest {
    record Timed(long at, String node, Action action) {
    }

    final class Pair {
        final VirtualRouter[] r = new VirtualRouter[2];
        final IpAddr[] ip = {Rig.LOW, Rig.HIGH};
        final boolean[] up = {true, true};
        boolean linked = true;
        final List<Timed> log = new ArrayList<>();
        long now;

        Pair(int prioLow, int prioHigh) {
            r[0] = new VirtualRouter(spec(ip[0], prioLow));
            r[1] = new VirtualRouter(spec(ip[1], prioHigh));
        }

        static RouterSpec spec(IpAddr ip, int priority) {
            return RouterSpecBuilder.of("VI_1", 9, ip).priority(priority).vips(List.of("v")).build();
        }

        void handle(int i, Event e) {
            List<Action> out = new ArrayList<>();
            r[i].handle(e, now, out::add);
            for (Action a : out) {
                log.add(new Timed(now, "n" + i, a));
                if (a instanceof Action.SendAdvert s && up[1 - i] && linked) {
                    handle(1 - i, new Event.AdvertReceived(ip[i], s.priority(), s.advertIntervalCentis()));
                }
            }
        }

        void runUntil(long until) {
            while (true) {
                int next = -1;
                for (int i = 0; i < 2; i++) {
                    if (up[i] && r[i].nextDeadlineNanos() <= until
                            && (next < 0 || r[i].nextDeadlineNanos() < r[next].nextDeadlineNanos())) {
                        next = i;
                    }
                }
                if (next < 0) {
                    now = until;
                    return;
                }
                now = r[next].nextDeadlineNanos();
                handle(next, new Event.TimerTick());
            }
        }

        List<Long> transitionsTo(int i, VrrpState s) {
            return log.stream().filter(t -> t.node().equals("n" + i) && t.action() instanceof Action.LogTransition lt
                    && lt.transition().to() == s).map(Timed::at).toList();
        }
    }

    @Test
    void rfc3768_6_4_2_crashOfMaster_backupTakesOverExactlyMasterDownAfterLastAdvert() {
        Pair p = new Pair(100, 200);
        p.handle(0, new Event.Startup());
        p.handle(1, new Event.Startup());
        p.runUntil(10 * S);
        // n1 (200) wins at its master-down 3.21875 s; n0 never leaves BACKUP
        assertThat(p.transitionsTo(1, VrrpState.MASTER)).containsExactly(3_218_750 * US);
        assertThat(p.transitionsTo(0, VrrpState.MASTER)).isEmpty();
        // n1 crashes silently after its advert at 9.21875 s
        p.up[1] = false;
        p.runUntil(20 * S);
        assertThat(p.transitionsTo(0, VrrpState.MASTER)).containsExactly((9_218_750 + 3_609_375) * US);
    }

    @Test
    void rfc3768_6_4_3_gracefulStop_priorityZero_backupTakesOverAfterSkew() {
        Pair p = new Pair(100, 200);
        p.handle(0, new Event.Startup());
        p.handle(1, new Event.Startup());
        p.runUntil(5 * S);
        p.now = 5 * S;
        p.handle(1, new Event.Shutdown());
        p.up[1] = false;
        p.runUntil(10 * S);
        assertThat(p.transitionsTo(0, VrrpState.MASTER)).containsExactly(5 * S + 609_375 * US);
    }

    @Test
    void rfc3768_6_4_2_restartedHigherPriority_preemptsAfterItsMasterDown_lowerYieldsWithoutPriorityZero() {
        Pair p = new Pair(100, 200);
        p.up[1] = false;
        p.handle(0, new Event.Startup());
        p.runUntil(5 * S);
        assertThat(p.r[0].state()).isEqualTo(VrrpState.MASTER);
        p.up[1] = true;
        p.now = 5 * S + 500 * MS;
        p.handle(1, new Event.Startup());
        p.runUntil(20 * S);
        long takeover = 5 * S + 500 * MS + 3_218_750 * US;
        assertThat(p.transitionsTo(1, VrrpState.MASTER)).containsExactly(takeover);
        assertThat(p.transitionsTo(0, VrrpState.BACKUP)).endsWith(takeover);
        assertThat(p.log).filteredOn(t -> t.node().equals("n0") && t.action() instanceof Action.SendAdvert s
                && s.priority() == 0).isEmpty();
        assertThat(p.r[0].state()).isEqualTo(VrrpState.BACKUP);
    }

    @Test
    void rfc3768_6_4_2_equalPriority_firstToTimeOutWins_addressOnlyBreaksTiesBetweenTwoMasters() {
        Pair p = new Pair(100, 100);
        p.handle(0, new Event.Startup());
        p.handle(1, new Event.Startup());
        p.runUntil(10 * S);
        // same deadline; n0 fires first and n1 accepts its equal-priority advert
        assertThat(p.r[0].state()).isEqualTo(VrrpState.MASTER);
        assertThat(p.r[1].state()).isEqualTo(VrrpState.BACKUP);

        Pair split = new Pair(100, 100);
        split.linked = false;
        split.handle(0, new Event.Startup());
        split.handle(1, new Event.Startup());
        split.runUntil(5 * S);
        assertThat(split.r[0].state()).isEqualTo(VrrpState.MASTER);
        assertThat(split.r[1].state()).isEqualTo(VrrpState.MASTER);
        split.linked = true;
        split.runUntil(7 * S);
        assertThat(split.r[1].state()).isEqualTo(VrrpState.MASTER);
        assertThat(split.r[0].state()).isEqualTo(VrrpState.BACKUP);
    }
}
