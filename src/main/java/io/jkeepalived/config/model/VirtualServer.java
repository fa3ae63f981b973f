package io.jkeepalived.config.model;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code virtual_server IP [PORT] { }}, {@code virtual_server fwmark N { }} or
 * {@code virtual_server group NAME { }}: exactly one of ip, fwmark and group is present.
 *
 * @param tunnel         the options of {@code lvs_method TUN ...}, when given
 * @param ops            {@code ops}: one-packet scheduling
 * @param schedulerFlags {@code flag-1|2|3}, {@code sh-fallback}, {@code sh-port}, {@code mh-fallback},
 *                       {@code mh-port} as written (each at most once)
 * @param persistenceEngine {@code persistence_engine NAME}
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
        Optional<LvsTunnel> tunnel,
        boolean ops,
        List<String> schedulerFlags,
        Optional<String> persistenceEngine,
        List<RealServer> realServers) {
    public VirtualServer {
        schedulerFlags = List.copyOf(schedulerFlags);
        realServers = List.copyOf(realServers);
    }
}
