package io.jkeepalived.daemon;

import io.jkeepalived.vrrp.engine.Action;
import io.jkeepalived.vrrp.engine.Event;
import io.jkeepalived.vrrp.engine.VirtualRouter;
import io.jkeepalived.vrrp.engine.VrrpEngine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The engines the loop drives: the one built at start, plus one per reload that added or changed
 * instances (an engine's set of routers is fixed, and unchanged instances must keep their state).
 * Each instance name maps to the engine that currently runs it; a removed instance stays in its
 * old engine in STOP, inert. Loop thread only.
 */
final class Engines {
    private final List<VrrpEngine> all = new ArrayList<>();
    private final Map<String, VrrpEngine> byName = new HashMap<>();

    void add(VrrpEngine engine) {
        all.add(engine);
        engine.routers().forEach(r -> byName.put(r.name(), engine));
    }

    void forget(String instance) {
        byName.remove(instance);
    }

    boolean handle(String instance, Event event, long nowNanos, Consumer<Action> out) {
        VrrpEngine e = byName.get(instance);
        return e != null && e.handle(instance, event, nowNanos, out);
    }

    void handleAll(Event event, long nowNanos, Consumer<Action> out) {
        for (VrrpEngine e : all) {
            e.handleAll(event, nowNanos, out);
        }
    }

    void tick(long nowNanos, Consumer<Action> out) {
        for (VrrpEngine e : all) {
            if (e.nextDeadlineNanos() <= nowNanos) {
                e.tick(nowNanos, out);
            }
        }
    }

    long nextDeadlineNanos() {
        long next = VirtualRouter.NEVER;
        for (VrrpEngine e : all) {
            next = Math.min(next, e.nextDeadlineNanos());
        }
        return next;
    }

    Optional<VirtualRouter> router(String instance) {
        return Optional.ofNullable(byName.get(instance)).flatMap(e -> e.router(instance));
    }
}
