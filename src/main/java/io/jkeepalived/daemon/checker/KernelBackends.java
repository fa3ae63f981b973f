package io.jkeepalived.daemon.checker;

import io.jkeepalived.config.model.LvsBackend;
import io.jkeepalived.lvs.KernelBackend;
import io.jkeepalived.lvs.ipvs.IpvsBackend;
import io.jkeepalived.lvs.nft.NftBackend;
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
        if (wanted.isEmpty()) {
            Choice ipvs = ipvs();
            if (ipvs.backend().isPresent()) return ipvs;
            Choice nft = nftables();
            return nft.backend().isPresent() ? nft : Choice.none(ipvs.why() + "; " + nft.why());
        }
        return switch (wanted.get()) {
            case IPVS -> ipvs();
            case NFTABLES -> nftables();
        };
    }

    private static Choice ipvs() {
        return switch (IpvsBackend.open()) {
            case IpvsBackend.Opening.Opened o -> new Choice(Optional.of(o.backend()), "ipvs");
            case IpvsBackend.Opening.Unavailable u -> Choice.none(u.reason());
        };
    }

    private static Choice nftables() {
        return switch (NftBackend.open()) {
            case NftBackend.Opening.Opened o -> new Choice(Optional.of(o.backend()), "nftables");
            case NftBackend.Opening.Unavailable u -> Choice.none("nftables: " + u.reason());
        };
    }
}
