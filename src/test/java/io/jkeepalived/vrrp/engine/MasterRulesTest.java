package io.jkeepalived.vrrp.engine;

import static io.jkeepalived.vrrp.engine.Rig.MS;
import static io.jkeepalived.vrrp.engine.Rig.S;
import static io.jkeepalived.vrrp.engine.Rig.US;
import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.vrrp.engine.Action.GarpKind;
import io.jkeepalived.vrrp.engine.Action.NotifyKind;
import io.jkeepalived.vrrp.engine.Action.RemoveAddresses;
import io.jkeepalived.vrrp.engine.Action.RunNotify;
import io.jkeepalived.vrrp.engine.Action.SendAdvert;
import io.jkeepalived.vrrp.engine.Action.SendGratuitous;
import io.jkeepalived.vrrp.engine.Action.WriteFifo;
import java.util.List;
import org.junit.jupiter.api.Test;

class MasterRulesTest {
    static final List<String> VIP = List.of("198.18.1.1/32");

    @Test
    void rfc3768_6_4_3_master_sendsAdvertEveryInterval() {
        Rig rig = new Rig(Rig.spec(100).garp(GarpSpec.defaults().withMaster(0, 1)).build());
        long t0 = rig.startAndBecomeMaster();
        assertThat(rig.router.nextDeadlineNanos()).isEqualTo(t0 + S);
        assertThat(Rig.effects(rig.tick(t0 + S))).containsExactly(new SendAdvert("VI_1", 100, 100));
        assertThat(rig.router.nextDeadlineNanos()).isEqualTo(t0 + 2 * S);
    }

    @Test
    void behaviour_3_4_master_priorityZero_sendsAdvertAtOnce_staysMaster() {
        Rig rig = new Rig(Rig.spec(100).build());
        long t0 = rig.startAndBecomeMaster();
        long deadline = rig.router.nextDeadlineNanos();
        assertThat(Rig.effects(rig.advert(t0 + 100 * MS, Rig.HIGH, 0)))
                .containsExactly(new SendAdvert("VI_1", 100, 100));
        assertThat(rig.router.state()).isEqualTo(VrrpState.MASTER);
        assertThat(rig.router.nextDeadlineNanos()).isEqualTo(deadline);
    }

