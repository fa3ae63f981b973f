package io.jkeepalived.daemon.checker;

import io.jkeepalived.config.model.GlobalDefs;
import io.jkeepalived.config.model.LvsBackend;
import io.jkeepalived.lvs.KernelBackend;
import io.jkeepalived.lvs.ipvs.IpvsBackend;
import io.jkeepalived.lvs.nft.NftBackend;
import io.jkeepalived.os.NetNamespace;
import io.jkeepalived.os.OsException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Which kernel facility carries the virtual servers: {@code lvs_backend} when it is set, else IPVS
 * when its generic-netlink family resolves (after loading {@code ip_vs}), else nftables. When none
 * opens, the checker runs on and only the desired table exists (status says why). With
 * {@code net_namespace_ipvs NAME} the backend is opened inside that namespace.
 */
public final class KernelBackends {
    private KernelBackends() {}

    /** The opened backend, or why there is none. */
    public record Choice(Optional<KernelBackend> backend, String why) {
        public static Choice none(String why) {
            return new Choice(Optional.empty(), why);
        }
    }

    public static Choice open(GlobalDefs g) {
        return g.netNamespaceIpvs().map(ns -> inNamespace(ns, () -> open(g.lvsBackend()),
                        why -> Choice.none("net_namespace_ipvs " + ns + ": " + why)))
                .orElseGet(() -> open(g.lvsBackend()));
    }

    static Choice open(Optional<LvsBackend> wanted) {
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

    /**
     * Runs {@code open} on a short-lived platform thread moved into network namespace {@code name}:
     * the sockets it opens stay there for their life, whichever thread uses them afterwards.
     */
    public static <T> T inNamespace(String name, Supplier<T> open, java.util.function.Function<String, T> failed) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread.ofPlatform().name("netns-" + name).start(() -> {
            try {
                NetNamespace.enter(name);
                result.complete(open.get());
            } catch (OsException | RuntimeException e) {
                result.complete(failed.apply(e.getMessage()));
            }
        });
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed.apply("interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            return failed.apply(String.valueOf(e.getCause()));
        }
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
