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
 * All virtual routers and sync groups of one daemon, for the daemon's whole life: the single object
 * the event loop drives. A reload goes through {@link #apply}, which diffs by instance name and
 * emits every action itself, so "a VIP is held exactly while MASTER" is enforced here and nowhere
 * else.
 *
 * <pre>
 *   VrrpEngine engine = VrrpEngine.empty();
 *   engine.apply(specs, groups, Set.of(), now, actions::add);   // start: every router is new
 *   engine.start(name, now, actions::add) for each new router, once its socket is open
 *   loop: poll(timeout = engine.nextDeadlineNanos() - now);
 *         packet  → engine.handle("VI_1", new Event.AdvertReceived(src, prio, intvl), now, actions::add);
 *         timeout → engine.tick(now, actions::add);
 *         SIGHUP  → engine.apply(newSpecs, newGroups, restart, now, actions::add); start the new ones
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

    /** The result of {@link #apply}: what happened to each instance, by name, or why nothing did. */
    public sealed interface Reload {
        /**
         * @param added        new routers, created but not started
         * @param removed      stopped (DELETED or FAULT reported) and gone from the engine
         * @param restarted    stopped as on shutdown and replaced by new routers, not started
         * @param reconfigured same router, new settings applied in place, state kept
         */
        record Applied(List<String> added, List<String> removed, List<String> restarted,
                       List<String> reconfigured) implements Reload {
            public Applied {
                added = List.copyOf(added);
                removed = List.copyOf(removed);
                restarted = List.copyOf(restarted);
                reconfigured = List.copyOf(reconfigured);
            }

            /** The routers the caller must {@link #start} once their sockets are ready: added, then restarted. */
            public List<String> starting() {
                List<String> out = new ArrayList<>(added);
                out.addAll(restarted);
                return out;
            }
        }

        /** The new specs are inconsistent; the engine is unchanged. */
        record Rejected(List<String> problems) implements Reload {
        }
    }

    private static final Event TICK = new Event.TimerTick();

    private Map<String, VirtualRouter> routers = new LinkedHashMap<>();
    private final Map<String, SyncGroup> groups = new LinkedHashMap<>();

    private VrrpEngine() {
    }

    /** An engine with no routers: the daemon's, before its first {@link #apply}. */
    public static VrrpEngine empty() {
        return new VrrpEngine();
    }

    /** An engine running {@code specs}, none started (tests and the simulator). */
    public static Build create(List<RouterSpec> specs, List<SyncGroupSpec> groupSpecs) {
        VrrpEngine e = new VrrpEngine();
        return switch (e.apply(specs, groupSpecs, Set.of(), 0, a -> { })) {
            case Reload.Applied a -> new Build.Ok(e);
            case Reload.Rejected r -> new Build.Rejected(r.problems());
        };
    }

    /**
     * Makes the engine run exactly {@code specs} and {@code groupSpecs}, by instance name: an
     * unchanged router is not touched; a changed one takes its new spec in place
     * ({@link Event.Reconfigured}: a MASTER releases and adds exactly the VIPs, routes and rules that
     * changed); one named in {@code mustRestart} (it became another router on the wire) is shut down
     * and replaced; a removed one leaves (DELETED or FAULT reported) and is forgotten; a new one is
     * created. A sync group is one unit: when its definition changed, or a member is added or
     * restarted, every member restarts with it. New and replaced routers are not started: the
     * caller {@link #start}s them once their sockets are open.
     */
    public Reload apply(List<RouterSpec> specs, List<SyncGroupSpec> groupSpecs, Set<String> mustRestart,
                        long nowNanos, Consumer<Action> out) {
        List<String> problems = problems(specs, groupSpecs);
        if (!problems.isEmpty()) {
            return new Reload.Rejected(problems);
        }
        Map<String, RouterSpec> next = new LinkedHashMap<>();
        specs.forEach(s -> next.put(s.name(), s));
        Set<String> added = new HashSet<>(next.keySet());
        added.removeAll(routers.keySet());
        Set<String> restarted = new HashSet<>(mustRestart);
        restarted.retainAll(routers.keySet());
        restarted.retainAll(next.keySet());
        // Another VRID, version or family is another router to every peer, whatever the caller says.
        for (var e : routers.entrySet()) {
            RouterSpec n = next.get(e.getKey());
            RouterSpec o = e.getValue().spec();
            if (n != null && (n.vrid() != o.vrid() || n.version() != o.version() || n.ipv6() != o.ipv6())) {
                restarted.add(e.getKey());
            }
        }

        Map<String, SyncGroupSpec> nextGroups = new LinkedHashMap<>();
        groupSpecs.forEach(g -> nextGroups.put(g.name(), g));
        for (SyncGroup g : groups.values()) {
            if (!g.spec().equals(nextGroups.get(g.name()))) {
                g.spec().members().stream().filter(m -> next.containsKey(m) && !added.contains(m))
                        .forEach(restarted::add);
            }
        }
        List<SyncGroupSpec> rebuilt = new ArrayList<>();
        for (SyncGroupSpec g : groupSpecs) {
            SyncGroup old = groups.get(g.name());
            boolean moves = old == null || !old.spec().equals(g)
                    || g.members().stream().anyMatch(m -> added.contains(m) || restarted.contains(m));
            if (moves) {
                g.members().stream().filter(m -> !added.contains(m)).forEach(restarted::add);
                rebuilt.add(g);
            }
        }

        List<String> removedNames = new ArrayList<>();
        List<String> reconfigured = new ArrayList<>();
        for (var e : routers.entrySet()) {
            String name = e.getKey();
            if (!next.containsKey(name)) {
                e.getValue().handle(new Event.Removed(), nowNanos, out);
                removedNames.add(name);
            } else if (restarted.contains(name)) {
                e.getValue().handle(new Event.Shutdown(), nowNanos, out);
            } else if (!e.getValue().spec().equals(next.get(name))) {
                reconfigured.add(name);
            }
        }
        Map<String, VirtualRouter> kept = new LinkedHashMap<>();
        for (RouterSpec s : specs) {
            VirtualRouter r = routers.get(s.name());
            if (r == null || restarted.contains(s.name())) {
                r = new VirtualRouter(s);
                // keepalived clears a new instance's addresses: a daemon killed with -9 left them behind
                MasterResources.clearLeftovers(s, out);
            }
            kept.put(s.name(), r);
        }
        routers = kept;
        groups.keySet().removeIf(n -> !nextGroups.containsKey(n) || rebuilt.stream().anyMatch(g -> g.name().equals(n)));
        for (SyncGroupSpec g : rebuilt) {
            List<VirtualRouter> members = g.members().stream().map(routers::get).toList();
            SyncGroup group = new SyncGroup(g, members);
            members.forEach(r -> r.joinGroup(group));
            groups.put(g.name(), group);
        }
        // keep the configured order of groups
        Map<String, SyncGroup> ordered = new LinkedHashMap<>();
        groupSpecs.forEach(g -> ordered.put(g.name(), groups.get(g.name())));
        groups.clear();
        groups.putAll(ordered);
        // Two phases: every reconfigured MASTER gives back what its new config drops before any
        // takes what is new. An address moving from one instance to another would otherwise be
        // added by one (present already: nothing happens) and then deleted by the other.
        for (String name : reconfigured) {
            routers.get(name).releaseDropped(next.get(name), out);
        }
        for (String name : reconfigured) {
            routers.get(name).handle(new Event.Reconfigured(next.get(name)), nowNanos, out);
        }
        return new Reload.Applied(inOrder(specs, added), removedNames, inOrder(specs, restarted), reconfigured);
    }

    private static List<String> inOrder(List<RouterSpec> specs, Set<String> names) {
        return specs.stream().map(RouterSpec::name).filter(names::contains).toList();
    }

    private static List<String> problems(List<RouterSpec> specs, List<SyncGroupSpec> groupSpecs) {
        List<String> problems = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (RouterSpec s : specs) {
            if (!names.add(s.name())) {
                problems.add("duplicate instance name " + s.name());
            }
        }
        Set<String> grouped = new HashSet<>();
        Set<String> groupNames = new HashSet<>();
        for (SyncGroupSpec g : groupSpecs) {
            for (String m : g.members()) {
                if (!names.contains(m)) {
                    problems.add("sync group " + g.name() + " names unknown instance " + m);
                } else if (!grouped.add(m)) {
                    problems.add("instance " + m + " is in more than one sync group");
                }
            }
            if (!groupNames.add(g.name())) {
                problems.add("duplicate sync group name " + g.name());
            }
        }
        return problems;
    }

    /** Starts one router created by {@link #apply} (it leaves INIT); false if no such instance. */
    public boolean start(String instance, long nowNanos, Consumer<Action> out) {
        return handle(instance, new Event.Startup(), nowNanos, out);
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
