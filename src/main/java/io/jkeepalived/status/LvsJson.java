package io.jkeepalived.status;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Optional;

/**
 * The checker half in {@code status --json}: {@code virtual_servers[]} with their
 * {@code real_servers[]} and checkers, {@code lvs_table[]} (the desired table), {@code lvs_kernel}
 * (the backend, what the kernel holds, foreign and refused services) and {@code checker} (its
 * totals and whether it is stalled). When the checker does not run the arrays are empty and the
 * two objects {@code null}, so consumers see one shape.
 */
final class LvsJson {
    private LvsJson() {
    }

    static void render(Optional<LvsStatus> lvs, ObjectNode root) {
        ArrayNode servers = root.putArray("virtual_servers");
        ArrayNode table = root.putArray("lvs_table");
        if (lvs.isEmpty()) {
            root.putNull("lvs_kernel");
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
        l.table().forEach(t -> service(t, table.addObject()));
        kernel(l.kernel(), root.putObject("lvs_kernel"));
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
    }

    private static void kernel(LvsStatus.Kernel k, ObjectNode o) {
        o.put("backend", k.backend());
        k.problem().ifPresentOrElse(p -> o.put("problem", p), () -> o.putNull("problem"));
        ArrayNode table = o.putArray("table");
        k.table().forEach(t -> service(t, table.addObject()));
        ArrayNode foreign = o.putArray("foreign");
        k.foreign().forEach(foreign::add);
        ArrayNode failing = o.putArray("failing");
        for (LvsStatus.Refusal r : k.failing()) {
            ObjectNode n = failing.addObject();
            n.put("service", r.service());
            n.put("reason", r.reason());
            n.put("attempts", r.attempts());
        }
        o.put("operations", k.operations());
        o.put("failures", k.failures());
        o.put("repairs", k.repairs());
    }

    private static void service(LvsStatus.TableService t, ObjectNode o) {
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
