package io.jkeepalived.check.plan;

import io.jkeepalived.config.model.Script;
import io.jkeepalived.lvs.Service;
import io.jkeepalived.notify.LvsService;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * A virtual server, resolved: the kernel services it stands for (one, or many for a
 * virtual_server_group) and its quorum rules.
 *
 * @param name            keepalived's own name for it ({@code [10.0.0.1]:tcp:80}, {@code FWM 7},
 *                        {@code [group]:0}): the identity a reload matches on
 * @param haSuspendOn     with {@code ha_suspend}: the address whose absence pauses its checkers
 * @param smtpAlert       its own {@code smtp_alert}, else the global ones, else off
 */
public record VirtualServerSpec(String name, LvsService fifoName, List<Service> services, int quorum, int hysteresis,
                                Optional<Script> quorumUp, Optional<Script> quorumDown, Optional<SorrySpec> sorry,
                                Optional<InetAddress> haSuspendOn, boolean omega, boolean smtpAlert,
                                String protocolLower, List<RealServerSpec> realServers) {
    public VirtualServerSpec {
        services = List.copyOf(services);
        realServers = List.copyOf(realServers);
    }
}
