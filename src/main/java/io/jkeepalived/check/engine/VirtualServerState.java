package io.jkeepalived.check.engine;

import io.jkeepalived.check.plan.VirtualServerSpec;
import io.jkeepalived.lvs.ServiceEntry;
import io.jkeepalived.lvs.ServiceKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A virtual server's quorum (behaviour §3.12): the summed weight of alive real servers gains quorum at
 * {@code >= quorum + hysteresis} and loses it below {@code quorum - hysteresis} or at 0.
 */
final class VirtualServerState {

    final VirtualServerSpec spec;
    final List<RealServerState> reals = new ArrayList<>();
    boolean quorumUp;
    long lastChangeAt;
    /** This server's share of the table as last sent to the load balancer. */
    Map<ServiceKey, ServiceEntry> fragment;

    VirtualServerState(VirtualServerSpec spec, boolean quorumUp, Map<ServiceKey, ServiceEntry> fragment, long now) {
        this.spec = spec;
        this.quorumUp = quorumUp;
        this.fragment = new LinkedHashMap<>(fragment);
        this.lastChangeAt = now;
    }

    long aliveWeight() {
        long sum = 0;
        for (RealServerState r : reals) {
            if (r.alive) sum += r.weight;
        }
        return sum;
    }

    /** The quorum state {@link #aliveWeight()} calls for, given the current one (hysteresis). */
    boolean quorumWanted() {
        long sum = aliveWeight();
        return quorumUp
                ? !(sum < (long) spec.quorum() - spec.hysteresis() || sum == 0)
                : sum >= (long) spec.quorum() + spec.hysteresis() && sum > 0;
    }

    /** The sorry server replaces the real servers only while quorum is lost. */
    boolean sorryActive() {
        return !quorumUp && spec.sorry().isPresent();
    }

    Optional<RealServerState> real(io.jkeepalived.check.plan.RealServerSpec.Id id) {
        return reals.stream().filter(r -> r.spec.id().equals(id)).findFirst();
    }

    /** {@code 3/2±1} for logs and alerts: sum / quorum ± hysteresis. */
    String quorumText() {
        return aliveWeight() + "/" + spec.quorum() + "±" + spec.hysteresis();
    }
}
