package io.jkeepalived.vrrp.engine;

import java.util.List;
import java.util.function.Consumer;

/**
 * What a MASTER holds and must give back (behaviour §3.8 step 2, §3.4 "Leaving MASTER", §3.10): the
 * no-accept drop rules, VIPs and eVIPs, routes and rules. Installed in that order, released
 * addresses first so the new master's GARPs win.
 */
final class MasterResources {
    private MasterResources() {
    }

    /** no_accept (or strict without accept) drops traffic to the VIPs while MASTER and not owner. */
    static boolean noAcceptRules(RouterSpec spec, boolean owner) {
        return !spec.accept() && !owner && !spec.announcedAddresses().isEmpty();
    }

    static void install(RouterSpec spec, boolean owner, Consumer<Action> out) {
        String name = spec.name();
        if (noAcceptRules(spec, owner)) {
            out.accept(new Action.InstallNoAccept(name, spec.announcedAddresses()));
        }
        if (!spec.vips().isEmpty() || !spec.evips().isEmpty()) {
            out.accept(new Action.AddAddresses(name, spec.vips(), spec.evips()));
        }
        if (!spec.routes().isEmpty()) {
            out.accept(new Action.AddRoutes(name, spec.routes()));
        }
        if (!spec.rules().isEmpty()) {
            out.accept(new Action.AddRules(name, spec.rules()));
        }
    }

    /** A new router removes its VIPs and eVIPs before it starts: they may be left over from a killed daemon. */
    static void clearLeftovers(RouterSpec spec, Consumer<Action> out) {
        if (!spec.vips().isEmpty() || !spec.evips().isEmpty()) {
            out.accept(new Action.RemoveAddresses(spec.name(), spec.vips(), spec.evips()));
        }
    }

    static void release(RouterSpec spec, boolean owner, Consumer<Action> out) {
        String name = spec.name();
        if (!spec.vips().isEmpty() || !spec.evips().isEmpty()) {
            out.accept(new Action.RemoveAddresses(name, spec.vips(), spec.evips()));
        }
        if (!spec.routes().isEmpty()) {
            out.accept(new Action.RemoveRoutes(name, spec.routes()));
        }
        if (!spec.rules().isEmpty()) {
            out.accept(new Action.RemoveRules(name, spec.rules()));
        }
        if (noAcceptRules(spec, owner)) {
            out.accept(new Action.RemoveNoAccept(name, spec.announcedAddresses()));
        }
    }

    /**
     * {@link #release} of a MASTER that {@link #releaseDropped} already relieved of what {@code next}
     * drops: only what both configs list is still held (the rest may belong to another instance now).
     */
    static void releaseKept(RouterSpec old, RouterSpec next, boolean owner, Consumer<Action> out) {
        String name = old.name();
        List<String> vips = both(old.vips(), next.vips());
        List<String> evips = both(old.evips(), next.evips());
        if (!vips.isEmpty() || !evips.isEmpty()) {
            out.accept(new Action.RemoveAddresses(name, vips, evips));
        }
        List<String> routes = both(old.routes(), next.routes());
        if (!routes.isEmpty()) {
            out.accept(new Action.RemoveRoutes(name, routes));
        }
        List<String> rules = both(old.rules(), next.rules());
        if (!rules.isEmpty()) {
            out.accept(new Action.RemoveRules(name, rules));
        }
        if (noAcceptRules(old, owner)) {
            out.accept(new Action.RemoveNoAccept(name, old.announcedAddresses()));
        }
    }

