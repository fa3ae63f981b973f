package io.jkeepalived.daemon.loop;

import io.jkeepalived.daemon.plan.InstancePlan;
import io.jkeepalived.daemon.plan.PlanTable;
import io.jkeepalived.daemon.plan.VipPlan;

import io.jkeepalived.netlink.InterfaceAddress;
import io.jkeepalived.netlink.Link;
import io.jkeepalived.netlink.NetlinkEvent;
import io.jkeepalived.vrrp.engine.Event;
import io.jkeepalived.vrrp.engine.FaultCause;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Link and address monitoring (loop thread): the instance's interface going down, or its source
 * address going away, becomes a fault event; coming back clears it. Only changes are reported.
 *
 * <p>It also reports every deletion of a VIP, eVIP, virtual route or virtual rule to the instance
 * that configures it, whatever its state: only the engine knows whether the instance holds it
 * (MASTER) and must put it back, so the check lives there and nowhere else.
 *
 * <p>An address notification reaches the instances it concerns through an index by address, not a
 * pass over every plan: 1,000 instances changing state at once are 1,000 notifications, and a pass
 * each made that quadratic. The index is rebuilt when the plan table has changed since.
 */
public final class LinkWatcher {
    private static final Logger LOG = LoggerFactory.getLogger("Keepalived_vrrp");

    private final PlanTable plans;
    private final BiConsumer<String, Event> engine;
    private final Map<String, Boolean> linkUp = new HashMap<>();
    private final Map<String, Boolean> ifaceFault = new HashMap<>();
    private final Map<String, Boolean> sourceFault = new HashMap<>();
    private final Map<Integer, String> names = new HashMap<>();

    /** A configured VIP, eVIP included, by its instance. */
    private record Vip(String instance, String id, String ifname) {}

    private long indexedAt = -1;
    private final Map<InetAddress, List<String>> bySource = new HashMap<>();
    private final Map<String, List<String>> sourceless = new HashMap<>(); // by interface
    private final Map<InetAddress, List<Vip>> vips = new HashMap<>();

    /** @param engine feeds one event to one instance right away */
    public LinkWatcher(PlanTable plans, BiConsumer<String, Event> engine) {
        this.plans = plans;
        this.engine = engine;
    }

    /** The state at start, before Startup reaches the engine. */
    public void initial(List<Link> links) {
        for (Link l : links) {
            names.put(l.index(), l.name());
            linkUp.put(l.name(), l.isUp() && l.isRunning());
        }
        for (InstancePlan p : plans.values()) {
            evaluateInterface(p);
            if (p.source().isEmpty()) {
                setSourceFault(p, true);
            }
        }
    }

    /** A new instance (reload): report its interface and source state afresh. */
    public void added(InstancePlan p) {
        ifaceFault.remove(p.name());
        sourceFault.remove(p.name());
        evaluateInterface(p);
        if (p.source().isEmpty()) {
            setSourceFault(p, true);
        }
    }

    boolean isUp(String ifname) {
        return linkUp.getOrDefault(ifname, false);
    }

    public void onEvent(NetlinkEvent e) {
        switch (e) {
            case NetlinkEvent.LinkChanged c -> {
                names.put(c.ifindex(), c.name());
                boolean up = c.up() && c.running();
                Boolean was = linkUp.put(c.name(), up);
                if (was == null || was != up) {
                    LOG.info("Netlink reports {} {}", c.name(), up ? "up" : "down");
                    plans.values().forEach(this::evaluateInterface);
                }
            }
            case NetlinkEvent.LinkRemoved r -> {
                Boolean was = linkUp.put(r.name(), false);
                if (was == null || was) {
                    LOG.info("Netlink reports {} down", r.name());
                    plans.values().forEach(this::evaluateInterface);
                }
            }
            case NetlinkEvent.AddressAdded a -> addressAdded(a.address());
            case NetlinkEvent.AddressRemoved r -> {
                addressRemoved(r.address());
                vipRemoved(r.address());
            }
            case NetlinkEvent.RouteRemoved r -> {
                for (InstancePlan p : plans.values()) {
                    p.routes().values().stream().filter(rp -> r.route().is(rp.spec())).forEach(rp ->
                            engine.accept(p.name(), new Event.ResourceRemoved(Event.Resource.ROUTE, rp.id())));
                }
            }
            case NetlinkEvent.RuleRemoved r -> {
                for (InstancePlan p : plans.values()) {
                    p.rules().values().stream().filter(rp -> r.rule().is(rp.spec())).forEach(rp ->
                            engine.accept(p.name(), new Event.ResourceRemoved(Event.Resource.RULE, rp.id())));
                }
            }
            case NetlinkEvent.Resync s -> LOG.warn("netlink monitor lost notifications (ENOBUFS); state re-read");
        }
    }

