package io.jkeepalived.check.engine;

import io.jkeepalived.check.plan.RealServerSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * A real server of one virtual server: alive only while every one of its checkers is up (a real
 * server without checkers is always alive), with its effective weight.
 */
final class RealServerState {

    final RealServerSpec spec;
    final VirtualServerState vs;
    final List<CheckerPolicy> checkers = new ArrayList<>();
    boolean alive;
    long weight;
    long lastChangeAt;

    RealServerState(RealServerSpec spec, VirtualServerState vs, boolean alive, long now) {
        this.spec = spec;
        this.vs = vs;
        this.alive = alive;
        this.weight = spec.weight();
        this.lastChangeAt = now;
    }

    boolean checkersAlive() {
        return checkers.stream().allMatch(CheckerPolicy::up);
    }

    /**
     * The configured weight moved by each dynamic checker's report (man keepalived.conf, misc_dynamic:
     * "increased by (exit status - 2 - rs configured weight)"): one MISC_CHECK sets it outright.
     */
    long effectiveWeight() {
        long w = spec.weight();
        for (CheckerPolicy c : checkers) {
            if (c.weight().isPresent()) w += c.weight().getAsLong() - spec.weight();
        }
        return Math.clamp(w, 0, Integer.MAX_VALUE);
    }

    /** {@code [198.18.0.2]:80 in [198.18.0.1]:tcp:80}. */
    String name() {
        return spec.id() + " in " + vs.spec.name();
    }
}
