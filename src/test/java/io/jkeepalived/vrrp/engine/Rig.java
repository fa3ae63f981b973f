package io.jkeepalived.vrrp.engine;

import java.util.ArrayList;
import java.util.List;

/** Drives one router (or an engine) on a hand-held clock and collects the actions per step. */
final class Rig {
    static final long S = 1_000_000_000L;
    static final long MS = 1_000_000L;
    static final long US = 1_000L;
    static final IpAddr LOW = IpAddr.v4(198, 18, 0, 1);
    static final IpAddr MID = IpAddr.v4(198, 18, 0, 2);
    static final IpAddr HIGH = IpAddr.v4(198, 18, 0, 3);

    final VirtualRouter router;
    long now;

    Rig(RouterSpec spec) {
        this.router = new VirtualRouter(spec);
    }

    static RouterSpecBuilder spec(int priority) {
        return RouterSpecBuilder.of("VI_1", 51, MID).priority(priority).vips(List.of("198.18.1.1/32"));
    }

    List<Action> at(long t, Event e) {
        now = t;
        List<Action> out = new ArrayList<>();
        router.handle(e, t, out::add);
        return out;
    }

    List<Action> start(long t) {
        return at(t, new Event.Startup());
    }

    List<Action> tick(long t) {
        return at(t, new Event.TimerTick());
    }

    List<Action> advert(long t, IpAddr from, int prio) {
        return at(t, new Event.AdvertReceived(from, prio, 100));
    }

    List<Action> advert(long t, IpAddr from, int prio, int intervalCentis) {
        return at(t, new Event.AdvertReceived(from, prio, intervalCentis));
    }

    /** Runs ticks at each deadline up to {@code until}, returning all actions. */
    List<Action> runUntil(long until) {
        List<Action> all = new ArrayList<>();
        while (router.nextDeadlineNanos() <= until) {
            all.addAll(tick(router.nextDeadlineNanos()));
        }
        now = until;
        return all;
    }

    /** Start, then let the down timer expire: the router is MASTER at the returned time. */
    long startAndBecomeMaster() {
        start(0);
        long t = router.nextDeadlineNanos();
        tick(t);
        if (router.state() != VrrpState.MASTER) {
            throw new AssertionError("expected MASTER, got " + router.state());
        }
        return t;
    }

    static List<Class<?>> kinds(List<Action> actions) {
        return actions.stream().<Class<?>>map(Object::getClass).toList();
    }

    static <T extends Action> List<T> only(List<Action> actions, Class<T> type) {
        return actions.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Drops log actions, which are not part of the protocol behaviour. */
    static List<Action> effects(List<Action> actions) {
        return actions.stream().filter(a -> !(a instanceof Action.LogMessage) && !(a instanceof Action.LogTransition)
                && !(a instanceof Action.LowerPriorityAdvert) && !(a instanceof Action.GroupStateChanged))
                .toList();
    }
}
