package io.jkeepalived.vrrp.engine;

import static io.jkeepalived.vrrp.engine.Rig.MS;
import static io.jkeepalived.vrrp.engine.Rig.S;
import static io.jkeepalived.vrrp.engine.Rig.US;
import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.vrrp.engine.Action.SendAdvert;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A reload that changes an instance's settings in place (behaviour §3.13): the state is kept. */
class ReconfigureTest {

    private static List<Action> reconfigure(Rig rig, long t, RouterSpec next) {
        return rig.at(t, new Event.Reconfigured(next));
    }

    @Test
    void behaviour_3_13_masterGivenAHigherPriority_staysMasterAndAdvertisesItAtOnce() {
        Rig rig = new Rig(Rig.spec(150).build());
        long t0 = rig.startAndBecomeMaster();
        List<Action> a = reconfigure(rig, t0 + 300 * MS, Rig.spec(160).build());
        assertThat(rig.router.state()).isEqualTo(VrrpState.MASTER);
        assertThat(rig.router.transitionCount()).isEqualTo(2); // INIT → BACKUP → MASTER, nothing since
        assertThat(Rig.effects(a)).containsExactly(new SendAdvert("VI_1", 160, 100));
        assertThat(Rig.only(a, Action.LogMessage.class)).extracting(Action.LogMessage::message)
                .containsExactly("Changing effective priority from 150 to 160");
        // the advert timer restarts from the advert just sent
        assertThat(rig.router.nextDeadlineNanos()).isEqualTo(t0 + 1300 * MS);
    }

    @Test
    void behaviour_3_13_unchangedPriority_sendsNothingAndKeepsTheAdvertTimer() {
        Rig rig = new Rig(Rig.spec(150).build());
        long t0 = rig.startAndBecomeMaster();
        List<Action> a = reconfigure(rig, t0 + 300 * MS, Rig.spec(150).nopreempt(true).build());
        assertThat(a).isEmpty();
        assertThat(rig.router.nextDeadlineNanos()).isEqualTo(t0 + S);
        assertThat(rig.router.spec().nopreempt()).isTrue();
    }

