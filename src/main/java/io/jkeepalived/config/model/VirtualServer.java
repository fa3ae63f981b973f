package io.jkeepalived.config.model;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code virtual_server IP [PORT] { }}, {@code virtual_server fwmark N { }} or
 * {@code virtual_server group NAME { }}: exactly one of ip, fwmark and group is present.
 */
public record VirtualServer(
        Optional<InetAddress> ip,
        Optional<Integer> port,
        Optional<Long> fwmark,
        Optional<String> group,
        String protocol,
        String lbAlgo,
        String lbKind,
        Optional<Duration> persistenceTimeout,
        Optional<String> persistenceGranularity,
        Duration delayLoop,
        Duration connectTimeout,
        Optional<Integer> retry,
        Optional<Duration> delayBeforeRetry,
        Optional<Duration> warmup,
        boolean inhibitOnFailure,
        boolean alpha,
        boolean omega,
        int quorum,
        int hysteresis,
        Optional<Script> quorumUp,
        Optional<Script> quorumDown,
        Optional<SorryServer> sorryServer,
        boolean sorryServerInhibit,
        boolean haSuspend,
        Optional<String> virtualhost,
        Optional<String> ipFamily,
        Optional<Boolean> smtpAlert,
        Optional<String> sorryServerLvsMethod,
        List<RealServer> realServers) {
    public VirtualServer {
        realServers = List.copyOf(realServers);
    }
}
