package io.jkeepalived.check.engine;

import io.jkeepalived.check.plan.RealServerSpec;
import io.jkeepalived.check.plan.VirtualServerSpec;
import io.jkeepalived.lvs.ServiceEntry;
import io.jkeepalived.lvs.ServiceKey;
import java.util.ArrayList;
import java.util.HashMap;
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
    /** {@link #reals} by id, for {@link #real}. */
    private final Map<RealServerSpec.Id, RealServerState> byId = new HashMap<>();
    private int indexed;
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

    /**
     * The real server with this id. A reload asks once per real server of the new plan, so a scan
     * made it quadratic (10^7 id comparisons for 10 x 1,000 real servers); the index is built on the
     * first lookup, once {@link #reals} is complete, and rebuilt if it grew since.
     */
    Optional<RealServerState> real(RealServerSpec.Id id) {
        if (indexed != reals.size()) {
            byId.clear();
            for (RealServerState r : reals) byId.putIfAbsent(r.spec.id(), r);
            indexed = reals.size();
        }
        return Optional.ofNullable(byId.get(id));
    }

    /** {@code 3/2±1} for logs and alerts: sum / quorum ± hysteresis. */
    String quorumText() {
        return aliveWeight() + "/" + spec.quorum() + "±" + spec.hysteresis();
    }
}
