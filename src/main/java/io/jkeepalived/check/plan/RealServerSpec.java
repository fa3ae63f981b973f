package io.jkeepalived.check.plan;

import io.jkeepalived.config.model.Script;
import io.jkeepalived.lvs.ForwardMethod;
import io.jkeepalived.lvs.Tunnel;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * A real server of one virtual server, resolved.
 *
 * @param port      empty: the service's port (0 for fwmark services)
 * @param tunnel    the encapsulation when {@code method} is TUN, else {@link Tunnel#DEFAULT}
 * @param smtpAlert its own {@code smtp_alert}, else global smtp_alert_checker / smtp_alert, else on
 */
public record RealServerSpec(InetAddress ip, Optional<Integer> port, long weight, ForwardMethod method, Tunnel tunnel,
                             boolean inhibitOnFailure, Optional<Script> notifyUp, Optional<Script> notifyDown,
                             long uthreshold, long lthreshold, boolean smtpAlert, boolean alpha,
                             List<CheckerSpec> checkers) {
    public RealServerSpec {
        checkers = List.copyOf(checkers);
    }

    /** Identity inside its virtual server, kept across reloads. */
    public Id id() {
        return new Id(ip, port);
    }

    public record Id(InetAddress ip, Optional<Integer> port) {
        // written out for the daemon's C1 JIT (see DedupKey): every plan and reload hashes every id
        @Override
        public boolean equals(Object o) {
            return o == this || o instanceof Id i && java.util.Objects.equals(ip, i.ip)
                    && java.util.Objects.equals(port, i.port);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hashCode(ip) * 31 + java.util.Objects.hashCode(port);
        }

        @Override
        public String toString() {
            return Targets.bracket(ip) + port.map(p -> ":" + p).orElse("");
        }
    }
}