    @Test
    void behaviour_3_13_masterGivenALowerPriority_isPreemptedByTheNextBetterAdvert() {
        Rig rig = new Rig(Rig.spec(150).build());
        long t0 = rig.startAndBecomeMaster();
        reconfigure(rig, t0 + 100 * MS, Rig.spec(50).build());
        assertThat(rig.router.state()).isEqualTo(VrrpState.MASTER);
        assertThat(rig.router.effectivePriority()).isEqualTo(50);
        rig.advert(t0 + 200 * MS, Rig.HIGH, 100);
        assertThat(rig.router.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(rig.router.lastTransition().orElseThrow().reason()).isEqualTo(TransitionReason.HIGHER_PRIORITY_ADVERT);
    }

    @Test
    void behaviour_3_13_newAdvertInterval_masterAdvertisesAtTheNewPace() {
        Rig rig = new Rig(Rig.spec(150).version(3).build());
        long t0 = rig.startAndBecomeMaster();
        List<Action> a = reconfigure(rig, t0 + 500 * MS, Rig.spec(150).version(3).advertIntervalCentis(50).build());
        assertThat(Rig.effects(a)).containsExactly(new SendAdvert("VI_1", 150, 50));
        assertThat(rig.router.nextDeadlineNanos()).isEqualTo(t0 + 1000 * MS);
        assertThat(rig.router.masterAdverIntervalCentis()).isEqualTo(50);
    }

    @Test
    void behaviour_3_13_backupGivenAHigherPriority_keepsItsDeadlineAndArmsTheNewDownTimer() {
        Rig rig = new Rig(Rig.spec(100).build());
        rig.start(0);
        rig.advert(S, Rig.HIGH, 200);
        long deadline = rig.router.nextDeadlineNanos();
        assertThat(reconfigure(rig, 2 * S, Rig.spec(254).build())).extracting(Object::getClass)
                .containsOnly(Action.LogMessage.class);
        assertThat(rig.router.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(rig.router.nextDeadlineNanos()).isEqualTo(deadline);
        // skew for 254 at 1 s: (256 − 254) × 1 s / 256 = 7812 µs
        assertThat(rig.router.downTimerMicros()).isEqualTo(3_000_000 + 7_812);
        // and the better priority now preempts the 200 master
        rig.advert(3 * S, Rig.HIGH, 200);
        rig.runUntil(3 * S + 3_007_812 * US);
        assertThat(rig.router.state()).isEqualTo(VrrpState.MASTER);
    }

    @Test
    void behaviour_3_13_trackerWeights_changedReportsAreKeptByIdAndTheNewWeightApplies() {
        var up10 = new TrackerSpec("script:chk", TrackerSpec.Kind.SCRIPT, 10, false, TrackerStatus.UNKNOWN);
        var up20 = new TrackerSpec("script:chk", TrackerSpec.Kind.SCRIPT, 20, false, TrackerStatus.UNKNOWN);
        Rig rig = new Rig(Rig.spec(150).trackers(List.of(up10)).build());
        long t0 = rig.startAndBecomeMaster();
        rig.at(t0 + 10 * MS, new Event.TrackerChanged("script:chk", TrackerStatus.UP));
        assertThat(rig.router.effectivePriority()).isEqualTo(160);
        List<Action> a = reconfigure(rig, t0 + 20 * MS, Rig.spec(150).trackers(List.of(up20)).build());
        assertThat(rig.router.effectivePriority()).isEqualTo(170);
        assertThat(Rig.effects(a)).containsExactly(new SendAdvert("VI_1", 170, 100));
        // the tracker dropped by the next reload no longer counts
        reconfigure(rig, t0 + 30 * MS, Rig.spec(150).build());
        assertThat(rig.router.effectivePriority()).isEqualTo(150);
        assertThat(rig.router.trackerReadings()).isEmpty();
    }

    @Test
    void behaviour_3_13_aWeightZeroScriptAddedToAMaster_faultsOnlyWhenItReportsDown() {
        var chk = TrackerSpec.script("script:chk", 0);
        Rig rig = new Rig(Rig.spec(150).build());
        long t0 = rig.startAndBecomeMaster();
        reconfigure(rig, t0 + 10 * MS, Rig.spec(150).trackers(List.of(chk)).build());
        assertThat(rig.router.state()).as("not yet reported: no fault").isEqualTo(VrrpState.MASTER);
        rig.at(t0 + 20 * MS, new Event.TrackerChanged("script:chk", TrackerStatus.UP));
        assertThat(rig.router.state()).isEqualTo(VrrpState.MASTER);
        List<Action> a = rig.at(t0 + 30 * MS, new Event.TrackerChanged("script:chk", TrackerStatus.DOWN));
        assertThat(rig.router.state()).isEqualTo(VrrpState.FAULT);
        assertThat(Rig.effects(a)).startsWith(new SendAdvert("VI_1", 0, 100));
    }

    @Test
    void behaviour_3_13_removingTheOnlyFaultingTracker_leavesFault() {
        var chk = TrackerSpec.script("script:chk", 0);
        Rig rig = new Rig(Rig.spec(150).trackers(List.of(chk)).build());
        rig.start(0);
        rig.at(S, new Event.TrackerChanged("script:chk", TrackerStatus.DOWN));
        assertThat(rig.router.state()).isEqualTo(VrrpState.FAULT);
        reconfigure(rig, 2 * S, Rig.spec(150).build());
        assertThat(rig.router.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(rig.router.lastTransition().orElseThrow().reason()).isEqualTo(TransitionReason.FAULT_CLEARED);
    }

    @Test
    void behaviour_3_13_newVipsAreReleasedOnLeavingMaster() {
        Rig rig = new Rig(Rig.spec(150).build());
        long t0 = rig.startAndBecomeMaster();
        var wider = List.of("198.18.1.1/32", "198.18.1.2/32");
        reconfigure(rig, t0 + 10 * MS, Rig.spec(150).vips(wider).build());
        List<Action> a = rig.at(t0 + 20 * MS, new Event.Shutdown());
        assertThat(Rig.only(a, Action.RemoveAddresses.class))
                .containsExactly(new Action.RemoveAddresses("VI_1", wider, List.of()));
    }

    @Test
    void behaviour_3_13_anotherVrid_isRefusedAndChangesNothing() {
        Rig rig = new Rig(Rig.spec(150).build());
        long t0 = rig.startAndBecomeMaster();
        var other = RouterSpecBuilder.of("VI_1", 52, Rig.MID).priority(200).build();
        List<Action> a = reconfigure(rig, t0 + 10 * MS, other);
        assertThat(Rig.effects(a)).isEmpty();
        assertThat(rig.router.spec().vrid()).isEqualTo(51);
        assertThat(rig.router.effectivePriority()).isEqualTo(150);
    }
}
