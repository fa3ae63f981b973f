package io.jkeepalived.config.model;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code real_server IP [PORT] { }}.
 *
 * @param tunnel the options of its own {@code lvs_method TUN ...}, when given
 */
public record RealServer(
        InetAddress ip,
        Optional<Integer> port,
        long weight,
        Optional<String> lvsMethod,
        Optional<LvsTunnel> tunnel,
        boolean inhibitOnFailure,
        Optional<Script> notifyUp,
        Optional<Script> notifyDown,
        Optional<Long> uthreshold,
        Optional<Long> lthreshold,
        Optional<Boolean> alpha,
        Optional<Integer> retry,
        Optional<Duration> delayBeforeRetry,
        Optional<Duration> warmup,
        Optional<Duration> connectTimeout,
        Optional<Duration> delayLoop,
        Optional<String> virtualhost,
        Optional<Boolean> smtpAlert,
        List<Checker> checkers) {
    public RealServer {
        checkers = List.copyOf(checkers);
    }
}
