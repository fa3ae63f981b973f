package io.jkeepalived.status;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * The checker half in {@code status --json}: {@code virtual_servers[]} with their
 * {@code real_servers[]} and checkers, {@code lvs_table[]} (the desired table), {@code lvs_kernel}
 * (the backend, what the kernel holds, foreign and refused services) and {@code checker} (its
 * totals and whether it is stalled). When the checker does not run the arrays are empty and the
 * two objects {@code null}, so consumers see one shape. Streamed (see {@link StatusJson}).
 */
final class LvsJson {
    private LvsJson() {
    }

    static void write(Optional<LvsStatus> lvs, JsonGenerator g) throws IOException {
        if (lvs.isEmpty()) {
            g.writeArrayFieldStart("virtual_servers");
            g.writeEndArray();
            g.writeArrayFieldStart("lvs_table");
            g.writeEndArray();
            g.writeNullField("lvs_kernel");
            g.writeNullField("checker");
            return;
        }
        LvsStatus l = lvs.get();
        g.writeArrayFieldStart("virtual_servers");
        for (LvsStatus.VirtualServer v : l.virtualServers()) {
            g.writeStartObject();
            g.writeStringField("name", v.name());
            g.writeBooleanField("quorum_up", v.quorumUp());
            g.writeBooleanField("sorry_server_active", v.sorryActive());
            g.writeNumberField("alive_weight", v.aliveWeight());
            g.writeNumberField("quorum", v.quorum());
            g.writeNumberField("hysteresis", v.hysteresis());
            g.writeStringField("last_change", at(v.lastChangeEpochMillis()));
            g.writeArrayFieldStart("real_servers");
            for (LvsStatus.RealServer r : v.realServers()) {
                g.writeStartObject();
                g.writeStringField("address", r.address());
                g.writeNumberField("port", r.port());
                g.writeNumberField("weight", r.weight());
                g.writeBooleanField("alive", r.alive());
                g.writeBooleanField("in_table", r.inTable());
                g.writeBooleanField("stalled", r.stalled());
                g.writeStringField("last_change", at(r.lastChangeEpochMillis()));
                g.writeArrayFieldStart("checkers");
                for (LvsStatus.Checker c : r.checkers()) checker(c, g);
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("lvs_table");
        for (LvsStatus.TableService t : l.table()) service(t, g);
        g.writeEndArray();
        kernel(l.kernel(), g);
        g.writeObjectFieldStart("checker");
        LvsStatus.Totals t = l.totals();
        g.writeBooleanField("stalled", l.stalled());
        g.writeNumberField("checkers", t.checkers());
        g.writeNumberField("stalled_checkers", t.stalledNow());
        g.writeNumberField("stalls", t.stalls());
        g.writeNumberField("probes", t.probes());
        g.writeNumberField("failed_probes", t.failedProbes());
        g.writeNumberField("stale_reports", t.staleReports());
        g.writeNumberField("table_operations", t.tableOps());
        g.writeNumberField("table_operation_failures", t.tableOpFailures());
        g.writeEndObject();
    }

    private static void kernel(LvsStatus.Kernel k, JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("lvs_kernel");
        g.writeStringField("backend", k.backend());
        StatusJson.nullable(g, "problem", k.problem());
        g.writeArrayFieldStart("table");
        for (LvsStatus.TableService t : k.table()) service(t, g);
        g.writeEndArray();
        g.writeArrayFieldStart("foreign");
        for (String f : k.foreign()) g.writeString(f);
        g.writeEndArray();
        g.writeArrayFieldStart("failing");
        for (LvsStatus.Refusal r : k.failing()) {
            g.writeStartObject();
            g.writeStringField("service", r.service());
            g.writeStringField("reason", r.reason());
            g.writeNumberField("attempts", r.attempts());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeNumberField("operations", k.operations());
        g.writeNumberField("failures", k.failures());
        g.writeNumberField("repairs", k.repairs());
        g.writeEndObject();
    }

    private static void service(LvsStatus.TableService t, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("service", t.service());
        g.writeStringField("scheduler", t.scheduler());
        if (t.persistenceSeconds().isPresent()) g.writeNumberField("persistence_timeout", t.persistenceSeconds().get());
        else g.writeNullField("persistence_timeout");
        g.writeArrayFieldStart("destinations");
        for (LvsStatus.Destination d : t.destinations()) {
            g.writeStartObject();
            g.writeStringField("address", d.address());
            g.writeNumberField("port", d.port());
            g.writeNumberField("weight", d.weight());
            g.writeStringField("method", d.method());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void checker(LvsStatus.Checker c, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", c.name());
        g.writeBooleanField("up", c.up());
        g.writeBooleanField("stalled", c.stalled());
        g.writeBooleanField("suspended", c.suspended());
        g.writeStringField("last_result", c.lastResult());
        StatusJson.nullable(g, "reason", c.reason());
        g.writeStringField("detail", c.detail());
        if (c.lastLatencySeconds().isPresent()) {
            g.writeNumberField("latency_ms", Math.round(c.lastLatencySeconds().get() * 1e6) / 1e3);
        } else {
            g.writeNullField("latency_ms");
        }
        g.writeStringField("last_change", at(c.lastChangeEpochMillis()));
        g.writeNumberField("probes", c.probes());
        g.writeNumberField("failures", c.failures());
        g.writeNumberField("shared_by", c.shared());
        g.writeEndObject();
    }

    private static String at(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }
}