    /**
     * Puts back one resource that was removed behind a MASTER's back, if it is still ours: an
     * address comes back with one burst of gratuitous packets, so neighbours that flushed it learn
     * it again. Ids not in the current spec (a reload dropped them) are left alone.
     */
    static void restore(RouterSpec spec, Event.ResourceRemoved removed, Consumer<Action> out) {
        String name = spec.name();
        String id = removed.id();
        boolean ours = switch (removed.kind()) {
            case ADDRESS -> spec.vips().contains(id) || spec.evips().contains(id);
            case ROUTE -> spec.routes().contains(id);
            case RULE -> spec.rules().contains(id);
        };
        if (!ours) {
            return;
        }
        switch (removed.kind()) {
            case ADDRESS -> {
                boolean vip = spec.vips().contains(id);
                out.accept(new Action.AddAddresses(name, vip ? List.of(id) : List.of(), vip ? List.of() : List.of(id)));
                out.accept(new Action.SendGratuitous(name, List.of(id), Math.max(1, spec.garp().masterRepeat()),
                        Action.GarpKind.MASTER_BURST));
            }
            case ROUTE -> out.accept(new Action.AddRoutes(name, List.of(id)));
            case RULE -> out.accept(new Action.AddRules(name, List.of(id)));
        }
        out.accept(new Action.ResourceRestored(name, removed.kind(), id));
    }

    /**
     * A MASTER's reload in place: gives back what {@code old} held and {@code next} does not, then
     * takes what is new, in the order of {@link #release} and {@link #install}, and announces only
     * the new addresses.
     */
    static void swap(RouterSpec old, RouterSpec next, boolean owner, Consumer<Action> out) {
        releaseDropped(old, next, out);
        takeNew(old, next, owner, out);
    }

    /**
     * The first half of {@link #swap}: the VIPs, routes and rules {@code next} no longer lists.
     * {@link VrrpEngine#apply} runs it for every reconfigured MASTER before any takes what is new,
     * so an address that moves from one instance to another is deleted by the one before the
     * other adds it, and not the other way round (the add would find it present and do nothing).
     */
    static void releaseDropped(RouterSpec old, RouterSpec next, Consumer<Action> out) {
        String name = next.name();
        List<String> goneV = minus(old.vips(), next.vips());
        List<String> goneE = minus(old.evips(), next.evips());
        if (!goneV.isEmpty() || !goneE.isEmpty()) {
            out.accept(new Action.RemoveAddresses(name, goneV, goneE));
        }
        List<String> goneRoutes = minus(old.routes(), next.routes());
        if (!goneRoutes.isEmpty()) {
            out.accept(new Action.RemoveRoutes(name, goneRoutes));
        }
        List<String> goneRules = minus(old.rules(), next.rules());
        if (!goneRules.isEmpty()) {
            out.accept(new Action.RemoveRules(name, goneRules));
        }
    }

    /** The second half of {@link #swap}: the no-accept rules in step, then what is new, announced. */
    static void takeNew(RouterSpec old, RouterSpec next, boolean owner, Consumer<Action> out) {
        String name = next.name();
        boolean hadNoAccept = noAcceptRules(old, owner);
        boolean needsNoAccept = noAcceptRules(next, owner);
        if (hadNoAccept && (!needsNoAccept || !old.announcedAddresses().equals(next.announcedAddresses()))) {
            out.accept(new Action.RemoveNoAccept(name, old.announcedAddresses()));
        }
        if (needsNoAccept && (!hadNoAccept || !old.announcedAddresses().equals(next.announcedAddresses()))) {
            out.accept(new Action.InstallNoAccept(name, next.announcedAddresses()));
        }
        List<String> newRoutes = minus(next.routes(), old.routes());
        if (!newRoutes.isEmpty()) {
            out.accept(new Action.AddRoutes(name, newRoutes));
        }
        List<String> newRules = minus(next.rules(), old.rules());
        if (!newRules.isEmpty()) {
            out.accept(new Action.AddRules(name, newRules));
        }
        List<String> newV = minus(next.vips(), old.vips());
        List<String> newE = minus(next.evips(), old.evips());
        if (!newV.isEmpty() || !newE.isEmpty()) {
            out.accept(new Action.AddAddresses(name, newV, newE));
            List<String> announce = new java.util.ArrayList<>(newV);
            announce.addAll(newE);
            out.accept(new Action.SendGratuitous(name, announce, Math.max(1, next.garp().masterRepeat()),
                    Action.GarpKind.MASTER_BURST));
        }
    }

    private static List<String> minus(List<String> a, List<String> b) {
        return a.stream().filter(x -> !b.contains(x)).toList();
    }

    private static List<String> both(List<String> a, List<String> b) {
        return a.stream().filter(b::contains).toList();
    }
}
