package io.jkeepalived.vrrp.engine;

import static io.jkeepalived.vrrp.engine.Rig.MS;
import static io.jkeepalived.vrrp.engine.Rig.S;
import static io.jkeepalived.vrrp.engine.Rig.US;
import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.vrrp.engine.Action.RunNotify;
import io.jkeepalived.vrrp.engine.Action.SendAdvert;
import io.jkeepalived.vrrp.engine.Action.WriteFifo;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SyncGroupTest {
    VrrpEngine engine;
    VirtualRouter a;
    VirtualRouter b;

    @BeforeEach
    void build() {
        NotifySpec instNotify = NotifySpec.none().withGeneric(List.of("/bin/inst"));
        var sa = RouterSpecBuilder.of("VI_A", 1, Rig.MID).priority(100).vips(List.of("198.18.1.1"))
                .notifications(instNotify).build();
        var sb = RouterSpecBuilder.of("VI_B", 2, Rig.MID).priority(200).vips(List.of("198.18.2.1"))
                .notifications(instNotify).build();
        NotifySpec groupNotify = NotifySpec.none().withGeneric(List.of("/bin/grp")).withFifo(false);
        engine = ((VrrpEngine.Build.Ok) VrrpEngine.create(List.of(sa, sb),
                List.of(new SyncGroupSpec("G1", List.of("VI_A", "VI_B"), groupNotify, false)))).engine();
        a = engine.router("VI_A").orElseThrow();
        b = engine.router("VI_B").orElseThrow();
    }

    List<Action> run(long until) {
        List<Action> out = new ArrayList<>();
        while (engine.nextDeadlineNanos() <= until) {
            engine.tick(engine.nextDeadlineNanos(), out::add);
        }
        return out;
    }

    @Test
    void behaviour_3_7_masterNeedsEveryMember_allGoTogether() {
        engine.handleAll(new Event.Startup(), 0, x -> { });
        // B (prio 200) expires first at 3.21875 s but must wait for A (3.609375 s)
        run(3_218_750 * US);
        assertThat(b.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(b.wantsMaster()).isTrue();
        List<Action> out = run(3_609_375 * US);
        assertThat(a.state()).isEqualTo(VrrpState.MASTER);
        assertThat(b.state()).isEqualTo(VrrpState.MASTER);
        assertThat(a.lastTransitionNanos()).isEqualTo(3_609_375 * US);
        assertThat(b.lastTransitionNanos()).isEqualTo(3_609_375 * US);
        assertThat(engine.group("G1").orElseThrow().state()).isEqualTo(VrrpState.MASTER);
        assertThat(Rig.only(out, RunNotify.class).stream().map(RunNotify::argv).toList())
                .contains(List.of("/bin/grp", "GROUP", "G1", "MASTER", "0"));
        assertThat(Rig.only(out, WriteFifo.class)).contains(new WriteFifo("G1", "GROUP \"G1\" MASTER 0"));
    }

    @Test
    void behaviour_3_7_memberHeldBack_acceptedAdvertClearsWantMaster() {
        engine.handleAll(new Event.Startup(), 0, x -> { });
        run(3_218_750 * US);
        assertThat(b.wantsMaster()).isTrue();
        engine.handle("VI_B", new Event.AdvertReceived(Rig.HIGH, 250, 100), 3_300 * MS, x -> { });
        assertThat(b.wantsMaster()).isFalse();
        run(3_609_375 * US);
        assertThat(a.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(a.wantsMaster()).isTrue();
    }

    @Test
    void behaviour_3_7_backupPropagates() {
        engine.handleAll(new Event.Startup(), 0, x -> { });
        run(4 * S);
        List<Action> out = new ArrayList<>();
        engine.handle("VI_A", new Event.AdvertReceived(Rig.HIGH, 150, 100), 5 * S, out::add);
        assertThat(a.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(b.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(b.lastTransition().orElseThrow().reason()).isEqualTo(TransitionReason.SYNC_GROUP);
        assertThat(Rig.only(out, SendAdvert.class)).isEmpty();   // MASTER → BACKUP: no priority 0
        assertThat(Rig.only(out, RunNotify.class).stream().map(RunNotify::argv).toList()).containsExactly(
                List.of("/bin/inst", "INSTANCE", "VI_A", "BACKUP", "100"),
                List.of("/bin/grp", "GROUP", "G1", "BACKUP", "0"));
    }

    /** Found by the simulator: the member that left MASTER by an advert still "wanted" MASTER. */
    @Test
    void behaviour_3_7_afterBackupPropagation_heldMemberCannotPullGroupBackToMaster() {
        engine.handleAll(new Event.Startup(), 0, x -> { });
        run(4 * S);
        engine.handle("VI_A", new Event.AdvertReceived(Rig.HIGH, 150, 100), 5 * S, x -> { });
        assertThat(a.wantsMaster()).isFalse();
        // B hears nobody: its down timer expires, but A still hears a master, so B stays BACKUP
        run(5 * S + 3_218_750 * US);
        assertThat(b.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(a.state()).isEqualTo(VrrpState.BACKUP);
    }

    @Test
    void behaviour_3_7_faultPropagates_andClearsOnlyWhenNoMemberFaulty() {
        engine.handleAll(new Event.Startup(), 0, x -> { });
        run(4 * S);
        List<Action> out = new ArrayList<>();
        engine.handle("VI_B", Events.interfaceDown(), 5 * S, out::add);
        assertThat(a.state()).isEqualTo(VrrpState.FAULT);
        assertThat(b.state()).isEqualTo(VrrpState.FAULT);
        assertThat(Rig.only(out, SendAdvert.class)).containsExactlyInAnyOrder(
                new SendAdvert("VI_A", 0, 100), new SendAdvert("VI_B", 0, 100));
        engine.handle("VI_A", new Event.FaultChanged(FaultCause.CONFIGURATION, true), 6 * S, x -> { });
        engine.handle("VI_B", Events.interfaceUp(), 7 * S, x -> { });
        assertThat(a.state()).isEqualTo(VrrpState.FAULT);
        assertThat(b.state()).isEqualTo(VrrpState.FAULT);
        engine.handle("VI_A", new Event.FaultChanged(FaultCause.CONFIGURATION, false), 8 * S, x -> { });
        assertThat(a.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(b.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(a.nextDeadlineNanos()).isEqualTo(8 * S + 3_609_375 * US);
    }

    @Test
    void behaviour_3_7_lowerPrioGarpsOnAllMembers() {
        engine.handleAll(new Event.Startup(), 0, x -> { });
        run(4 * S);
        List<Action> out = new ArrayList<>();
        engine.handle("VI_A", new Event.AdvertReceived(Rig.HIGH, 50, 100), 5 * S, out::add);
        assertThat(Rig.only(out, Action.SendGratuitous.class).stream().map(Action.SendGratuitous::instance))
                .containsExactly("VI_A", "VI_B");
    }

    @Test
    void behaviour_3_7_badGroupsAreRejectedNotThrown() {
        var sa = RouterSpecBuilder.of("VI_A", 1, Rig.MID).build();
        var built = VrrpEngine.create(List.of(sa, sa), List.of(
                new SyncGroupSpec("G", List.of("VI_A", "VI_X"), NotifySpec.none(), false)));
        assertThat(built).isInstanceOfSatisfying(VrrpEngine.Build.Rejected.class, r ->
                assertThat(r.problems()).containsExactly("duplicate instance name VI_A",
                        "sync group G names unknown instance VI_X"));
    }
}
