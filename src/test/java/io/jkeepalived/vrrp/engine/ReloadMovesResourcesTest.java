package io.jkeepalived.vrrp.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A reload that moves a VIP, route or rule from one instance to another on a node that is MASTER
 * for both. The kernel ignores an add of what is already there and then honours the delete, so
 * every removal must come before any addition, whichever instance comes first in the config. The
 * simulator found the opposite order: the address vanished from a MASTER that should hold it.
 */
class ReloadMovesResourcesTest {
    private static final IpAddr SELF = IpAddr.v4(198, 18, 0, 10);

    private static RouterSpec spec(String name, int vrid, List<String> vips, List<String> routes) {
        return RouterSpecBuilder.of(name, vrid, SELF).priority(200).vips(vips).routes(routes)
                .garp(GarpSpec.defaults().withMaster(0, 1)).build();
    }

    /** Both instances MASTER: no peers, so each takes over when its down timer expires. */
    private static VrrpEngine bothMaster(List<RouterSpec> specs) {
        VrrpEngine engine = VrrpEngine.empty();
        List<Action> ignored = new ArrayList<>();
        var applied = (VrrpEngine.Reload.Applied) engine.apply(specs, List.of(), Set.of(), 0, ignored::add);
        applied.starting().forEach(n -> engine.start(n, 0, ignored::add));
        engine.tick(engine.nextDeadlineNanos(), ignored::add);
        engine.tick(engine.nextDeadlineNanos(), ignored::add);
        assertThat(engine.routers()).allMatch(r -> r.state() == VrrpState.MASTER);
        return engine;
    }

    @Test
    void anAddressMovingToAnEarlierInstance_isDeletedByTheOldOwnerBeforeTheNewOneAddsIt() {
        VrrpEngine engine = bothMaster(List.of(
                spec("VI_1", 1, List.of("198.18.100.1"), List.of()),
                spec("VI_2", 2, List.of("198.18.101.1", "198.18.101.2"), List.of("198.19.0.0/24 table 7"))));
        List<Action> out = new ArrayList<>();
        var applied = engine.apply(List.of(
                spec("VI_1", 1, List.of("198.18.100.1", "198.18.101.2"), List.of("198.19.0.0/24 table 7")),
                spec("VI_2", 2, List.of("198.18.101.1"), List.of())), List.of(), Set.of(), 5_000_000_000L, out::add);

        assertThat(applied).isInstanceOfSatisfying(VrrpEngine.Reload.Applied.class,
                a -> assertThat(a.reconfigured()).containsExactly("VI_1", "VI_2"));
        List<Action> kernel = out.stream().filter(a -> a instanceof Action.AddAddresses
                || a instanceof Action.RemoveAddresses || a instanceof Action.AddRoutes
                || a instanceof Action.RemoveRoutes).toList();
        assertThat(kernel).containsExactly(
                new Action.RemoveAddresses("VI_2", List.of("198.18.101.2"), List.of()),
                new Action.RemoveRoutes("VI_2", List.of("198.19.0.0/24 table 7")),
                new Action.AddRoutes("VI_1", List.of("198.19.0.0/24 table 7")),
                new Action.AddAddresses("VI_1", List.of("198.18.101.2"), List.of()));
        // the new holder announces it; both stay MASTER
        assertThat(out).contains(new Action.SendGratuitous("VI_1", List.of("198.18.101.2"), 1,
                Action.GarpKind.MASTER_BURST));
        assertThat(engine.routers()).allMatch(r -> r.state() == VrrpState.MASTER);
    }

    /**
     * VI_2 gives B to VI_3 and VI_3 takes it; then VI_1's new weight-0 tracker (already down)
     * faults VI_1's sync group, and VI_2 leaves MASTER before its own reconfiguration. It must
     * release only what it still holds, not B again from under VI_3.
     */
    @Test
    void aMasterPushedOutBetweenThePhases_releasesOnlyWhatItStillHolds() {
        RouterSpec vi3 = spec("VI_3", 3, List.of("198.18.103.1"), List.of());
        RouterSpec vi1 = RouterSpecBuilder.of("VI_1", 1, SELF).priority(200).vips(List.of("198.18.100.1"))
                .trackers(List.of(TrackerSpec.script("chk", -10))).garp(GarpSpec.defaults().withMaster(0, 1)).build();
        RouterSpec vi2 = spec("VI_2", 2, List.of("198.18.101.1", "198.18.101.2"), List.of());
        List<SyncGroupSpec> group = List.of(new SyncGroupSpec("G", List.of("VI_1", "VI_2"), NotifySpec.none(), false));
        VrrpEngine engine = VrrpEngine.empty();
        List<Action> ignored = new ArrayList<>();
        engine.apply(List.of(vi3, vi1, vi2), group, Set.of(), 0, ignored::add);
        engine.handle("VI_1", new Event.TrackerChanged("chk", TrackerStatus.UP), 0, ignored::add);
        List.of("VI_3", "VI_1", "VI_2").forEach(n -> engine.start(n, 0, ignored::add));
        for (int i = 0; i < 4; i++) {
            engine.tick(engine.nextDeadlineNanos(), ignored::add);
        }
        assertThat(engine.routers()).allMatch(r -> r.state() == VrrpState.MASTER);
        engine.handle("VI_1", new Event.TrackerChanged("chk", TrackerStatus.DOWN), 4_000_000_000L, ignored::add);
        assertThat(engine.router("VI_1").orElseThrow().state()).isEqualTo(VrrpState.MASTER);

        List<Action> out = new ArrayList<>();
        engine.apply(List.of(
                spec("VI_3", 3, List.of("198.18.103.1", "198.18.101.2"), List.of()),
                RouterSpecBuilder.of("VI_1", 1, SELF).priority(200).vips(List.of("198.18.100.1"))
                        .trackers(List.of(TrackerSpec.script("chk", 0))).garp(GarpSpec.defaults().withMaster(0, 1))
                        .build(),
                spec("VI_2", 2, List.of("198.18.101.1"), List.of())), group, Set.of(), 5_000_000_000L, out::add);

        assertThat(engine.router("VI_2").orElseThrow().state()).isEqualTo(VrrpState.FAULT);
        Set<String> kernel = new java.util.HashSet<>(List.of("198.18.103.1", "198.18.100.1", "198.18.101.1",
                "198.18.101.2"));
        for (Action a : out) {
            switch (a) {
                case Action.AddAddresses add -> kernel.addAll(add.vips());
                case Action.RemoveAddresses rm -> kernel.removeAll(rm.vips());
                default -> { }
            }
        }
        assertThat(kernel).containsExactlyInAnyOrder("198.18.103.1", "198.18.101.2");
        assertThat(out).contains(new Action.RemoveAddresses("VI_2", List.of("198.18.101.1"), List.of()));
    }

    @Test
    void aSingleReconfiguredMaster_stillSwapsRemovalsFirst() {
        VrrpEngine engine = bothMaster(List.of(spec("VI_1", 1, List.of("198.18.100.1"), List.of())));
        List<Action> out = new ArrayList<>();
        engine.apply(List.of(spec("VI_1", 1, List.of("198.18.100.1 label x"), List.of())), List.of(), Set.of(),
                5_000_000_000L, out::add);
        assertThat(out.stream().filter(a -> a instanceof Action.AddAddresses || a instanceof Action.RemoveAddresses))
                .containsExactly(new Action.RemoveAddresses("VI_1", List.of("198.18.100.1"), List.of()),
                        new Action.AddAddresses("VI_1", List.of("198.18.100.1 label x"), List.of()));
    }
}
