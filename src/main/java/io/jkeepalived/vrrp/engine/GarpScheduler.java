package io.jkeepalived.vrrp.engine;

import io.jkeepalived.vrrp.engine.Action.GarpKind;
import io.jkeepalived.vrrp.engine.Action.SendGratuitous;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Pending gratuitous ARP/NA sends of one instance (behaviour §3.8). A burst is {@code repeat} packets
 * per address; with vrrp_garp_interval it is split into single packets spaced by the interval
 * (repeat-major: every address once, then every address again), otherwise it is one action.
 * Refresh entries re-arm themselves.
 */
final class GarpScheduler {
    private record Pending(long due, List<String> addresses, int count, GarpKind kind, long period) {
    }

    private final String instance;
    private final List<String> addresses;
    private final long spacingNanos;
    private final List<Pending> pending = new ArrayList<>();

    GarpScheduler(String instance, List<String> addresses, long spacingNanos) {
        this.instance = instance;
        this.addresses = addresses;
        this.spacingNanos = spacingNanos;
    }

    /** Queues a burst starting at {@code start}; sends whatever is due at {@code now} at once. */
    void burst(long start, int repeat, GarpKind kind, long now, Consumer<Action> out) {
        if (repeat <= 0 || addresses.isEmpty()) {
            return;
        }
        if (spacingNanos == 0) {
            pending.add(new Pending(start, addresses, repeat, kind, 0));
        } else {
            long t = start;
            for (int r = 0; r < repeat; r++) {
                for (String a : addresses) {
                    pending.add(new Pending(t, List.of(a), 1, kind, 0));
                    t += spacingNanos;
                }
            }
        }
        fire(now, out);
    }

    /** Queues a periodic refresh of {@code repeat} packets per address every {@code period}. */
    void refresh(long first, long period, int repeat) {
        if (period > 0 && repeat > 0 && !addresses.isEmpty()) {
            pending.add(new Pending(first, addresses, repeat, GarpKind.MASTER_REFRESH, period));
        }
    }

    void fire(long now, Consumer<Action> out) {
        if (pending.isEmpty()) {
            return;
        }
        // Keep due order stable: scan for the earliest due entry until none is due.
        while (true) {
            int best = -1;
            for (int i = 0; i < pending.size(); i++) {
                Pending p = pending.get(i);
                if (p.due() <= now && (best < 0 || p.due() < pending.get(best).due())) {
                    best = i;
                }
            }
            if (best < 0) {
                return;
            }
            Pending p = pending.remove(best);
            out.accept(new SendGratuitous(instance, p.addresses(), p.count(), p.kind()));
            if (p.period() > 0) {
                pending.add(new Pending(p.due() + p.period(), p.addresses(), p.count(), p.kind(), p.period()));
            }
        }
    }

    void cancelAll() {
        pending.clear();
    }

    long nextDue() {
        long next = Long.MAX_VALUE;
        for (Pending p : pending) {
            next = Math.min(next, p.due());
        }
        return next;
    }
}
