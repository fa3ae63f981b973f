package io.jkeepalived.check.plan;

import io.jkeepalived.config.model.Checker;
import io.jkeepalived.config.model.CheckerCommon;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * What makes two checkers the same work: type, target, default virtualhost, every probe parameter
 * and the effective timing. Virtual servers that share real servers (keepalived issues #2111,
 * #2358) then share one checker: one probe per delay_loop, one state, results fanned out.
 * Timing is part of the key because a shared checker has one retry state machine.
 *
 * @param params the checker block with its timing fields cleared (they live in {@code timing})
 */
public record DedupKey(String type, InetAddress ip, int port, Optional<String> virtualhost, Timing timing,
                       Checker params) {

    // equals and hashCode written out. The generated ones go through method handles that the daemon's
    // C1-only JIT does not inline, and hashed the whole checker block on every map operation: a reload
    // of 10,000 checkers spent most of CheckEngine.apply and PreparedProbes.prepare there.

    /** Every component, the cheap ones first; the checker block last. */
    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof DedupKey k && port == k.port && Objects.equals(type, k.type)
                && Objects.equals(ip, k.ip) && Objects.equals(virtualhost, k.virtualhost)
                && Objects.equals(timing, k.timing) && Objects.equals(params, k.params);
    }

    /**
     * Over the target only: the probe timer looks each due probe up by its key (10,000 a second),
     * and the record's own hash walked every probe parameter and the timing each time. Keys of
     * different checkers of one target share a bucket and are told apart by {@link #equals}.
     * The parts are mixed, not summed: real servers are runs of neighbouring addresses and ports,
     * and a plain {@code 31 * ip + port} makes runs of neighbouring hashes, which the JDK's
     * immutable maps (open addressing, linear probing) turn into probe chains thousands long.
     */
    @Override
    public int hashCode() {
        long h = (long) type.hashCode() * 0x9E3779B97F4A7C15L ^ (long) ip.hashCode() * 0xC2B2AE3D27D4EB4FL
                ^ (long) port * 0x165667B19E3779F9L;
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        return (int) (h ^ h >>> 32);
    }

    static DedupKey of(Checker c, InetAddress ip, int port, Optional<String> vhost, Timing timing) {
        return new DedupKey(c.type(), ip, port, vhost, timing, withoutTiming(c));
    }

    private static Checker withoutTiming(Checker c) {
        CheckerCommon o = c.common();
        CheckerCommon n = new CheckerCommon(o.connectIp(), o.connectPort(), o.bindto(), o.bindPort(), o.bindIf(),
                o.fwmark(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                false, false);
        return switch (c) {
            case Checker.TcpCheck t -> new Checker.TcpCheck(n);
            case Checker.HttpGet h -> new Checker.HttpGet(n, h.ssl(), h.urls(), h.httpProtocol(), h.virtualhost(),
                    h.fastRecovery(), h.enableSni(), h.sniName(), h.tlsCompliant());
            case Checker.MiscCheck m -> new Checker.MiscCheck(n, m.miscPath(), m.miscTimeout(), m.miscDynamic());
            case Checker.SmtpCheck s -> new Checker.SmtpCheck(n, s.heloName(), s.hosts());
            case Checker.DnsCheck d -> new Checker.DnsCheck(n, d.queryType(), d.name());
            case Checker.UdpCheck u -> new Checker.UdpCheck(n, u.payload(), u.requireReply(), u.minReplyLength(),
                    u.maxReplyLength());
            case Checker.PingCheck p -> new Checker.PingCheck(n);
            case Checker.FileCheck f -> new Checker.FileCheck(n, f.trackFile(), f.weight(), f.reverse());
            case Checker.BfdCheck b -> new Checker.BfdCheck(n, b.name());
        };
    }
}
