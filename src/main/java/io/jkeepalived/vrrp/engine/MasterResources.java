package io.jkeepalived.vrrp.engine;

import java.util.List;
import java.util.function.Consumer;

/**
 * What a MASTER holds and must give back (spec §3.8 step 2, §3.4 "Leaving MASTER", §3.10): the
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
}
