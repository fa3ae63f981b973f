package io.jkeepalived.vrrp.sim;

import io.jkeepalived.vrrp.engine.IpAddr;
import io.jkeepalived.vrrp.engine.VirtualRouter;
import io.jkeepalived.vrrp.engine.VrrpEngine;

/** One simulated host: its engine (absent while crashed), the VIPs it holds, and what the checker tracks. */
final class SimNode {
    final int id;
    final IpAddr address;
    VrrpEngine engine;
    boolean alive;
    long scheduledWake = Long.MAX_VALUE;
    final boolean[] holdsVip;
    final boolean[] mismatch;
    final PerInstance[] track;

    /** What the checker knows about one instance on this node, independent of the engine. */
    static final class PerInstance {
        /** Earliest time a down-timer takeover is legal (−∞ = no constraint). */
        long earliestTakeover = Long.MIN_VALUE;
        /** Last advert of any kind delivered while BACKUP, or the time it entered BACKUP. */
        long lastHeardOrEntered = Long.MIN_VALUE;
    }

    SimNode(int id, IpAddr address, int instances) {
        this.id = id;
        this.address = address;
        this.holdsVip = new boolean[instances];
        this.mismatch = new boolean[instances];
        this.track = new PerInstance[instances];
        for (int i = 0; i < instances; i++) {
            track[i] = new PerInstance();
        }
    }

    VirtualRouter router(int instance) {
        return engine.router(Scenario.instanceName(instance)).orElseThrow();
    }
}
