package io.jkeepalived.status;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Optional;

/**
 * The checker half in {@code status --json}: {@code virtual_servers[]} with their
 * {@code real_servers[]} and checkers, {@code lvs_table[]} (the desired table) and {@code checker}
 * (its totals and whether it is stalled; {@code null} when the checker does not run). The two
 * arrays are empty then, so consumers see one shape.
 */
final class LvsJson {
    private LvsJson() {
    }

    static void render(Optional<LvsStatus> lvs, ObjectNode root) {
        ArrayNode servers = root.putArray("virtual_servers");
        ArrayNode table = root.putArray("lvs_table");
        if (lvs.isEmpty()) {
            root.putNull("checker");
            return;
        }
        LvsStatus l = lvs.get();
        for (LvsStatus.VirtualServer v : l.virtualServers()) {
            ObjectNode o = servers.addObject();
            o.put("name", v.name());
            o.put("quorum_up", v.quorumUp());
            o.put("sorry_server_active", v.sorryActive());
            o.put("alive_weight", v.aliveWeight());
            o.put("quorum", v.quorum());
            o.put("hysteresis", v.hysteresis());
            o.put("last_change", at(v.lastChangeEpochMillis()));
            ArrayNode reals = o.putArray("real_servers");
            for (LvsStatus.RealServer r : v.realServers()) {
                ObjectNode n = reals.addObject();
                n.put("address", r.address());
                n.put("port", r.port());
                n.put("weight", r.weight());
                n.put("alive", r.alive());
                n.put("in_table", r.inTable());
                n.put("stalled", r.stalled());
                n.put("last_change", at(r.lastChangeEpochMillis()));
                ArrayNode checkers = n.putArray("checkers");
                r.checkers().forEach(c -> checker(c, checkers.addObject()));
            }
        }
        for (LvsStatus.TableService t : l.table()) {
            ObjectNode o = table.addObject();
            o.put("service", t.service());
            o.put("scheduler", t.scheduler());
            t.persistenceSeconds().ifPresentOrElse(p -> o.put("persistence_timeout", p),
                    () -> o.putNull("persistence_timeout"));
            ArrayNode dests = o.putArray("destinations");
            for (LvsStatus.Destination d : t.destinations()) {
                ObjectNode n = dests.addObject();
                n.put("address", d.address());
                n.put("port", d.port());
                n.put("weight", d.weight());
                n.put("method", d.method());
            }
        }
        ObjectNode c = root.putObject("checker");
        LvsStatus.Totals t = l.totals();
        c.put("stalled", l.stalled());
        c.put("checkers", t.checkers());
        c.put("stalled_checkers", t.stalledNow());
        c.put("stalls", t.stalls());
        c.put("probes", t.probes());
        c.put("failed_probes", t.failedProbes());
        c.put("stale_reports", t.staleReports());
        c.put("table_operations", t.tableOps());
        c.put("table_operation_failures", t.tableOpFailures());
        c.put("kernel_table", "not programmed (recording only)");
    }

    private static void checker(LvsStatus.Checker c, ObjectNode n) {
        n.put("name", c.name());
        n.put("up", c.up());
        n.put("stalled", c.stalled());
        n.put("suspended", c.suspended());
        n.put("last_result", c.lastResult());
        c.reason().ifPresentOrElse(r -> n.put("reason", r), () -> n.putNull("reason"));
        n.put("detail", c.detail());
        c.lastLatencySeconds().ifPresentOrElse(x -> n.put("latency_ms", Math.round(x * 1e6) / 1e3),
                () -> n.putNull("latency_ms"));
        n.put("last_change", at(c.lastChangeEpochMillis()));
        n.put("probes", c.probes());
        n.put("failures", c.failures());
        n.put("shared_by", c.shared());
    }

    private static String at(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }
}
