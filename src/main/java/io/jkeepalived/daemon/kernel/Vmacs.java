package io.jkeepalived.daemon.kernel;

import io.jkeepalived.daemon.plan.InstancePlan;
import io.jkeepalived.daemon.plan.VmacPlan;

import io.jkeepalived.netlink.Link;
import io.jkeepalived.netlink.MacvlanSpec;
import io.jkeepalived.netlink.RtNetlink;
import io.jkeepalived.os.OsException;
import io.jkeepalived.os.Sysctl;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * use_vmac: creates each instance's macvlan (private mode, VRRP MAC), applies the sysctls
 * keepalived sets (behaviour §3.9), brings it up, and deletes the ones it created on exit.
 */
public final class Vmacs implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("Keepalived_vrrp");

    private final RtNetlink rtnl;
    private final List<Integer> created = new ArrayList<>();

    public Vmacs(RtNetlink rtnl) {
        this.rtnl = rtnl;
    }

    /** Creates the VMAC of {@code plan}; false (logged) when it cannot, so the instance goes to FAULT. */
    public boolean create(InstancePlan plan) {
        if (plan.vmac().isEmpty()) {
            return true;
        }
        VmacPlan v = plan.vmac().get();
        try {
            Optional<Link> parent = rtnl.link(v.parent());
            if (parent.isEmpty()) {
                LOG.error("({}) cannot create VMAC {}: interface {} does not exist", plan.name(), v.name(), v.parent());
                return false;
            }
            Optional<Link> old = rtnl.link(v.name());
            if (old.isPresent()) {
                // A VMAC left behind by a killed daemon: start from a clean one.
                rtnl.deleteLink(old.get().index());
            }
            int index = rtnl.createMacvlan(MacvlanSpec.vmac(v.name(), parent.get().index(), v.ipv6(), v.vrid()));
            created.add(index);
            Sysctl.configureVmac(v.name(), v.parent());
            rtnl.setLinkUp(index, true);
            LOG.info("({}) Created VMAC {} on {}", plan.name(), v.name(), v.parent());
            return true;
        } catch (OsException e) {
            LOG.error("({}) cannot create VMAC {} on {}: {}", plan.name(), v.name(), v.parent(), e.getMessage());
            return false;
        }
    }

    @Override
    public void close() {
        for (int index : created) {
            try {
                rtnl.deleteLink(index);
            } catch (OsException e) {
                LOG.warn("cannot delete VMAC ifindex {}: {}", index, e.getMessage());
            }
        }
        created.clear();
    }
}
