package io.jkeepalived.vrrp.engine;

import static io.jkeepalived.vrrp.engine.Rig.MS;
import static io.jkeepalived.vrrp.engine.Rig.S;
import static io.jkeepalived.vrrp.engine.Rig.US;
import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.vrrp.engine.Action.NotifyKind;
import io.jkeepalived.vrrp.engine.Action.RemoveAddresses;
import io.jkeepalived.vrrp.engine.Action.RemoveRoutes;
import io.jkeepalived.vrrp.engine.Action.RemoveRules;
import io.jkeepalived.vrrp.engine.Action.RunNotify;
import io.jkeepalived.vrrp.engine.Action.SendAdvert;
import io.jkeepalived.vrrp.engine.Action.WriteFifo;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FaultAndTrackingTest {
    static final List<String> VIP = List.of("198.18.1.1/32");

    @ParameterizedTest
    @EnumSource(FaultCause.class)
    void behaviour_3_6_everyFaultCause_masterSendsPriorityZeroAndReleases(FaultCause cause) {
        Rig rig = new Rig(Rig.spec(100).routes(List.of("r1")).rules(List.of("p1"))
                .notifications(NotifySpec.none().withFault(List.of("/bin/f"))).build());
        long t0 = rig.startAndBecomeMaster();
        List<Action> a = rig.at(t0 + MS, new Event.FaultChanged(cause, true));
        assertThat(rig.router.state()).isEqualTo(VrrpState.FAULT);
        assertThat(Rig.effects(a)).containsExactly(
                new SendAdvert("VI_1", 0, 100),
                new RemoveAddresses("VI_1", VIP, List.of()),
                new RemoveRoutes("VI_1", List.of("r1")),
                new RemoveRules("VI_1", List.of("p1")),
                new RunNotify("VI_1", NotifyKind.FAULT, List.of("/bin/f")));
        // in FAULT: no adverts sent, received ones ignored
        assertThat(rig.advert(t0 + 2 * S, Rig.HIGH, 200)).isEmpty();
        assertThat(rig.runUntil(t0 + 60 * S)).isEmpty();
        // leaving FAULT: BACKUP with a full down timer
        rig.at(t0 + 61 * S, new Event.FaultChanged(cause, false));
        assertThat(rig.router.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(rig.router.nextDeadlineNanos()).isEqualTo(t0 + 61 * S + 3_609_375 * US);
    }

    @Test
    void behaviour_3_6_leavingFault_resetsMasterAdverInterval() {
        Rig rig = new Rig(Rig.spec(100).version(3).build());
        rig.start(0);
        rig.advert(S, Rig.HIGH, 200, 50);
        assertThat(rig.router.masterAdverIntervalCentis()).isEqualTo(50);
        rig.at(2 * S, Events.interfaceDown());
        rig.at(3 * S, Events.interfaceUp());
        assertThat(rig.router.masterAdverIntervalCentis()).isEqualTo(100);
        assertThat(rig.router.nextDeadlineNanos()).isEqualTo(3 * S + 3_609_375 * US);
    }

    @Test
    void behaviour_3_6_leavingFault_ownerWithStateMaster_waitsAdvertIntPlusSkew() {
        Rig rig = new Rig(Rig.spec(255).startAsMaster(true).build());
        rig.startAndBecomeMaster();
        rig.at(10 * S, Events.sourceAddressLost());
        assertThat(rig.router.state()).isEqualTo(VrrpState.FAULT);
        rig.at(11 * S, Events.sourceAddressRestored());
        assertThat(rig.router.nextDeadlineNanos()).isEqualTo(11 * S + 1_003_906 * US);
    }

    @Test
    void behaviour_3_5_weightZeroTrackerDown_fault_reverseInverts() {
        Rig rig = new Rig(Rig.spec(100).trackers(List.of(TrackerSpec.iface("if:eth1", 0))).build());
        rig.start(0);
        assertThat(rig.router.state()).isEqualTo(VrrpState.BACKUP);
        rig.at(S, new Event.TrackerChanged("if:eth1", TrackerStatus.DOWN));
        assertThat(rig.router.state()).isEqualTo(VrrpState.FAULT);
        rig.at(2 * S, new Event.TrackerChanged("if:eth1", TrackerStatus.UP));
        assertThat(rig.router.state()).isEqualTo(VrrpState.BACKUP);

        Rig rev = new Rig(Rig.spec(100).trackers(List.of(TrackerSpec.iface("if:eth1", 0).reversed())).build());
        rev.start(0);
        assertThat(rev.router.state()).isEqualTo(VrrpState.FAULT);
        rev.at(S, new Event.TrackerChanged("if:eth1", TrackerStatus.DOWN));
        assertThat(rev.router.state()).isEqualTo(VrrpState.BACKUP);
    }

    @Test
    void behaviour_3_5_trackFileBelowMinus254_fault() {
        Rig rig = new Rig(Rig.spec(100).trackers(List.of(TrackerSpec.file("file:/x", 2))).build());
        rig.start(0);
        rig.at(S, new Event.TrackerValue("file:/x", -50));
        assertThat(rig.router.effectivePriority()).isEqualTo(1);
        assertThat(rig.router.state()).isEqualTo(VrrpState.BACKUP);
        rig.at(2 * S, new Event.TrackerValue("file:/x", -127));
        assertThat(rig.router.state()).isEqualTo(VrrpState.FAULT);
    }

    @Test
    void behaviour_3_5_priorityChange_reachesNextAdvert_andFifoPriorityEvent() {
        Rig rig = new Rig(Rig.spec(100).trackers(List.of(TrackerSpec.script("chk", -30)))
                .notifications(NotifySpec.none().withFifo(true)).build());
        rig.start(0);
        rig.at(0, new Event.TrackerChanged("chk", TrackerStatus.UP));
        long t0 = rig.router.nextDeadlineNanos();
        rig.tick(t0);
        List<Action> a = rig.at(t0 + 100 * MS, new Event.TrackerChanged("chk", TrackerStatus.DOWN));
        assertThat(rig.router.effectivePriority()).isEqualTo(70);
        assertThat(Rig.effects(a)).containsExactly(new WriteFifo("VI_1", "INSTANCE \"VI_1\" MASTER_PRIORITY 70"));
        assertThat(Rig.only(a, Action.LogMessage.class).getFirst().message())
                .isEqualTo("Changing effective priority from 100 to 70");
        assertThat(Rig.only(rig.tick(t0 + S), SendAdvert.class)).containsExactly(new SendAdvert("VI_1", 70, 100));
    }

    @Test
    void behaviour_3_5_priorityChange_inBackup_recomputesDownTimer() {
        Rig rig = new Rig(Rig.spec(100).trackers(List.of(TrackerSpec.script("chk", 100))).build());
        rig.start(0);
        rig.at(0, new Event.TrackerChanged("chk", TrackerStatus.UP));
        assertThat(rig.router.downTimerMicros()).isEqualTo(3_218_750);
        rig.advert(S, Rig.HIGH, 250);
        assertThat(rig.router.nextDeadlineNanos()).isEqualTo(S + 3_218_750 * US);
    }

    @Test
    void behaviour_3_5_weightedTrackerIgnoredOnOwner() {
        Rig rig = new Rig(Rig.spec(255).trackers(List.of(TrackerSpec.script("chk", -50))).build());
        rig.start(0);
        rig.at(S, new Event.TrackerChanged("chk", TrackerStatus.DOWN));
        assertThat(rig.router.effectivePriority()).isEqualTo(255);
    }

    @Test
    void behaviour_3_4_shutdown_masterSendsPriorityZero_stopNotify() {
        NotifySpec n = NotifySpec.none().withStop(List.of("/bin/stop")).withGeneric(List.of("/bin/n", "a"))
                .withFifo(false);
        Rig rig = new Rig(Rig.spec(100).notifications(n).build());
        long t0 = rig.startAndBecomeMaster();
        List<Action> a = rig.at(t0 + S / 2, new Event.Shutdown());
        assertThat(rig.router.state()).isEqualTo(VrrpState.STOP);
        assertThat(Rig.effects(a)).containsExactly(
                new SendAdvert("VI_1", 0, 100),
                new RemoveAddresses("VI_1", VIP, List.of()),
                new RunNotify("VI_1", NotifyKind.STOP, List.of("/bin/stop")),
                new RunNotify("VI_1", NotifyKind.GENERIC, List.of("/bin/n", "a", "INSTANCE", "VI_1", "STOP", "100"),
                        true),
                new WriteFifo("VI_1", "INSTANCE \"VI_1\" STOP 100"));
        assertThat(rig.router.nextDeadlineNanos()).isEqualTo(VirtualRouter.NEVER);
    }

    @Test
    void behaviour_3_11_removedInstance_reportsDeletedOnlyWithNotifyDeleted() {
        for (boolean notifyDeleted : new boolean[] {true, false}) {
            NotifySpec n = NotifySpec.none().withGeneric(List.of("/bin/n")).withFault(List.of("/bin/f"))
                    .withDeleted(List.of("/bin/d"), notifyDeleted);
            Rig rig = new Rig(Rig.spec(100).notifications(n).build());
            long t0 = rig.startAndBecomeMaster();
            List<Action> a = rig.at(t0 + S, new Event.Removed());
            assertThat(rig.router.state()).isEqualTo(VrrpState.DELETED);
            String reported = notifyDeleted ? "DELETED" : "FAULT";
            assertThat(Rig.effects(a)).containsExactly(
                    new SendAdvert("VI_1", 0, 100),
                    new RemoveAddresses("VI_1", VIP, List.of()),
                    new RunNotify("VI_1", notifyDeleted ? NotifyKind.DELETED : NotifyKind.FAULT,
                            List.of(notifyDeleted ? "/bin/d" : "/bin/f")),
                    new RunNotify("VI_1", NotifyKind.GENERIC, List.of("/bin/n", "INSTANCE", "VI_1", reported, "100")));
        }
    }

    @Test
    void behaviour_3_11_notifyArguments_specificThenGenericThenFifo() {
        NotifySpec n = NotifySpec.none().withMaster(List.of("/etc/k/master.sh", "arg1"))
                .withGeneric(List.of("/etc/k/notify.sh")).withFifo(false);
        Rig rig = new Rig(Rig.spec(100).notifications(n).build());
        rig.start(0);
        List<Action> a = rig.tick(rig.router.nextDeadlineNanos());
        assertThat(Rig.only(a, RunNotify.class)).containsExactly(
                new RunNotify("VI_1", NotifyKind.MASTER, List.of("/etc/k/master.sh", "arg1")),
                new RunNotify("VI_1", NotifyKind.GENERIC,
                        List.of("/etc/k/notify.sh", "INSTANCE", "VI_1", "MASTER", "100")));
        assertThat(Rig.only(a, WriteFifo.class)).containsExactly(new WriteFifo("VI_1", "INSTANCE \"VI_1\" MASTER 100"));
        // notifies come after the advert, addresses and GARPs (behaviour §3.8 step 6)
        assertThat(Rig.effects(a).getLast()).isInstanceOf(WriteFifo.class);
    }

    @Test
    void behaviour_3_10_noAccept_installsDropRulesWhileMasterAndNotOwner() {
        Rig rig = new Rig(Rig.spec(100).accept(false).build());
        long t0 = rig.startAndBecomeMaster();
        assertThat(rig.router.state()).isEqualTo(VrrpState.MASTER);
        List<Action> down = rig.advert(t0 + S, Rig.HIGH, 200);
        assertThat(Rig.effects(down)).contains(new Action.RemoveNoAccept("VI_1", VIP));

        Rig again = new Rig(Rig.spec(100).accept(false).build());
        again.start(0);
        List<Action> up = again.tick(again.router.nextDeadlineNanos());
        assertThat(Rig.effects(up).get(1)).isEqualTo(new Action.InstallNoAccept("VI_1", VIP));

        Rig owner = new Rig(Rig.spec(255).accept(false).startAsMaster(true).build());
        owner.start(0);
        assertThat(owner.tick(US)).noneMatch(x -> x instanceof Action.InstallNoAccept);
    }

    @Test
    void behaviour_3_10_strictMode_overrides() {
        RouterSpec s = Rig.spec(100).strict(true).downTimerAdverts(7).lowerPrioNoAdvert(false)
                .higherPrioSendAdvert(true).preemptDelayNanos(5 * S).startAsMaster(true).accept(true).build();
        assertThat(s.downTimerAdverts()).isEqualTo(3);
        assertThat(s.lowerPrioNoAdvert()).isTrue();
        assertThat(s.higherPrioSendAdvert()).isFalse();
        assertThat(s.preemptDelayNanos()).isZero();
        assertThat(s.garp().lowerPrioRepeat()).isZero();
        assertThat(s.startAsMaster()).isFalse();
        assertThat(s.accept()).isFalse();   // no accept with v2
        assertThat(s.ownerIgnoreAdverts()).isTrue();
        // strict master receiving lower priority: no advert, no GARP
        Rig rig = new Rig(s);
        long t0 = rig.startAndBecomeMaster();
        assertThat(Rig.effects(rig.advert(t0 + MS, Rig.HIGH, 50))).isEmpty();
    }
}
