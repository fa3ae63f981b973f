package io.jkeepalived.vrrp.engine;

import static io.jkeepalived.vrrp.engine.Rig.S;
import static io.jkeepalived.vrrp.engine.Rig.US;
import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.vrrp.engine.Action.AddAddresses;
import io.jkeepalived.vrrp.engine.Action.GarpKind;
import io.jkeepalived.vrrp.engine.Action.LogTransition;
import io.jkeepalived.vrrp.engine.Action.SendAdvert;
import io.jkeepalived.vrrp.engine.Action.SendGratuitous;
import java.util.List;
import org.junit.jupiter.api.Test;

class StartupTest {

    @Test
    void rfc3768_6_4_1_nonOwner_startsBackup_andWaitsMasterDownEvenWithStateMaster() {
        for (boolean stateMaster : new boolean[] {false, true}) {
            Rig rig = new Rig(Rig.spec(100).startAsMaster(stateMaster).build());
            List<Action> a = rig.start(7 * S);
            assertThat(rig.router.state()).isEqualTo(VrrpState.BACKUP);
            assertThat(Rig.only(a, LogTransition.class)).singleElement()
                    .satisfies(t -> assertThat(t.transition().reason()).isEqualTo(TransitionReason.STARTUP));
            assertThat(rig.router.nextDeadlineNanos()).isEqualTo(7 * S + 3_609_375 * US);
            assertThat(rig.tick(7 * S + 3_609_375 * US - 1)).isEmpty();
            assertThat(rig.router.state()).isEqualTo(VrrpState.BACKUP);
            List<Action> m = rig.tick(7 * S + 3_609_375 * US);
            assertThat(rig.router.state()).isEqualTo(VrrpState.MASTER);
            // behaviour §3.8: the advert goes out before the addresses and the GARP burst
            assertThat(Rig.effects(m)).containsExactly(
                    new SendAdvert("VI_1", 100, 100),
                    new AddAddresses("VI_1", List.of("198.18.1.1/32"), List.of()),
                    new SendGratuitous("VI_1", List.of("198.18.1.1/32"), 5, GarpKind.MASTER_BURST));
        }
    }

    @Test
    void behaviour_3_3_owner_withStateMaster_becomesMasterAfterOneMicrosecond() {
        Rig rig = new Rig(Rig.spec(255).startAsMaster(true).build());
        rig.start(S);
        assertThat(rig.router.nextDeadlineNanos()).isEqualTo(S + US);
        rig.tick(S + US);
        assertThat(rig.router.state()).isEqualTo(VrrpState.MASTER);
        assertThat(rig.router.lastTransition().orElseThrow().reason()).isEqualTo(TransitionReason.STARTUP_OWNER);
        assertThat(rig.router.nextDeadlineNanos()).isEqualTo(S + US + S);
    }

    @Test
    void behaviour_3_3_owner_withStateBackup_waitsOwnMasterDown() {
        Rig rig = new Rig(Rig.spec(255).build());
        rig.start(0);
        assertThat(rig.router.nextDeadlineNanos()).isEqualTo(3_003_906 * US);
    }

    @Test
    void behaviour_3_3_v3_startupUsesLocalInterval() {
        Rig rig = new Rig(Rig.spec(100).version(3).advertIntervalCentis(10).build());
        rig.start(0);
        assertThat(rig.router.nextDeadlineNanos()).isEqualTo(360_937 * US);
    }

    @Test
    void behaviour_3_3_syncGroupInBackup_memberWantingMaster_waitsAdvertIntPlusMinimalSkew() {
        var a = RouterSpecBuilder.of("VI_A", 1, Rig.MID).priority(100).startAsMaster(true).build();
        var b = RouterSpecBuilder.of("VI_B", 2, Rig.MID).priority(100).build();
        var engine = ((VrrpEngine.Build.Ok) VrrpEngine.create(List.of(a, b),
                List.of(new SyncGroupSpec("G", List.of("VI_A", "VI_B"), NotifySpec.none(), false)))).engine();
        engine.handleAll(new Event.Startup(), 0, x -> { });
        assertThat(engine.router("VI_A").orElseThrow().nextDeadlineNanos()).isEqualTo(1_003_906 * US);
        assertThat(engine.router("VI_B").orElseThrow().nextDeadlineNanos()).isEqualTo(3_609_375 * US);
    }

    @Test
    void behaviour_3_5_weightZeroScriptInInitState_keepsFaultUntilItReports() {
        Rig rig = new Rig(Rig.spec(100).trackers(List.of(TrackerSpec.script("chk", 0))).build());
        rig.start(0);
        assertThat(rig.router.state()).isEqualTo(VrrpState.FAULT);
        assertThat(rig.router.nextDeadlineNanos()).isEqualTo(VirtualRouter.NEVER);
        rig.at(2 * S, new Event.TrackerChanged("chk", TrackerStatus.UP));
        assertThat(rig.router.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(rig.router.nextDeadlineNanos()).isEqualTo(2 * S + 3_609_375 * US);
    }

    @Test
    void behaviour_3_6_faultAtStartup_staysFaultAndSendsNothing() {
        Rig rig = new Rig(Rig.spec(100).build());
        rig.at(0, Events.interfaceDown());
        rig.start(0);
        assertThat(rig.router.state()).isEqualTo(VrrpState.FAULT);
        assertThat(rig.advert(S, Rig.HIGH, 200)).isEmpty();
        assertThat(rig.runUntil(100 * S)).isEmpty();
    }
}
