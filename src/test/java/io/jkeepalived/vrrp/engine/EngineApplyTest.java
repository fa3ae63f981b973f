package io.jkeepalived.vrrp.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What {@link VrrpEngine#apply} emits for routers it creates and removes. */
class EngineApplyTest {
    private static RouterSpec spec(String name, int vrid, List<String> vips) {
        return RouterSpecBuilder.of(name, vrid, Rig.MID).vips(vips).build();
    }

    @Test
    void aNewRouterClearsLeftoverAddressesBeforeItStarts() {
        VrrpEngine e = VrrpEngine.empty();
        List<Action> out = new ArrayList<>();
        var r = e.apply(List.of(spec("VI_1", 1, List.of("198.18.1.1/32")), spec("VI_2", 2, List.of())), List.of(),
                Set.of(), 0, out::add);
        assertThat(r).isInstanceOf(VrrpEngine.Reload.Applied.class);
        assertThat(out).containsExactly(new Action.RemoveAddresses("VI_1", List.of("198.18.1.1/32"), List.of()));
        assertThat(e.router("VI_1").orElseThrow().state()).isEqualTo(VrrpState.INIT);
    }

    @Test
    void aRejectedReloadChangesNothing() {
        VrrpEngine e = VrrpEngine.empty();
        e.apply(List.of(spec("VI_1", 1, List.of())), List.of(), Set.of(), 0, a -> { });
        List<Action> out = new ArrayList<>();
        var r = e.apply(List.of(spec("VI_1", 1, List.of()), spec("VI_1", 2, List.of())), List.of(), Set.of(), 0,
                out::add);
        assertThat(r).isInstanceOf(VrrpEngine.Reload.Rejected.class);
        assertThat(out).isEmpty();
        assertThat(e.routers()).hasSize(1);
    }

    @Test
    void aRemovedRouterIsForgotten() {
        VrrpEngine e = VrrpEngine.empty();
        e.apply(List.of(spec("VI_1", 1, List.of()), spec("VI_2", 2, List.of())), List.of(), Set.of(), 0, a -> { });
        var r = (VrrpEngine.Reload.Applied) e.apply(List.of(spec("VI_2", 2, List.of())), List.of(), Set.of(), 1,
                a -> { });
        assertThat(r.removed()).containsExactly("VI_1");
        assertThat(e.router("VI_1")).isEmpty();
    }
}
