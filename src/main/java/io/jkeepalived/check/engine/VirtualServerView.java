package io.jkeepalived.check.engine;

import io.jkeepalived.check.probe.ProbeResult;
import java.util.List;
import java.util.Optional;

/**
 * What {@code status} shows of a virtual server: quorum, sorry-server mode, and each real server
 * with its checkers. Times are the engine's nanos; the daemon converts them.
 */
public record VirtualServerView(String name, boolean quorumUp, boolean sorryActive, long aliveWeight, int quorum,
                                int hysteresis, long lastChangeAtNanos, List<RealServer> realServers) {

    public record RealServer(String address, long weight, boolean alive, boolean inTable, long lastChangeAtNanos,
                             List<Checker> checkers) {}

    /**
     * @param shared the number of real servers (across virtual servers) this one checker serves
     */
    public record Checker(String name, boolean up, boolean stalled, boolean suspended,
                          Optional<ProbeResult> lastResult, long lastChangeAtNanos, long probes, long failures,
                          int shared) {}
}
