package io.jkeepalived.status;

import java.util.List;
import java.util.Optional;

/**
 * The checker half at one moment: every virtual server with its real servers and their checkers,
 * the load-balancer table the checker wants (not yet programmed into the kernel), and the
 * checker's own health. Published by the checker thread; the VRRP loop only reads the last copy,
 * so a slow checker never delays {@code status}.
 *
 * @param stalled    a checker has not reported for its stall bound, or the checker thread itself
 *                   has not turned over: the systemd watchdog pings stop while this holds
 * @param table      the desired table, as the checker wants it
 * @param kernel     what the kernel holds and what it refused
 */
public record LvsStatus(boolean stalled, Totals totals, List<VirtualServer> virtualServers, List<TableService> table,
                        Kernel kernel) {
    public LvsStatus {
        virtualServers = List.copyOf(virtualServers);
        table = List.copyOf(table);
    }

    /**
     * The kernel's side of the table.
     *
     * @param backend    {@code ipvs}, {@code nftables}, or {@code none} (nothing is programmed)
     * @param problem    why the kernel could not be read or programmed at all; empty when fine
     * @param table      the kernel's table at the last reconcile, our services and foreign ones
     * @param foreign    desired services the kernel holds for someone else, left alone
     * @param failing    services whose last request the kernel refused, retried with backoff
     * @param repairs    operations that put back what was changed outside the daemon
     */
    public record Kernel(String backend, Optional<String> problem, List<TableService> table, List<String> foreign,
                         List<Refusal> failing, long operations, long failures, long repairs) {
        public Kernel {
            table = List.copyOf(table);
            foreign = List.copyOf(foreign);
            failing = List.copyOf(failing);
        }

        public static Kernel none(String why) {
            return new Kernel("none", Optional.of(why), List.of(), List.of(), List.of(), 0, 0, 0);
        }
    }

    /** A service the kernel keeps refusing: the last reason (an errno name) and how often. */
    public record Refusal(String service, String reason, int attempts) {}

    /**
     * @param checkers     distinct checkers (one shared by several real servers counts once)
     * @param stalledNow   checkers stalled now
     * @param stalls       times any checker became stalled since start
     * @param tableOps     load-balancer operations applied since start
     * @param tableOpFailures operations the load balancer refused (0 unless a diff was wrong)
     */
    public record Totals(int checkers, long probes, long failedProbes, long staleReports, int stalledNow, long stalls,
                         long tableOps, long tableOpFailures) {}

    /** One virtual server; {@code quorumUp} false with a sorry server means the sorry server is serving. */
    public record VirtualServer(String name, boolean quorumUp, boolean sorryActive, long aliveWeight, int quorum,
                                int hysteresis, long lastChangeEpochMillis, List<RealServer> realServers) {
        public VirtualServer {
            realServers = List.copyOf(realServers);
        }
    }

    /**
     * @param port   the port probes and the table use (the service's when the real server has none)
     * @param inTable whether the desired table has it (with {@code inhibit_on_failure}, at weight 0)
     */
    public record RealServer(String address, int port, long weight, boolean alive, boolean inTable,
                             long lastChangeEpochMillis, List<Checker> checkers) {
        public RealServer {
            checkers = List.copyOf(checkers);
        }

        public boolean stalled() {
            return checkers.stream().anyMatch(Checker::stalled);
        }
    }

    /**
     * One checker of a real server.
     *
     * @param lastResult   {@code UP}, {@code DOWN}, or {@code NONE} before its first probe
     * @param reason       the failure reason of a {@code DOWN} result ({@code REFUSED}, {@code TIMEOUT}, ...)
     * @param latencySum   seconds summed over every probe reported, with {@code latencyCount}
     * @param shared       how many real servers (across virtual servers) this one checker serves
     */
    public record Checker(String name, boolean up, boolean stalled, boolean suspended, String lastResult,
                          Optional<String> reason, String detail, Optional<Double> lastLatencySeconds,
                          long lastChangeEpochMillis, long probes, long failures, double latencySum,
                          long latencyCount, int shared) {}

    /** A service of the desired table. */
    public record TableService(String service, String scheduler, Optional<Long> persistenceSeconds,
                               List<Destination> destinations) {
        public TableService {
            destinations = List.copyOf(destinations);
        }
    }

    public record Destination(String address, int port, long weight, String method) {}
}
