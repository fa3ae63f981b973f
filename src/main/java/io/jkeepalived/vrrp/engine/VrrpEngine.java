package io.jkeepalived.vrrp.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * All virtual routers and sync groups of one daemon: the single object the event loop drives.
 *
 * <pre>
 *   VrrpEngine engine = switch (VrrpEngine.create(routers, groups)) {
 *       case VrrpEngine.Build.Ok ok -> ok.engine();
 *       case VrrpEngine.Build.Rejected r -> ...;       // r.problems()
 *   };
 *   engine.handleAll(new Event.Startup(), now, actions::add);
 *   loop: poll(timeout = engine.nextDeadlineNanos() - now);
 *         packet  → engine.handle("VI_1", new Event.AdvertReceived(src, prio, intvl), now, actions::add);
 *         timeout → engine.tick(now, actions::add);
 *         perform actions in order
 * </pre>
 */
public final class VrrpEngine {

    /** The result of building an engine: bad specs are reported, never thrown. */
    public sealed interface Build {
        record Ok(VrrpEngine engine) implements Build {
        }

        record Rejected(List<String> problems) implements Build {
        }
    }

    private static final Event TICK = new Event.TimerTick();

    private final Map<String, VirtualRouter> routers;
    private final Map<String, SyncGroup> groups;

    private VrrpEngine(Map<String, VirtualRouter> routers, Map<String, SyncGroup> groups) {
        this.routers = routers;
        this.groups = groups;
    }

    public static Build create(List<RouterSpec> specs, List<SyncGroupSpec> groupSpecs) {
        List<String> problems = new ArrayList<>();
        Map<String, VirtualRouter> routers = new LinkedHashMap<>();
        for (RouterSpec s : specs) {
            if (routers.putIfAbsent(s.name(), new VirtualRouter(s)) != null) {
                problems.add("duplicate instance name " + s.name());
            }
        }
        Map<String, SyncGroup> groups = new LinkedHashMap<>();
        Set<String> grouped = new HashSet<>();
        for (SyncGroupSpec g : groupSpecs) {
            List<VirtualRouter> members = new ArrayList<>();
            for (String m : g.members()) {
                VirtualRouter r = routers.get(m);
                if (r == null) {
                    problems.add("sync group " + g.name() + " names unknown instance " + m);
                } else if (!grouped.add(m)) {
                    problems.add("instance " + m + " is in more than one sync group");
                } else {
                    members.add(r);
                }
            }
            if (groups.containsKey(g.name())) {
                problems.add("duplicate sync group name " + g.name());
            }
            SyncGroup group = new SyncGroup(g, members);
            groups.put(g.name(), group);
            members.forEach(r -> r.joinGroup(group));
        }
        return problems.isEmpty() ? new Build.Ok(new VrrpEngine(routers, groups)) : new Build.Rejected(problems);
    }

    /** Feeds one event to one instance; false if no such instance. */
    public boolean handle(String instance, Event event, long nowNanos, Consumer<Action> out) {
        VirtualRouter r = routers.get(instance);
        if (r == null) {
            return false;
        }
        r.handle(event, nowNanos, out);
        return true;
    }

    /** Feeds the same event to every instance in configuration order (Startup, Shutdown). */
    public void handleAll(Event event, long nowNanos, Consumer<Action> out) {
        for (VirtualRouter r : routers.values()) {
            r.handle(event, nowNanos, out);
        }
    }

    /** Fires every timer due at {@code nowNanos}. */
    public void tick(long nowNanos, Consumer<Action> out) {
        for (VirtualRouter r : routers.values()) {
            if (r.nextDeadlineNanos() <= nowNanos) {
                r.handle(TICK, nowNanos, out);
            }
        }
    }

    /** The earliest deadline of any instance; {@link VirtualRouter#NEVER} if none. */
    public long nextDeadlineNanos() {
        long next = VirtualRouter.NEVER;
        for (VirtualRouter r : routers.values()) {
            next = Math.min(next, r.nextDeadlineNanos());
        }
        return next;
    }

    public Optional<VirtualRouter> router(String instance) {
        return Optional.ofNullable(routers.get(instance));
    }

    public List<VirtualRouter> routers() {
        return List.copyOf(routers.values());
    }

    public Optional<SyncGroup> group(String name) {
        return Optional.ofNullable(groups.get(name));
    }

    public List<SyncGroup> groups() {
        return List.copyOf(groups.values());
    }
}
