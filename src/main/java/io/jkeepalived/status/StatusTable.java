package io.jkeepalived.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code jkeepalived status} without {@code --json}: a table of instances, then each instance's
 * trackers, last transitions and non-zero drop counters, then what each VRRP socket dropped before
 * any instance saw it, each vrrp_script's runs, and the client endpoints' connections. Rendered
 * from the JSON document the daemon serves, so the client needs no knowledge of the daemon's
 * classes.
 */
public final class StatusTable {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private StatusTable() {
    }

    public static String render(JsonNode doc, ZoneId zone) {
        StringBuilder out = new StringBuilder();
        Instant started = Instant.parse(doc.path("started").asText());
        Instant taken = Instant.parse(doc.path("taken").asText());
        out.append(doc.path("version").asText()).append(", pid ").append(doc.path("pid").asLong())
                .append(", router_id ").append(doc.path("router_id").asText())
                .append(", up ").append(human(Duration.between(started, taken))).append('\n');
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"INSTANCE", "STATE", "PRIO", "EFFECTIVE", "MASTER", "VRID", "INTERFACE", "VIPS"});
        for (JsonNode i : doc.path("instances")) {
            List<String> vips = new ArrayList<>();
            i.path("virtual_ipaddress").forEach(v -> vips.add(v.asText()));
            rows.add(new String[] {i.path("name").asText(), i.path("state").asText(), i.path("priority").asText(),
                i.path("effective_priority").asText(), i.path("master_address").isNull() ? "-"
                    : i.path("master_address").asText(), i.path("virtual_router_id").asText(),
                i.path("interface").asText(), vips.isEmpty() ? "-" : String.join(",", vips)});
        }
        table(rows, out);
        for (JsonNode i : doc.path("instances")) {
            String name = i.path("name").asText();
            out.append('\n').append(name).append(':');
            if (!i.path("sync_group").isNull()) {
                out.append(" sync group ").append(i.path("sync_group").asText()).append(';');
            }
            JsonNode c = i.path("counters");
            out.append(" adverts sent ").append(c.path("adverts_sent").asLong())
                    .append(", received ").append(c.path("adverts_received").asLong())
                    .append(", rejected ").append(c.path("rejected_total").asLong())
                    .append("; became master ").append(c.path("became_master").asLong())
                    .append(", transitions ").append(i.path("transitions").asLong()).append('\n');
            if (c.path("resources_restored").asLong() != 0) {
                out.append("  restored after removal by others: ").append(c.path("resources_restored").asLong())
                        .append('\n');
            }
            JsonNode sb = i.path("split_brain");
            if (sb.path("active").asBoolean()) {
                out.append("  SPLIT BRAIN since ").append(sb.path("since").asText()).append(": ")
                        .append(sb.path("evidence").asText()).append(", peer MAC ").append(sb.path("peer_mac").asText())
                        .append(", VIP ").append(sb.path("vip").asText()).append('\n');
            } else if (sb.path("episodes").asLong() > 0) {
                out.append("  split brain episodes: ").append(sb.path("episodes").asLong()).append(" (none now)\n");
            }
            c.path("rejected").properties().forEach(e -> {
                if (e.getValue().asLong() != 0) {
                    out.append("  rejected ").append(e.getKey()).append(": ").append(e.getValue().asLong()).append('\n');
                }
            });
            for (JsonNode t : i.path("trackers")) {
                out.append("  track ").append(t.path("kind").asText()).append(' ').append(t.path("name").asText())
                        .append(' ').append(t.path("result").asText());
                if (t.path("kind").asText().equals("file")) {
                    out.append(" value ").append(t.path("value").asLong());
                }
                out.append(" weight ").append(t.path("weight").asInt()).append(t.path("reverse").asBoolean() ? " reverse" : "");
                int adj = t.path("adjustment").asInt();
                out.append(" -> ").append(t.path("faulting").asBoolean() ? "FAULT" : (adj >= 0 ? "+" : "") + adj)
                        .append('\n');
            }
            for (JsonNode t : i.path("last_transitions")) {
                out.append("  ").append(WHEN.format(Instant.parse(t.path("at").asText()).atZone(zone))).append("  ")
                        .append(t.path("from").asText()).append(" -> ").append(t.path("to").asText())
                        .append(" (").append(t.path("reason").asText());
                if (!t.path("detail").asText().isEmpty()) {
                    out.append(": ").append(t.path("detail").asText());
                }
                out.append(")\n");
            }
        }
        interfaces(doc, out);
        LvsTable.render(doc, zone, out);
        scripts(doc, out);
        endpoints(doc, out);
        return out.toString();
    }

    /** Per VRRP socket: packets no instance got (too short, unknown VRID, ...), with the non-zero reasons. */
    private static void interfaces(JsonNode doc, StringBuilder out) {
        boolean first = true;
        for (JsonNode d : doc.path("interfaces")) {
            out.append(first ? "\n" : "");
            first = false;
            out.append("interface ").append(d.path("interface").asText()).append(' ').append(d.path("family").asText())
                    .append(": dropped before reaching an instance ").append(d.path("rejected_total").asLong())
                    .append('\n');
            d.path("rejected").properties().forEach(e -> {
                if (e.getValue().asLong() != 0) {
                    out.append("  rejected ").append(e.getKey()).append(": ").append(e.getValue().asLong()).append('\n');
                }
            });
        }
    }

    /** One line per client endpoint (control socket, /metrics). */
    private static void endpoints(JsonNode doc, StringBuilder out) {
        boolean first = true;
        for (JsonNode e : doc.path("endpoints")) {
            out.append(first ? "\n" : "");
            first = false;
            out.append(e.path("name").asText()).append(" connections: open ").append(e.path("open").asInt())
                    .append(" of ").append(e.path("limit").asInt()).append(", accepted ").append(e.path("accepted").asLong())
                    .append(", refused ").append(e.path("refused").asLong()).append(", evicted idle ")
                    .append(e.path("evicted").asLong()).append(", timed out ").append(e.path("timed_out").asLong())
                    .append('\n');
        }
    }

    /** One line per running vrrp_script, and why its last run failed when it said so. */
    private static void scripts(JsonNode doc, StringBuilder out) {
        boolean first = true;
        for (JsonNode v : doc.path("vrrp_scripts")) {
            if (!v.has("runs")) {
                continue;
            }
            out.append(first ? "\n" : "");
            first = false;
            out.append("vrrp_script ").append(v.path("name").asText()).append(' ').append(v.path("status").asText())
                    .append(": runs ").append(v.path("runs").asLong()).append(", failures ")
                    .append(v.path("failures").asLong()).append(", timeouts ").append(v.path("timeouts").asLong())
                    .append(", last exit ").append(v.path("last_exit_code").isNull() ? "-"
                            : v.path("last_exit_code").asText()).append('\n');
            if (!v.path("last_failure_output").asText().isEmpty()) {
                out.append("  last failure output: ").append(v.path("last_failure_output").asText()).append('\n');
            }
        }
    }

    private static void table(List<String[]> rows, StringBuilder out) {
        int[] width = new int[rows.getFirst().length];
        for (String[] r : rows) {
            for (int k = 0; k < r.length; k++) {
                width[k] = Math.max(width[k], r[k].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int k = 0; k < r.length; k++) {
                line.append(r[k]);
                if (k < r.length - 1) {
                    line.append(" ".repeat(width[k] - r[k].length() + 2));
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }

    static String human(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m" + s % 60 + "s";
        }
        if (s < 86400) {
            return s / 3600 + "h" + s % 3600 / 60 + "m";
        }
        return s / 86400 + "d" + s % 86400 / 3600 + "h";
    }
}
