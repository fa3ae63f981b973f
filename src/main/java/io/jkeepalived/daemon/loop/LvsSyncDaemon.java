package io.jkeepalived.daemon.loop;

import io.jkeepalived.config.model.Keepalived;
import io.jkeepalived.lvs.LbResult;
import io.jkeepalived.lvs.ipvs.IpvsBackend;
import io.jkeepalived.lvs.ipvs.SyncDaemon;
import io.jkeepalived.lvs.ipvs.SyncDaemonSpec;
import io.jkeepalived.vrrp.engine.VrrpState;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code lvs_sync_daemon}: IPVS's connection-sync thread follows one VRRP instance, master while it
 * is MASTER and backup otherwise, so the peer that takes the VIP over already knows the connections.
 * Driven from the loop thread by state changes; the IPVS socket is opened only when configured.
 * Failures are logged (the kernel may have no IPVS) and never reach VRRP.
 */
public final class LvsSyncDaemon implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("Keepalived_vrrp");

    private Optional<SyncDaemonSpec> spec = Optional.empty();
    private Optional<String> namespace = Optional.empty();
    private int vrid;
    private Optional<IpvsBackend> ipvs = Optional.empty();
    private Optional<SyncDaemon.Role> running = Optional.empty();

    /**
     * Takes {@code config}'s setting (at start and on reload) and puts the sync thread in the role
     * {@code stateOf} gives for its instance now.
     */
    public void configure(Keepalived config, Function<String, Optional<VrrpState>> stateOf) {
        Optional<SyncDaemonSpec> next = config.globalDefs().lvsSyncDaemon().isEmpty() ? Optional.empty()
                : SyncDaemonSpec.parse(config.globalDefs().lvsSyncDaemon(), p -> LOG.warn("{}", p));
        Optional<Integer> nextVrid = next.flatMap(s -> config.vrrpInstances().stream()
                .filter(i -> i.name().equals(s.instance())).findFirst().map(i -> i.virtualRouterId()));
        if (next.isPresent() && nextVrid.isEmpty()) {
            LOG.warn("lvs_sync_daemon: no vrrp_instance {}; the sync daemon is not started", next.get().instance());
            next = Optional.empty();
        }
        if (next.equals(spec) && nextVrid.orElse(vrid) == vrid
                && config.globalDefs().netNamespaceIpvs().equals(namespace)) return;
        stop();
        if (!config.globalDefs().netNamespaceIpvs().equals(namespace)) {
            ipvs.ifPresent(IpvsBackend::close);
            ipvs = Optional.empty();
            namespace = config.globalDefs().netNamespaceIpvs();
        }
        spec = next;
        vrid = nextVrid.orElse(0);
        spec.ifPresent(s -> stateChanged(s.instance(), stateOf.apply(s.instance()).orElse(VrrpState.BACKUP)));
    }

    /** An instance changed state: the sync thread changes role when it is the one followed. */
    public void stateChanged(String instance, VrrpState state) {
        if (spec.isEmpty() || !spec.get().instance().equals(instance)) return;
        SyncDaemon.Role want = state == VrrpState.MASTER ? SyncDaemon.Role.MASTER : SyncDaemon.Role.BACKUP;
        if (running.equals(Optional.of(want))) return;
        Optional<IpvsBackend> k = ipvs();
        if (k.isEmpty()) return;
        running.ifPresent(r -> k.get().stopSyncDaemon(r));
        running = Optional.empty();
        SyncDaemon d = spec.get().daemon(want, vrid);
        if (k.get().startSyncDaemon(d) instanceof LbResult.Failed f) {
            LOG.warn("lvs_sync_daemon: the kernel refused the {} sync daemon on {}: {}", want.name().toLowerCase(
                    java.util.Locale.ROOT), d.interfaceName(), f.reason());
        } else {
            running = Optional.of(want);
            LOG.info("lvs_sync_daemon: {} sync daemon on {} (sync id {})", want.name().toLowerCase(java.util.Locale.ROOT),
                    d.interfaceName(), d.syncId());
        }
    }

    private Optional<IpvsBackend> ipvs() {
        if (ipvs.isEmpty()) {
            IpvsBackend.Opening opening = namespace.map(ns -> io.jkeepalived.daemon.checker.KernelBackends.inNamespace(
                    ns, IpvsBackend::open, why -> (IpvsBackend.Opening) new IpvsBackend.Opening.Unavailable(
                            "net_namespace_ipvs " + ns + ": " + why))).orElseGet(IpvsBackend::open);
            switch (opening) {
                case IpvsBackend.Opening.Opened o -> ipvs = Optional.of(o.backend());
                case IpvsBackend.Opening.Unavailable u -> {
                    LOG.warn("lvs_sync_daemon: {}; the sync daemon is not started", u.reason());
                    spec = Optional.empty();
                }
            }
        }
        return ipvs;
    }

    private void stop() {
        running.ifPresent(r -> ipvs.ifPresent(k -> k.stopSyncDaemon(r)));
        running = Optional.empty();
    }

    /** Shutdown: the sync thread stops with the daemon. */
    @Override
    public void close() {
        stop();
        ipvs.ifPresent(IpvsBackend::close);
        ipvs = Optional.empty();
    }
}
