package io.jkeepalived.vrrp.sim;

import io.jkeepalived.vrrp.engine.IpAddr;
import io.jkeepalived.vrrp.engine.VirtualRouter;
import io.jkeepalived.vrrp.engine.VrrpEngine;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * One simulated host: its engine (absent while crashed), what its kernel holds, the config version
 * on its disk, and what the checker tracks per instance slot.
 */
final class SimNode {
    final int id;
    final IpAddr address;
    VrrpEngine engine;
    boolean alive;
    long scheduledWake = Long.MAX_VALUE;
    /** The config version on disk: the newest rolled out to this node, running or not. */
    int version;
    /** The receive profile and advert template of each slot's instance, as last planned (absent: none). */
    final Wire.Plan[] plans;
    /** IP identification of the next IPv4 advert: keepalived counts from 1 and skips 0. */
    int ipId = 1;
    /** The kernel: addresses (not ids: two ids may name one address), routes and rules present. */
    final Set<String> addresses = new HashSet<>();
    final Set<String> routes = new HashSet<>();
    final Set<String> rules = new HashSet<>();
    /** What trackers report right now, per slot, so a router a reload creates learns it before it starts. */
    final boolean[] chkDown;
    final boolean[] linkDown;
    final PerInstance[] track;
    /** Something on this node changed in the current step: its per-node invariants are checked. */
    boolean dirty;

    /** What the checker knows about one instance on this node, independent of the engine. */
    static final class PerInstance {
        /** Earliest time a down-timer takeover is legal (−∞ = no constraint). */
        long earliestTakeover = Long.MIN_VALUE;
        /** Last advert of any kind delivered while BACKUP, or the time it entered BACKUP. */
        long lastHeardOrEntered = Long.MIN_VALUE;
    }

    SimNode(int id, IpAddr address, int slots) {
        this.id = id;
        this.address = address;
        this.plans = new Wire.Plan[slots];
        this.chkDown = new boolean[slots];
        this.linkDown = new boolean[slots];
        this.track = new PerInstance[slots];
        for (int i = 0; i < slots; i++) {
            track[i] = new PerInstance();
        }
    }

    Optional<VirtualRouter> router(int slot) {
        return engine == null ? Optional.empty() : engine.router(Scenario.instanceName(slot));
    }

    int nextIpId() {
        int id = ipId;
        ipId = ipId == 0xFFFF ? 1 : ipId + 1;
        return id;
    }

    /** The host went down: the kernel forgets what it held and the trackers start afresh. */
    void wipe() {
        addresses.clear();
        routes.clear();
        rules.clear();
        java.util.Arrays.fill(chkDown, false);
        java.util.Arrays.fill(linkDown, false);
        java.util.Arrays.fill(plans, null);
    }
}