    private void evaluateInterface(InstancePlan p) {
        if (!p.trackPrimary()) {
            return;
        }
        boolean down = !isUp(p.iface()) || (p.vmac().isPresent() && !isUp(p.addressIface()));
        Boolean was = ifaceFault.put(p.name(), down);
        if (was == null ? down : was != down) {
            engine.accept(p.name(), new Event.FaultChanged(FaultCause.INTERFACE_DOWN, down));
        }
    }

    private void setSourceFault(InstancePlan p, boolean missing) {
        Boolean was = sourceFault.put(p.name(), missing);
        if (was == null ? missing : was != missing) {
            engine.accept(p.name(), new Event.FaultChanged(FaultCause.SOURCE_ADDRESS_MISSING, missing));
        }
    }

    private void addressAdded(InterfaceAddress a) {
        String ifname = names.get(a.ifindex());
        if (ifname == null) {
            return;
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("Assigned address {} for interface {}", text(a.address()), ifname);
        }
        index();
        List<String> found = new ArrayList<>(bySource.getOrDefault(a.address(), List.of()));
        for (String name : sourceless.getOrDefault(ifname, List.of())) {
            if (usableSource(plans.get(name), a)) {
                found.add(name);
            }
        }
        for (String name : found) {
            InstancePlan p = plans.get(name);
            if (p.source().isEmpty()) {
                plans.put(p.name(), p.withSource(a.address()));
            }
            setSourceFault(p, false);
        }
    }

    private void addressRemoved(InterfaceAddress a) {
        String ifname = names.get(a.ifindex());
        if (LOG.isDebugEnabled()) {
            LOG.debug("Deassigned address {} from interface {}", text(a.address()), ifname);
        }
        index();
        for (String name : bySource.getOrDefault(a.address(), List.of())) {
            InstancePlan p = plans.get(name);
            if (p.iface().equals(ifname)) {
                if (p.sourceConfigured()) {
                    setSourceFault(p, true);
                } else {
                    // A discovered source: forget it; the next address on the interface replaces it.
                    plans.put(p.name(), p.withoutSource());
                    setSourceFault(p, true);
                }
            }
        }
    }

    private void vipRemoved(InterfaceAddress a) {
        String ifname = names.get(a.ifindex());
        index();
        for (Vip v : vips.getOrDefault(a.address(), List.of())) {
            if (ifname == null || v.ifname().equals(ifname)) {
                engine.accept(v.instance(), new Event.ResourceRemoved(Event.Resource.ADDRESS, v.id()));
            }
        }
    }

    /**
     * Rebuilds the index if the plan table changed since it was built. The lists it hands out stay as
     * they are while a notification is handled, even when that handling writes the table (a source
     * found or forgotten): the next notification sees the new index.
     */
    private void index() {
        if (indexedAt == plans.changes()) {
            return;
        }
        bySource.clear();
        sourceless.clear();
        vips.clear();
        for (InstancePlan p : plans.values()) {
            if (p.source().isPresent()) {
                bySource.computeIfAbsent(p.source().get(), k -> new ArrayList<>()).add(p.name());
            } else {
                sourceless.computeIfAbsent(p.iface(), k -> new ArrayList<>()).add(p.name());
            }
            for (VipPlan v : p.addresses().values()) {
                vips.computeIfAbsent(v.address(), k -> new ArrayList<>()).add(new Vip(p.name(), v.id(), v.ifname()));
            }
        }
        indexedAt = plans.changes();
    }

    private static boolean usableSource(InstancePlan p, InterfaceAddress a) {
        InetAddress addr = a.address();
        if (p.ipv6()) {
            return addr instanceof java.net.Inet6Address v6 && v6.isLinkLocalAddress();
        }
        return addr instanceof java.net.Inet4Address && !p.addresses().values().stream()
                .anyMatch(v -> v.address().equals(addr));
    }

    private static String text(InetAddress a) {
        return io.jkeepalived.config.model.IpText.of(a);
    }
}
