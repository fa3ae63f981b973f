package io.jkeepalived.daemon.plan;

import io.jkeepalived.vrrp.engine.Action;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * At start the engine asks to remove every VIP and eVIP of every instance, in case a daemon killed
 * with -9 left them behind. Only the ones the kernel holds need a request: with 1,000 instances the
 * others cost 1,000 netlink round trips that fail with EADDRNOTAVAIL, and they delayed every
 * instance's first timer by half a second.
 */
public final class Leftovers {
    private Leftovers() {}

    /**
     * {@code actions} with each {@link Action.RemoveAddresses} narrowed to the addresses some
     * interface has in {@code held} ({@link KernelFacts#heldAddresses}); dropped when none is left.
     */
    public static List<Action> present(List<Action> actions, Map<String, InstancePlan> plans, Set<InetAddress> held) {
        return actions.stream().flatMap(a -> switch (a) {
            case Action.RemoveAddresses r -> narrowed(r, Optional.ofNullable(plans.get(r.instance())), held).stream();
            default -> java.util.stream.Stream.of(a);
        }).toList();
    }

    private static Optional<Action> narrowed(Action.RemoveAddresses r, Optional<InstancePlan> plan,
                                             Set<InetAddress> held) {
        if (plan.isEmpty()) {
            return Optional.of(r);
        }
        List<String> vips = held(r.vips(), plan.get(), held);
        List<String> evips = held(r.evips(), plan.get(), held);
        return vips.isEmpty() && evips.isEmpty() ? Optional.empty()
                : Optional.of(new Action.RemoveAddresses(r.instance(), vips, evips));
    }

    /** An id the plan does not know is kept: the executor decides what to do with it, as before. */
    private static List<String> held(List<String> ids, InstancePlan plan, Set<InetAddress> held) {
        return ids.stream().filter(id -> {
            VipPlan v = plan.addresses().get(id);
            return v == null || held.contains(v.address());
        }).toList();
    }
}
