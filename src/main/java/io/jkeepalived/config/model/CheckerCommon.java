package io.jkeepalived.config.model;

import java.time.Duration;
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
        boolean logAllFailures) {}
