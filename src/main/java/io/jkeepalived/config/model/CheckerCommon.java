package io.jkeepalived.config.model;

import java.time.Duration;
import java.util.Optional;

/**
 * Options shared by the connection-based checkers. Absent values inherit from the real server and
 * then the virtual server when the checker runs.
 */
public record CheckerCommon(
        Optional<String> connectIp,
        Optional<Integer> connectPort,
        Optional<String> bindto,
        Optional<Integer> bindPort,
        Optional<String> bindIf,
        Optional<Long> fwmark,
        Duration connectTimeout,
        int retry,
        Duration delayBeforeRetry,
        Optional<Duration> warmup,
        Optional<Duration> delayLoop,
        boolean alpha,
        boolean logAllFailures) {}
