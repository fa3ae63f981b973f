package io.jkeepalived.check.plan;

import io.jkeepalived.config.model.Checker;
import io.jkeepalived.config.model.CheckerCommon;
import io.jkeepalived.config.model.RealServer;
import io.jkeepalived.config.model.VirtualServer;
import java.time.Duration;
import java.util.Optional;

/**
 * A checker's effective timing, in nanoseconds. Each value comes from the checker block, else the
 * real server, else the virtual server, else keepalived's default for the checker type (man
 * keepalived.conf: "the virtual server setting is the default for real servers, and the real
 * server setting is the default for checkers").
 *
 * @param retry        extra attempts after a failure: DOWN after {@code retry + 1} failures in a row
 * @param warmup       the first probe falls at a random point in [0, warmup]
 * @param probeTimeout the deadline handed to one probe: connect_timeout, or misc_timeout for MISC_CHECK
 */
public record Timing(long delayLoop, long connectTimeout, int retry, long delayBeforeRetry, long warmup,
                     long probeTimeout, boolean alpha, boolean logAllFailures) {

    static final Duration DEFAULT_DELAY_LOOP = Duration.ofSeconds(60);
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    public static Timing resolve(Checker checker, RealServer rs, VirtualServer vs) {
        CheckerCommon c = checker.common();
        Duration delayLoop = first(c.delayLoop(), rs.delayLoop()).orElse(vs.delayLoop());
        Duration connect = first(c.connectTimeout(), rs.connectTimeout()).orElse(vs.connectTimeout());
        int retry = first(first(c.retry(), rs.retry()), vs.retry()).orElse(defaultRetry(checker));
        Duration dbr = first(first(c.delayBeforeRetry(), rs.delayBeforeRetry()), vs.delayBeforeRetry())
                .orElse(defaultDelayBeforeRetry(checker, delayLoop));
        Duration warmup = first(first(c.warmup(), rs.warmup()), vs.warmup()).orElse(delayLoop);
        Duration timeout = checker instanceof Checker.MiscCheck m ? m.miscTimeout().orElse(delayLoop) : connect;
        boolean alpha = c.alpha() || rs.alpha().orElse(vs.alpha());
        return new Timing(delayLoop.toNanos(), connect.toNanos(), retry, dbr.toNanos(), warmup.toNanos(),
                timeout.toNanos(), alpha, c.logAllFailures());
    }

    /** retry: 1 in general, 3 for DNS_CHECK, 0 for MISC_CHECK. */
    static int defaultRetry(Checker c) {
        return switch (c) {
            case Checker.DnsCheck d -> 3;
            case Checker.MiscCheck m -> 0;
            default -> 1;
        };
    }

    /** delay_before_retry: 3 s for HTTP_GET/SSL_GET, delay_loop for DNS_CHECK, 1 s otherwise. */
    static Duration defaultDelayBeforeRetry(Checker c, Duration delayLoop) {
        return switch (c) {
            case Checker.HttpGet h -> Duration.ofSeconds(3);
            case Checker.DnsCheck d -> delayLoop;
            default -> Duration.ofSeconds(1);
        };
    }

    /** {@code a} if present, else {@code b} (no lambda: this runs for every checker of every reload). */
    private static <T> Optional<T> first(Optional<T> a, Optional<T> b) {
        return a.isPresent() ? a : b;
    }

    // written out for the daemon's C1 JIT (see DedupKey, whose equals compares timings)
    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof Timing t && delayLoop == t.delayLoop && connectTimeout == t.connectTimeout
                && retry == t.retry && delayBeforeRetry == t.delayBeforeRetry && warmup == t.warmup
                && probeTimeout == t.probeTimeout && alpha == t.alpha && logAllFailures == t.logAllFailures;
    }

    @Override
    public int hashCode() {
        return ((Long.hashCode(delayLoop) * 31 + Long.hashCode(connectTimeout)) * 31 + retry) * 31
                + Long.hashCode(delayBeforeRetry);
    }

    /** How long without a report before the checker counts as stalled (see docs/checkers.md). */
    public long stallAfter() {
        return 2 * Math.max(delayLoop, delayBeforeRetry) + probeTimeout;
    }
}