    @Test
    void rfc3768_6_4_3_master_higherPriority_becomesBackup_withoutPriorityZero() {
        Rig rig = new Rig(Rig.spec(100).notifications(NotifySpec.none().withBackup(List.of("/bin/b", "x"))).build());
        long t0 = rig.startAndBecomeMaster();
        List<Action> a = rig.advert(t0 + 300 * MS, Rig.HIGH, 150);
        assertThat(rig.router.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(Rig.effects(a)).containsExactly(
                new RemoveAddresses("VI_1", VIP, List.of()),
                new RunNotify("VI_1", NotifyKind.BACKUP, List.of("/bin/b", "x")));
        assertThat(rig.router.lastTransition().orElseThrow().reason())
                .isEqualTo(TransitionReason.HIGHER_PRIORITY_ADVERT);
        assertThat(rig.router.nextDeadlineNanos()).isEqualTo(t0 + 300 * MS + 3_609_375 * US);
    }

    @Test
    void behaviour_3_4_master_higherPrioSendAdvert_sendsOwnAdvertFirst() {
        Rig rig = new Rig(Rig.spec(100).higherPrioSendAdvert(true).build());
        long t0 = rig.startAndBecomeMaster();
        List<Action> a = Rig.effects(rig.advert(t0 + MS, Rig.HIGH, 150));
        assertThat(a.getFirst()).isEqualTo(new SendAdvert("VI_1", 100, 100));
        assertThat(a.get(1)).isInstanceOf(RemoveAddresses.class);
        assertThat(rig.router.state()).isEqualTo(VrrpState.BACKUP);
    }

    @Test
    void behaviour_3_4_equalPriority_tieBreakByPrimaryAddress() {
        Rig lowerIp = new Rig(Rig.spec(100).build());
        long t0 = lowerIp.startAndBecomeMaster();
        lowerIp.advert(t0 + MS, Rig.HIGH, 100);
        assertThat(lowerIp.router.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(lowerIp.router.lastTransition().orElseThrow().reason())
                .isEqualTo(TransitionReason.EQUAL_PRIORITY_HIGHER_ADDRESS);

        Rig higherIp = new Rig(Rig.spec(100).build());
        t0 = higherIp.startAndBecomeMaster();
        List<Action> a = higherIp.advert(t0 + MS, Rig.LOW, 100);
        assertThat(higherIp.router.state()).isEqualTo(VrrpState.MASTER);
        assertThat(Rig.only(a, SendAdvert.class)).containsExactly(new SendAdvert("VI_1", 100, 100));
    }

    @Test
    void rfc5798_6_4_3_ipv6_equalPriority_tieBreakWordByWord() {
        IpAddr self = IpAddr.parse("2001:db8::1:0").orElseThrow();
        IpAddr lowerLastWordHigher = IpAddr.parse("2001:db8::ffff").orElseThrow();   // ...:0000:ffff < ...:0001:0000
        IpAddr higher = IpAddr.parse("2001:db8::1:1").orElseThrow();
        RouterSpec spec = RouterSpecBuilder.of("VI_6", 7, self).version(3).priority(100)
                .vips(List.of("fe80::7")).build();
        Rig rig = new Rig(spec);
        long t0 = rig.startAndBecomeMaster();
        rig.advert(t0 + MS, lowerLastWordHigher, 100);
        assertThat(rig.router.state()).isEqualTo(VrrpState.MASTER);
        rig.advert(t0 + 2 * MS, higher, 100);
        assertThat(rig.router.state()).isEqualTo(VrrpState.BACKUP);
    }

    @Test
    void behaviour_3_4_master_equalPriorityFromOwnAddress_onlyWarns() {
        Rig rig = new Rig(Rig.spec(100).build());
        long t0 = rig.startAndBecomeMaster();
        List<Action> a = rig.advert(t0 + MS, Rig.MID, 100);
        assertThat(Rig.effects(a)).isEmpty();
        assertThat(Rig.only(a, Action.LogMessage.class)).hasSize(1);
        assertThat(rig.router.state()).isEqualTo(VrrpState.MASTER);
    }

    @Test
    void behaviour_3_4_masterRxLowerPrio_sendsAdvertAndGarpBurst_notifyAndFifo() {
        NotifySpec n = NotifySpec.none().withMasterRxLowerPri(List.of("/bin/lower")).withFifo(false);
        Rig rig = new Rig(Rig.spec(100).garp(GarpSpec.defaults().withLowerPrio(2 * S, 3)).notifications(n).build());
        long t0 = rig.startAndBecomeMaster();
        long rx = t0 + 250 * MS;
        List<Action> a = rig.advert(rx, Rig.HIGH, 50);
        assertThat(Rig.effects(a)).containsExactly(
                new SendAdvert("VI_1", 100, 100),
                new SendGratuitous("VI_1", VIP, 3, GarpKind.LOWER_PRIO),
                new RunNotify("VI_1", NotifyKind.MASTER_RX_LOWER_PRI, List.of("/bin/lower")),
                new WriteFifo("VI_1", "INSTANCE \"VI_1\" MASTER_RX_LOWER_PRI 100"));
        assertThat(Rig.only(a, Action.LowerPriorityAdvert.class).getFirst().message()).isEqualTo(
                "Received advert from 198.18.0.3 with lower priority 50, ours 100, forcing new election");
        // the delayed lower-priority burst
        List<Action> later = rig.runUntil(rx + 2 * S);
        assertThat(Rig.only(later, SendGratuitous.class))
                .contains(new SendGratuitous("VI_1", VIP, 3, GarpKind.LOWER_PRIO_DELAYED));
    }

    @Test
    void behaviour_3_4_masterRxLowerPrio_lowerPrioNoAdvert_sendsNoAdvert() {
        Rig rig = new Rig(Rig.spec(100).lowerPrioNoAdvert(true).garp(GarpSpec.defaults().withLowerPrio(0, 0)).build());
        long t0 = rig.startAndBecomeMaster();
        List<Action> a = rig.advert(t0 + MS, Rig.HIGH, 50);
        assertThat(Rig.effects(a)).isEmpty();
        assertThat(rig.router.state()).isEqualTo(VrrpState.MASTER);
    }

    @Test
    void behaviour_3_4_twoOwners_lowerAddressBacksOff() {
        Rig rig = new Rig(Rig.spec(255).startAsMaster(true).build());
        long t0 = rig.startAndBecomeMaster();
        rig.advert(t0 + MS, Rig.HIGH, 255);
        assertThat(rig.router.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(rig.router.effectivePriority()).isEqualTo(255);
    }

    @Test
    void behaviour_3_4_twoOwners_higherAddressDropsTo254WhileRivalPersists_thenRestores() {
        Rig rig = new Rig(Rig.spec(255).startAsMaster(true).build());
        long t0 = rig.startAndBecomeMaster();
        // rival keeps advertising 255 from a lower address (it ignores our adverts)
        long t = t0 + 10 * MS;
        rig.advert(t, Rig.LOW, 255);
        assertThat(rig.router.state()).isEqualTo(VrrpState.MASTER);
        // window: two of our adverts + 1.2 × 1 s = 3.2 s
        long windowEnd = t + 3_200 * MS;
        for (long u = t + S; u < windowEnd; u += S) {
            rig.runUntil(u);
            rig.advert(u, Rig.LOW, 255);
            assertThat(rig.router.effectivePriority()).isEqualTo(255);
        }
        rig.runUntil(windowEnd);
        rig.advert(windowEnd, Rig.LOW, 255);
        assertThat(rig.router.effectivePriority()).isEqualTo(254);
        assertThat(rig.router.state()).isEqualTo(VrrpState.BACKUP);
        // rival disappears: down timer (at 254) expires, priority 255 is restored
        rig.runUntil(windowEnd + 3_007_812 * US);
        assertThat(rig.router.state()).isEqualTo(VrrpState.MASTER);
        assertThat(rig.router.effectivePriority()).isEqualTo(255);
    }

    @Test
    void behaviour_3_3_timerExpiredBackup_lateMasterRevertsToBackup() {
        Rig rig = new Rig(Rig.spec(100).nopreempt(true).timerExpiredBackup(254).build());
        long t0 = rig.startAndBecomeMaster();
        // on time: stays master
        rig.tick(t0 + S);
        assertThat(rig.router.state()).isEqualTo(VrrpState.MASTER);
        // 3.007812 s after our last advert a priority-254 backup could have taken over
        List<Action> a = rig.tick(t0 + S + 3_007_812 * US);
        assertThat(rig.router.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(rig.router.lastTransition().orElseThrow().reason()).isEqualTo(TransitionReason.SCHEDULED_LATE);
        assertThat(Rig.only(a, SendAdvert.class)).isEmpty();
    }

    @Test
    void rfc5798_6_4_3_master_adoptsIntervalOfHigherMaster() {
        Rig rig = new Rig(Rig.spec(100).version(3).build());
        long t0 = rig.startAndBecomeMaster();
        rig.advert(t0 + MS, Rig.HIGH, 200, 20);
        assertThat(rig.router.masterAdverIntervalCentis()).isEqualTo(20);
        assertThat(rig.router.nextDeadlineNanos()).isEqualTo(t0 + MS + (600_000 + 121_875) * US);
    }
}
