package io.jkeepalived.config.model;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Options shared by the connection-based checkers, as written. Absent timing values inherit from
 * the real server, then the virtual server, then the checker type's default: the check plan
 * ({@code io.jkeepalived.check.plan.Timing}) resolves them, because the binder sees a checker
 * before the enclosing blocks' later lines.
 */
public record CheckerCommon(
        Optional<String> connectIp,
        Optional<Integer> connectPort,
        Optional<String> bindto,
        Optional<Integer> bindPort,
        Optional<String> bindIf,
        Optional<Long> fwmark,
        Optional<Duration> connectTimeout,
        Optional<Integer> retry,
        Optional<Duration> delayBeforeRetry,
        Optional<Duration> warmup,
        Optional<Duration> delayLoop,
        boolean alpha,
        boolean logAllFailures) {

    /**
     * Every component, as the record's own equals compares them, written out because that one goes
     * through method handles the daemon's C1-only JIT does not inline; a reload compares every
     * checker with its running twin (DedupKey). WrittenOutEqualsTest checks that each component counts.
     */
    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof CheckerCommon c && alpha == c.alpha && logAllFailures == c.logAllFailures
                && Objects.equals(connectIp, c.connectIp) && Objects.equals(connectPort, c.connectPort)
                && Objects.equals(bindto, c.bindto) && Objects.equals(bindPort, c.bindPort)
                && Objects.equals(bindIf, c.bindIf) && Objects.equals(fwmark, c.fwmark)
                && Objects.equals(connectTimeout, c.connectTimeout) && Objects.equals(retry, c.retry)
                && Objects.equals(delayBeforeRetry, c.delayBeforeRetry) && Objects.equals(warmup, c.warmup)
                && Objects.equals(delayLoop, c.delayLoop);
    }

    @Override
    public int hashCode() {
        return Objects.hash(connectIp, connectPort, bindto, bindPort, bindIf, fwmark, connectTimeout, retry,
                delayBeforeRetry, warmup, delayLoop, alpha, logAllFailures);
    }
}
