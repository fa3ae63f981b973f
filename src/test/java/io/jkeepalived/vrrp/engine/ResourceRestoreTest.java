package io.jkeepalived.vrrp.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.vrrp.engine.Action.AddAddresses;
import io.jkeepalived.vrrp.engine.Action.AddRoutes;
import io.jkeepalived.vrrp.engine.Action.AddRules;
import io.jkeepalived.vrrp.engine.Action.GarpKind;
import io.jkeepalived.vrrp.engine.Action.ResourceRestored;
import io.jkeepalived.vrrp.engine.Action.SendGratuitous;
import io.jkeepalived.vrrp.engine.Event.Resource;
import io.jkeepalived.vrrp.engine.Event.ResourceRemoved;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A MASTER puts back what someone else removed; every other state leaves the kernel alone. */
class ResourceRestoreTest {
    private static final String VIP = "198.18.1.1/32";
    private static final String EVIP = "198.18.2.1/32";

    private static Rig rig() {
        return new Rig(Rig.spec(100).evips(List.of(EVIP)).routes(List.of("r1")).rules(List.of("u1"))
                .garp(GarpSpec.defaults().withMaster(0, 3)).build());
    }

    @Test
    void master_readdsARemovedVip_withOneGarpBurst_andReportsIt() {
        Rig rig = rig();
        long t0 = rig.startAndBecomeMaster();
        assertThat(Rig.effects(rig.at(t0 + 10, new ResourceRemoved(Resource.ADDRESS, VIP)))).containsExactly(
                new AddAddresses("VI_1", List.of(VIP), List.of()),
                new SendGratuitous("VI_1", List.of(VIP), 3, GarpKind.MASTER_BURST),
                new ResourceRestored("VI_1", Resource.ADDRESS, VIP));
        assertThat(rig.router.state()).isEqualTo(VrrpState.MASTER);
    }

    @Test
    void master_readdsAnEvip_asAnEvip() {
        Rig rig = rig();
        long t0 = rig.startAndBecomeMaster();
        assertThat(Rig.effects(rig.at(t0 + 10, new ResourceRemoved(Resource.ADDRESS, EVIP))).getFirst())
                .isEqualTo(new AddAddresses("VI_1", List.of(), List.of(EVIP)));
    }

    @Test
    void master_readdsRoutesAndRules() {
        Rig rig = rig();
        long t0 = rig.startAndBecomeMaster();
        assertThat(Rig.effects(rig.at(t0 + 10, new ResourceRemoved(Resource.ROUTE, "r1")))).containsExactly(
                new AddRoutes("VI_1", List.of("r1")), new ResourceRestored("VI_1", Resource.ROUTE, "r1"));
        assertThat(Rig.effects(rig.at(t0 + 20, new ResourceRemoved(Resource.RULE, "u1")))).containsExactly(
                new AddRules("VI_1", List.of("u1")), new ResourceRestored("VI_1", Resource.RULE, "u1"));
    }

    @Test
    void backup_ignoresRemovals_ofItsOwnReleasedAddresses() {
        Rig rig = rig();
        rig.start(0);
        assertThat(rig.router.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(Rig.effects(rig.at(10, new ResourceRemoved(Resource.ADDRESS, VIP)))).isEmpty();
    }

    @Test
    void master_ignoresIdsNotInItsSpec() {
        Rig rig = rig();
        long t0 = rig.startAndBecomeMaster();
        assertThat(Rig.effects(rig.at(t0 + 10, new ResourceRemoved(Resource.ADDRESS, "198.18.9.9/32")))).isEmpty();
        assertThat(Rig.effects(rig.at(t0 + 20, new ResourceRemoved(Resource.ROUTE, "other")))).isEmpty();
    }
}
