package io.jkeepalived.daemon.kernel;

import io.jkeepalived.daemon.plan.DaemonPlan;
import io.jkeepalived.daemon.plan.InstancePlan;
import io.jkeepalived.daemon.stats.InstanceCounters;

import io.jkeepalived.netlink.NetlinkEvent;
import io.jkeepalived.os.OsException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The VRRP sockets the instances need, opened at start and kept in step with their interfaces. */
public final class InstanceSockets {
    private static final Logger LOG = LoggerFactory.getLogger("Keepalived_vrrp");

    private InstanceSockets() {}

    public static void openSockets(DaemonPlan plan, VrrpSockets sockets, Map<String, InstanceCounters> counters) {
        for (InstancePlan p : plan.instances()) {
            openSocket(p, sockets, counters.get(p.name()));
        }
    }

    /** Opens (or shares) the instance's socket, joins its group and registers its VRID. */
    public static void openSocket(InstancePlan p, VrrpSockets sockets, InstanceCounters counters) {
        try {
            VrrpSockets.Channel c = sockets.open(p.socketIface(), p.ipv6());
            if (!p.unicast()) {
                for (var group : p.destinations()) {
                    sockets.join(c, group);
                }
            }
            if (!c.dispatcher.register(p.vrid(), p.name(), p.profile(), counters)) {
                LOG.error("({}) VRID {} is already used on {}: adverts go to the first instance", p.name(),
                        p.vrid(), p.socketIface());
            }
        } catch (OsException e) {
            LOG.error("({}) cannot open VRRP socket on {}: {}", p.name(), p.socketIface(), e.getMessage());
        }
    }

    /**
     * Sockets follow their interfaces: one that disappears takes its socket with it (a re-created
     * interface has a new ifindex), and one that comes up gets the sockets its instances lack.
     */
    public static void interfaceEvent(NetlinkEvent e, Map<String, InstancePlan> plans,
                                       Map<String, InstanceCounters> counters, VrrpSockets sockets,
                                       LinuxKernel kernel) {
        switch (e) {
            case NetlinkEvent.LinkRemoved r -> {
                sockets.drop(r.name());
                kernel.forget(r.name());
            }
            case NetlinkEvent.LinkChanged c -> {
                kernel.linksChanged();
                if (c.up()) {
                    for (boolean ipv6 : new boolean[] {false, true}) {
                        if (sockets.channel(c.name(), ipv6).isPresent()) {
                            continue;
                        }
                        for (InstancePlan p : plans.values()) {
                            if (p.socketIface().equals(c.name()) && p.ipv6() == ipv6) {
                                openSocket(p, sockets, counters.get(p.name()));
                            }
                        }
                    }
                }
            }
            default -> { }
        }
    }

}
