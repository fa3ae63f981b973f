package io.jkeepalived.vrrp.engine;

import static io.jkeepalived.vrrp.engine.Rig.MS;
import static io.jkeepalived.vrrp.engine.Rig.S;
import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.vrrp.engine.Action.GarpKind;
import io.jkeepalived.vrrp.engine.Action.SendGratuitous;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GarpScheduleTest {
    record Sent(long at, SendGratuitous g) {
    }

    List<Sent> garpsUntil(Rig rig, long until) {
        List<Sent> sent = new ArrayList<>();
        while (rig.router.nextDeadlineNanos() <= until) {
            long t = rig.router.nextDeadlineNanos();
            Rig.only(rig.tick(t), SendGratuitous.class).forEach(g -> sent.add(new Sent(t, g)));
        }
        return sent;
    }

    @Test
    void behaviour_3_8_masterBurst_thenSecondBurstAfterGarpMasterDelay_thenRefresh() {
        Rig rig = new Rig(Rig.spec(100).vips(List.of("a", "b"))
                .garp(GarpSpec.defaults().withRefresh(10 * S, 2)).build());
        rig.start(0);
        long t0 = rig.router.nextDeadlineNanos();
        List<Sent> sent = garpsUntil(rig, t0 + 30 * S);
        assertThat(sent).containsExactly(
                new Sent(t0, new SendGratuitous("VI_1", List.of("a", "b"), 5, GarpKind.MASTER_BURST)),
                new Sent(t0 + 5 * S, new SendGratuitous("VI_1", List.of("a", "b"), 5, GarpKind.MASTER_DELAYED)),
                new Sent(t0 + 15 * S, new SendGratuitous("VI_1", List.of("a", "b"), 2, GarpKind.MASTER_REFRESH)),
                new Sent(t0 + 25 * S, new SendGratuitous("VI_1", List.of("a", "b"), 2, GarpKind.MASTER_REFRESH)));
    }

    @Test
    void behaviour_3_8_garpInterval_spacesSinglePackets() {
        Rig rig = new Rig(Rig.spec(100).vips(List.of("a", "b"))
                .garp(GarpSpec.defaults().withMaster(0, 2).withInterval(10 * MS)).build());
        rig.start(0);
        long t0 = rig.router.nextDeadlineNanos();
        List<Sent> sent = garpsUntil(rig, t0 + S / 2);
        assertThat(sent).containsExactly(
                new Sent(t0, new SendGratuitous("VI_1", List.of("a"), 1, GarpKind.MASTER_BURST)),
                new Sent(t0 + 10 * MS, new SendGratuitous("VI_1", List.of("b"), 1, GarpKind.MASTER_BURST)),
                new Sent(t0 + 20 * MS, new SendGratuitous("VI_1", List.of("a"), 1, GarpKind.MASTER_BURST)),
                new Sent(t0 + 30 * MS, new SendGratuitous("VI_1", List.of("b"), 1, GarpKind.MASTER_BURST)));
    }

    @Test
    void behaviour_3_8_pendingGarpsCancelledOnLeavingMaster() {
        Rig rig = new Rig(Rig.spec(100).build());
        long t0 = rig.startAndBecomeMaster();
        rig.advert(t0 + S, Rig.HIGH, 200);
        assertThat(garpsUntil(rig, t0 + 4 * S)).isEmpty();   // the delayed burst at +5 s is gone
    }

    @Test
    void behaviour_3_8_evipsAnnouncedToo() {
        Rig rig = new Rig(Rig.spec(100).vips(List.of("v")).evips(List.of("e"))
                .garp(GarpSpec.defaults().withMaster(0, 1)).build());
        rig.start(0);
        List<Action> a = rig.tick(rig.router.nextDeadlineNanos());
        assertThat(Rig.only(a, SendGratuitous.class))
                .containsExactly(new SendGratuitous("VI_1", List.of("v", "e"), 1, GarpKind.MASTER_BURST));
        assertThat(Rig.only(a, Action.AddAddresses.class))
                .containsExactly(new Action.AddAddresses("VI_1", List.of("v"), List.of("e")));
    }
}
