package io.jkeepalived.lvs.nft;

import io.jkeepalived.lvs.Destination;
import io.jkeepalived.lvs.ForwardMethod;
import io.jkeepalived.lvs.Service;
import io.jkeepalived.lvs.ServiceKey;
import java.net.Inet6Address;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * What the nftables backend cannot express, as one-line refusals: everything here would need IPVS
 * (other schedulers, DR/TUN, thresholds, persistence engines, one-packet scheduling).
 */
final class NftLimits {
    private NftLimits() {}

    static final Set<String> SCHEDULERS = Set.of("rr", "wrr", "sh", "mh");
    static final long MAX_WEIGHT = 65535;

    static Optional<String> refuse(Service s) {
        if (!SCHEDULERS.contains(s.scheduler())) {
            return Optional.of("nftables backend: scheduler " + s.scheduler() + " not expressible (rr, wrr, sh, mh only)");
        }
        if (s.persistenceEngine().isPresent()) {
            return Optional.of("nftables backend: no persistence engine (" + s.persistenceEngine().get() + ")");
        }
        if (s.flags().onePacket()) return Optional.of("nftables backend: no one-packet scheduling (ops)");
        if (s.persistenceSeconds().isPresent() && s.persistenceSeconds().get() <= 0) {
            return Optional.of("nftables backend: persistence timeout must be positive");
        }
        if (s.granularity().isPresent() && !granularityOk(s.granularity().get(), NftCommands.inet6(s.key()))) {
            return Optional.of("nftables backend: bad persistence granularity " + s.granularity().get());
        }
        return Optional.empty();
    }

    static Optional<String> refuse(Service s, Destination d) {
        if (d.method() != ForwardMethod.NAT) {
            return Optional.of("nftables backend forwards by NAT only (" + d.method() + " needs IPVS)");
        }
        if (d.uthreshold() != 0 || d.lthreshold() != 0) {
            return Optional.of("nftables backend: no connection thresholds (uthreshold/lthreshold)");
        }
        if (d.weight() < 0 || d.weight() > MAX_WEIGHT) return Optional.of("weight out of range 0.." + MAX_WEIGHT);
        if ((d.ip() instanceof Inet6Address) != NftCommands.inet6(s.key())) {
            return Optional.of("destination " + d.key() + " is not of the service's address family");
        }
        return Optional.empty();
    }

    /**
     * A fwmark or port-0 service either rewrites every destination's port or none: one DNAT map holds
     * addresses or address.port pairs, not both.
     */
    static Optional<String> refuse(ServiceKey k, Collection<Destination> dests) {
        boolean anyPort = k instanceof ServiceKey.Fwmark || ((ServiceKey.Addr) k).port() == 0;
        if (!anyPort) return Optional.empty();
        long zero = dests.stream().filter(d -> d.port() == 0).count();
        if (zero != 0 && zero != dests.size()) {
            return Optional.of("nftables backend: " + k + " mixes destinations with and without a port");
        }
        return Optional.empty();
    }

    private static boolean granularityOk(String g, boolean v6) {
        try {
            if (v6) {
                int bits = Integer.parseInt(g);
                return bits >= 1 && bits <= 128;
            }
            var a = java.net.InetAddress.ofLiteral(g);
            if (a instanceof Inet6Address) return false;
            int m = java.nio.ByteBuffer.wrap(a.getAddress()).getInt();
            return m != 0 && (~m & (~m + 1)) == 0; // contiguous ones from the top
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
