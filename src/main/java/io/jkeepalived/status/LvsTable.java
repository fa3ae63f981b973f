package io.jkeepalived.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The checker half in {@code jkeepalived status}: per virtual server its quorum, then one line per
 * real server (state, weight, whether the table has it, since when, and each checker's last
 * result with its reason), then the desired table, what the kernel holds when it differs, and
 * the checker's totals. From the JSON
 * document, like the rest of the table.
 */
final class LvsTable {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private LvsTable() {
    }

    static void render(JsonNode doc, ZoneId zone, StringBuilder out) {
        JsonNode checker = doc.path("checker");
        if (checker.isMissingNode() || checker.isNull()) {
            return;
        }
        for (JsonNode v : doc.path("virtual_servers")) {
            out.append("\nvirtual server ").append(v.path("name").asText()).append(": quorum ")
                    .append(v.path("quorum_up").asBoolean() ? "UP" : "DOWN").append(" (alive weight ")
                    .append(v.path("alive_weight").asLong()).append(", quorum ").append(v.path("quorum").asInt())
                    .append('±').append(v.path("hysteresis").asInt()).append(')');
            if (v.path("sorry_server_active").asBoolean()) {
                out.append(", sorry server serving");
            }
            out.append('\n');
            for (JsonNode r : v.path("real_servers")) {
                out.append("  ").append(r.path("address").asText()).append(':').append(r.path("port").asInt())
                        .append("  ").append(r.path("alive").asBoolean() ? "UP" : "DOWN")
                        .append("  weight ").append(r.path("weight").asLong())
                        .append(r.path("in_table").asBoolean() ? "  in table" : "  not in table")
                        .append("  since ").append(when(r.path("last_change"), zone))
                        .append(r.path("stalled").asBoolean() ? "  STALLED" : "").append('\n');
                for (JsonNode c : r.path("checkers")) {
                    out.append("    ").append(c.path("name").asText()).append(' ')
                            .append(c.path("up").asBoolean() ? "up" : "down").append(", last ")
                            .append(c.path("last_result").asText());
                    if (!c.path("reason").isNull()) {
                        out.append(' ').append(c.path("reason").asText());
                        if (!c.path("detail").asText().isEmpty()) {
                            out.append(": ").append(c.path("detail").asText());
                        }
                    }
                    out.append(", probes ").append(c.path("probes").asLong()).append(", failures ")
                            .append(c.path("failures").asLong());
                    if (c.path("suspended").asBoolean()) {
                        out.append(", suspended (ha_suspend)");
                    }
                    if (c.path("stalled").asBoolean()) {
                        out.append(", STALLED");
                    }
                    out.append('\n');
                }
            }
        }
        JsonNode kernel = doc.path("lvs_kernel");
        String backend = kernel.path("backend").asText("none");
        out.append("\nlvs table (desired");
        if (!kernel.path("problem").isNull() && !kernel.path("problem").isMissingNode()) {
            out.append("; kernel: ").append(backend).append(", ").append(kernel.path("problem").asText());
        } else {
            out.append(", programmed into ").append(backend);
        }
        out.append("):\n");
        services(doc.path("lvs_table"), out);
        if (!canonical(kernel.path("table")).equals(canonical(doc.path("lvs_table"))) && !"none".equals(backend)) {
            out.append("kernel table (").append(backend).append(", read back):\n");
            services(kernel.path("table"), out);
        }
        for (JsonNode f : kernel.path("foreign")) {
            out.append("  ").append(f.asText()).append(" is held by someone else in the kernel: left alone\n");
        }
        for (JsonNode f : kernel.path("failing")) {
            out.append("  ").append(f.path("service").asText()).append(" refused by the kernel: ")
                    .append(f.path("reason").asText()).append(" (").append(f.path("attempts").asInt())
                    .append(" attempts, retrying)\n");
        }
        out.append("health checker: ").append(checker.path("checkers").asInt()).append(" checkers, probes ")
                .append(checker.path("probes").asLong()).append(", failed ").append(checker.path("failed_probes").asLong())
                .append(", stalled now ").append(checker.path("stalled_checkers").asInt())
                .append(checker.path("stalled").asBoolean() ? " (systemd watchdog stopped)" : "").append('\n');
    }

    /** The table as sorted lines: the kernel lists services and destinations in its own order. */
    private static java.util.List<String> canonical(JsonNode table) {
        java.util.List<String> lines = new java.util.ArrayList<>();
        for (JsonNode t : table) {
            String head = t.path("service").asText() + " " + t.path("scheduler").asText() + " "
                    + t.path("persistence_timeout").asText();
            lines.add(head);
            for (JsonNode d : t.path("destinations")) {
                lines.add(head + " -> " + d.path("address").asText() + ":" + d.path("port").asInt() + " "
                        + d.path("method").asText() + " " + d.path("weight").asLong());
            }
        }
        java.util.Collections.sort(lines);
        return lines;
    }

    private static void services(JsonNode table, StringBuilder out) {
        for (JsonNode t : table) {
            out.append("  ").append(t.path("service").asText()).append(' ').append(t.path("scheduler").asText());
            if (!t.path("persistence_timeout").isNull()) {
                out.append(" persistent ").append(t.path("persistence_timeout").asLong());
            }
            out.append('\n');
            for (JsonNode d : t.path("destinations")) {
                out.append("    -> ").append(d.path("address").asText()).append(':').append(d.path("port").asInt())
                        .append(' ').append(d.path("method").asText()).append(" weight ")
                        .append(d.path("weight").asLong()).append('\n');
            }
        }
    }

    private static String when(JsonNode at, ZoneId zone) {
        return WHEN.format(Instant.parse(at.asText()).atZone(zone));
    }
}
