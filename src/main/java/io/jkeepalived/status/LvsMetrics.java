package io.jkeepalived.status;

import java.util.function.ToDoubleFunction;

/**
 * The checker half on {@code /metrics}: per real server (labels {@code virtual_server},
 * {@code real_server}) whether it is up, its weight and whether the desired table has it; per
 * checker of a real server (plus label {@code checker}) probe and failure counts, latency as a
 * summary (sum and count) and whether it is stalled; per virtual server its quorum; and the
 * checker's totals. A checker shared by several real servers shows its counts under each.
 */
final class LvsMetrics {
    private LvsMetrics() {
    }

    private record Rs(LvsStatus.VirtualServer vs, LvsStatus.RealServer rs) {
        String labels() {
            return "virtual_server=\"" + PrometheusText.esc(vs.name()) + "\",real_server=\""
                    + PrometheusText.esc(rs.address() + ":" + rs.port()) + "\"";
        }
    }

    static void render(LvsStatus l, StringBuilder b, PrometheusText.Spill spill) {
        PrometheusText.family(b, "jkeepalived_lvs_virtual_server_quorum_up", "gauge",
                "1 while the virtual server has quorum (0: lost; its sorry server serves if it has one).");
        for (LvsStatus.VirtualServer v : l.virtualServers()) {
            b.append("jkeepalived_lvs_virtual_server_quorum_up{virtual_server=\"").append(PrometheusText.esc(v.name()))
                    .append("\"} ").append(v.quorumUp() ? 1 : 0).append('\n');
        }
        rs(b, spill, l, "jkeepalived_lvs_real_server_up", "gauge", "1 while every checker of the real server is up.",
                r -> r.rs().alive() ? 1 : 0);
        rs(b, spill, l, "jkeepalived_lvs_real_server_weight", "gauge", "Effective weight of the real server.",
                r -> r.rs().weight());
        rs(b, spill, l, "jkeepalived_lvs_real_server_in_table", "gauge",
                "1 while the desired load-balancer table has the real server (weight 0 with inhibit_on_failure).",
                r -> r.rs().inTable() ? 1 : 0);
        checker(b, spill, l, "jkeepalived_lvs_checks_total", "counter", "Probes reported.", c -> c.probes());
        checker(b, spill, l, "jkeepalived_lvs_check_failures_total", "counter", "Probes that failed.", c -> c.failures());
        PrometheusText.family(b, "jkeepalived_lvs_check_latency_seconds", "summary",
                "Probe duration (connect, request and reply), summed over every probe reported.");
        each(l, spill, b, (r, c) -> {
            String labels = r.labels() + ",checker=\"" + PrometheusText.esc(c.name()) + "\"";
            b.append("jkeepalived_lvs_check_latency_seconds_sum{").append(labels).append("} ").append(c.latencySum())
                    .append('\n');
            b.append("jkeepalived_lvs_check_latency_seconds_count{").append(labels).append("} ").append(c.latencyCount())
                    .append('\n');
        });
        checker(b, spill, l, "jkeepalived_lvs_checker_stalled", "gauge",
                "1 while the checker has not reported for 2 x delay_loop (+ timeout).", c -> c.stalled() ? 1 : 0);
        LvsStatus.Totals t = l.totals();
        total(b, "jkeepalived_checker_stalled", "gauge",
                "1 while any checker is stalled or the checker thread is stuck: systemd watchdog pings stop.",
                l.stalled() ? 1 : 0);
        total(b, "jkeepalived_checker_stalls_total", "counter", "Times a checker became stalled.", t.stalls());
        total(b, "jkeepalived_checker_stale_reports_total", "counter",
                "Probe reports that arrived after their checker was cancelled or replaced.", t.staleReports());
        total(b, "jkeepalived_lvs_table_operations_total", "counter",
                "Operations applied to the desired load-balancer table.", t.tableOps());
        total(b, "jkeepalived_lvs_table_operation_failures_total", "counter",
                "Load-balancer operations refused.", t.tableOpFailures());
        LvsStatus.Kernel k = l.kernel();
        PrometheusText.family(b, "jkeepalived_lvs_kernel_up", "gauge",
                "1 while a kernel backend is programmed and readable (label backend: ipvs, nftables or none).");
        b.append("jkeepalived_lvs_kernel_up{backend=\"").append(PrometheusText.esc(k.backend())).append("\"} ")
                .append(k.problem().isEmpty() ? 1 : 0).append('\n');
        total(b, "jkeepalived_lvs_kernel_operations_total", "counter",
                "Operations sent to the kernel's load-balancer table.", k.operations());
        total(b, "jkeepalived_lvs_kernel_operation_failures_total", "counter",
                "Operations the kernel refused (retried with backoff).", k.failures());
        total(b, "jkeepalived_lvs_kernel_repairs_total", "counter",
                "Operations that put back what was changed in the kernel outside the daemon.", k.repairs());
        total(b, "jkeepalived_lvs_kernel_foreign_services", "gauge",
                "Configured services the kernel holds for someone else (left alone).", k.foreign().size());
        total(b, "jkeepalived_lvs_kernel_failing_services", "gauge",
                "Services whose last kernel request was refused.", k.failing().size());
    }

    private static void rs(StringBuilder b, PrometheusText.Spill spill, LvsStatus l, String name, String type,
                           String help, ToDoubleFunction<Rs> f) {
        PrometheusText.family(b, name, type, help);
        for (LvsStatus.VirtualServer v : l.virtualServers()) {
            for (LvsStatus.RealServer r : v.realServers()) {
                Rs x = new Rs(v, r);
                b.append(name).append('{').append(x.labels()).append("} ").append(fmt(f.applyAsDouble(x))).append('\n');
            }
            spill.spill(b);
        }
    }

    private static void checker(StringBuilder b, PrometheusText.Spill spill, LvsStatus l, String name, String type,
                                String help, ToDoubleFunction<LvsStatus.Checker> f) {
        PrometheusText.family(b, name, type, help);
        each(l, spill, b, (r, c) -> b.append(name).append('{').append(r.labels()).append(",checker=\"")
                .append(PrometheusText.esc(c.name())).append("\"} ").append(fmt(f.applyAsDouble(c))).append('\n'));
    }

    private static void each(LvsStatus l, PrometheusText.Spill spill, StringBuilder b,
                             java.util.function.BiConsumer<Rs, LvsStatus.Checker> f) {
        for (LvsStatus.VirtualServer v : l.virtualServers()) {
            for (LvsStatus.RealServer r : v.realServers()) {
                r.checkers().forEach(c -> f.accept(new Rs(v, r), c));
            }
            spill.spill(b);
        }
    }

    private static void total(StringBuilder b, String name, String type, String help, long value) {
        PrometheusText.family(b, name, type, help);
        b.append(name).append(' ').append(value).append('\n');
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
