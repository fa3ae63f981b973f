package io.jkeepalived.daemon.checker;

import io.jkeepalived.check.plan.CheckPlan;
import io.jkeepalived.check.plan.CheckerSpec;
import io.jkeepalived.check.plan.DedupKey;
import io.jkeepalived.check.plan.RealServerSpec;
import io.jkeepalived.check.plan.VirtualServerSpec;
import io.jkeepalived.config.model.Checker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Whether the health checks' own TCP connections can fill the kernel's connection-tracking table.
 *
 * <p>NAT in nftables turns connection tracking on in the namespace, and every TCP-based check then
 * leaves an entry in TIME_WAIT for {@code nf_conntrack_tcp_timeout_time_wait} (120 s by default).
 * Once the table is full the kernel drops new connections, clients' as well as probes' (the checker
 * bench filled 262,144 entries in half a minute at 10,000 checks a second). The daemon cannot know
 * what else the table holds, so it warns once the checks alone would take half of it.
 */
final class ConntrackSizing {
    private ConntrackSizing() {}

    static final Path NETFILTER = Path.of("/proc/sys/net/netfilter");

    /** TCP connections a second the plan's checks open (a checker shared by real servers counts once). */
    static double connectsPerSecond(CheckPlan plan) {
        Set<DedupKey> seen = new HashSet<>();
        double perSecond = 0;
        for (VirtualServerSpec vs : plan.virtualServers()) {
            for (RealServerSpec rs : vs.realServers()) {
                for (CheckerSpec c : rs.checkers()) {
                    if (overTcp(c.checker()) && seen.add(c.key()) && c.timing().delayLoop() > 0) {
                        perSecond += 1e9 / c.timing().delayLoop();
                    }
                }
            }
        }
        return perSecond;
    }

    private static boolean overTcp(Checker c) {
        return c instanceof Checker.TcpCheck || c instanceof Checker.HttpGet || c instanceof Checker.SmtpCheck;
    }

    /** The warning, when {@code perSecond × timeWaitSeconds} exceeds half of {@code max}. */
    static Optional<String> warning(double perSecond, long timeWaitSeconds, long max) {
        double needed = perSecond * timeWaitSeconds;
        if (max <= 0 || needed <= max / 2.0) return Optional.empty();
        return Optional.of(String.format(Locale.ROOT, "health checks open about %.0f TCP connections a second, and"
                + " connection tracking (on for nftables NAT) keeps each for %d s in TIME_WAIT: about %.0f entries"
                + " of nf_conntrack_max %d. When the table is full the kernel drops new connections, clients'"
                + " too. Raise net.netfilter.nf_conntrack_max or lower net.netfilter.nf_conntrack_tcp_timeout_time_wait"
                + " (docs/lvs.md, Sizing)", perSecond, timeWaitSeconds, needed, max));
    }

    /** Reads the namespace's limits under {@code netfilter} and warns through {@code warn}; silent when unreadable. */
    static void check(CheckPlan plan, Path netfilter, Consumer<String> warn) {
        OptionalLong max = read(netfilter.resolve("nf_conntrack_max"));
        OptionalLong timeWait = read(netfilter.resolve("nf_conntrack_tcp_timeout_time_wait"));
        if (max.isEmpty() || timeWait.isEmpty()) return;
        warning(connectsPerSecond(plan), timeWait.getAsLong(), max.getAsLong()).ifPresent(warn);
    }

    private static OptionalLong read(Path p) {
        try {
            return OptionalLong.of(Long.parseLong(Files.readString(p).strip()));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
