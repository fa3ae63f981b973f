package io.jkeepalived.status;

import io.jkeepalived.vrrp.wire.RejectReason;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * {@code /metrics} in the Prometheus text exposition format (version 0.0.4): the figures of
 * {@code jkeepalived status}, one family per figure, labelled by instance.
 */
public final class PrometheusText {
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final List<String> STATES = List.of("INIT", "BACKUP", "MASTER", "FAULT", "STOP");

    private PrometheusText() {
    }

    /**
     * Where the text goes while it is written: per virtual server the builder may be emptied into
     * native memory, so 10,000 real servers (about 10 MB of text) never sit in the Java heap whole.
     */
    @FunctionalInterface
    interface Spill {
        void spill(StringBuilder b);
    }

    public static String render(DaemonStatus s) {
        StringBuilder b = new StringBuilder(4096);
        write(s, b, unused -> { });
        return b.toString();
    }

    /** The text as UTF-8 in native memory (the caller closes it); the heap holds at most a 64 KB part. */
    public static NativeBytes renderNative(DaemonStatus s) {
        var out = new NativeBytes(64 * 1024);
        try {
            StringBuilder b = new StringBuilder(80 * 1024);
            write(s, b, full -> {
                if (full.length() >= 64 * 1024) drain(full, out);
            });
            drain(b, out);
            return out;
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }

    private static void drain(StringBuilder b, NativeBytes out) {
        byte[] bytes = b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.write(bytes, 0, bytes.length);
        b.setLength(0);
    }

    private static void write(DaemonStatus s, StringBuilder b, Spill spill) {
        family(b, "jkeepalived_build_info", "gauge", "Version of the running daemon.");
        b.append("jkeepalived_build_info{version=\"").append(esc(s.version())).append("\"} 1\n");
        family(b, "jkeepalived_start_time_seconds", "gauge", "When the daemon started, in Unix seconds.");
        b.append("jkeepalived_start_time_seconds ").append(s.startedEpochMillis() / 1000.0).append('\n');

        family(b, "jkeepalived_vrrp_state", "gauge",
                "Instance state as keepalived numbers it: 0 INIT/STOP, 1 BACKUP, 2 MASTER, 3 FAULT.");
        s.instances().forEach(i -> sample(b, "jkeepalived_vrrp_state", i, "", KeepalivedDumps.stateNumber(i.state())));
        family(b, "jkeepalived_vrrp_in_state", "gauge", "1 for the state the instance is in, 0 for the others.");
        for (InstanceStatus i : s.instances()) {
            for (String st : STATES) {
                sample(b, "jkeepalived_vrrp_in_state", i, ",state=\"" + st + "\"", i.state().equals(st) ? 1 : 0);
            }
        }
        gauge(b, s, "jkeepalived_vrrp_priority", "Configured (base) priority.", InstanceStatus::basePriority);
        gauge(b, s, "jkeepalived_vrrp_effective_priority", "Priority after trackers, as advertised.",
                InstanceStatus::effectivePriority);
        gauge(b, s, "jkeepalived_vrrp_master_priority", "Priority the current master advertises (0: none seen).",
                InstanceStatus::masterPriority);
        counter(b, s, "jkeepalived_vrrp_transitions_total", "State transitions since start.",
                InstanceStatus::transitions);
        counter(b, s, "jkeepalived_vrrp_adverts_sent_total", "Adverts sent.", i -> i.counters().advertsSent());
        counter(b, s, "jkeepalived_vrrp_adverts_received_total", "Adverts received for this instance.",
                i -> i.counters().advertsReceived());
        counter(b, s, "jkeepalived_vrrp_priority_zero_sent_total", "Priority-0 (resign) adverts sent.",
                i -> i.counters().priorityZeroSent());
        counter(b, s, "jkeepalived_vrrp_priority_zero_received_total", "Priority-0 adverts received.",
                i -> i.counters().priorityZeroReceived());
        counter(b, s, "jkeepalived_vrrp_became_master_total", "Times the instance became MASTER.",
                i -> i.counters().becameMaster());
        counter(b, s, "jkeepalived_vrrp_released_master_total", "Times the instance left MASTER.",
                i -> i.counters().releasedMaster());
        counter(b, s, "jkeepalived_vrrp_send_errors_total", "Adverts that could not be sent.",
                i -> i.counters().sendErrors());
        counter(b, s, "jkeepalived_vrrp_gratuitous_sent_total", "Gratuitous ARPs / unsolicited NAs sent.",
                i -> i.counters().gratuitousSent());
        counter(b, s, "jkeepalived_vrrp_resources_restored_total",
                "VIPs, routes and rules put back by a MASTER after someone else removed them.",
                i -> i.counters().resourcesRestored());
        family(b, "jkeepalived_vrrp_adverts_rejected_total", "counter", "Received adverts dropped, by reason.");
        for (InstanceStatus i : s.instances()) {
            for (RejectReason r : RejectReason.values()) {
                sample(b, "jkeepalived_vrrp_adverts_rejected_total", i, ",reason=\"" + r.name() + "\"",
                        i.counters().rejected(r));
            }
        }
        family(b, "jkeepalived_vrrp_split_brain", "gauge",
                "1 while a split-brain episode is open (another node holds our VIPs), else 0; only watched instances.");
        for (InstanceStatus i : s.instances()) {
            if (i.splitBrain().watching()) {
                sample(b, "jkeepalived_vrrp_split_brain", i, "", i.splitBrain().active() ? 1 : 0);
            }
        }
        family(b, "jkeepalived_vrrp_split_brain_episodes_total", "counter", "Split-brain episodes confirmed.");
        for (InstanceStatus i : s.instances()) {
            if (i.splitBrain().watching()) {
                sample(b, "jkeepalived_vrrp_split_brain_episodes_total", i, "", i.splitBrain().episodes());
            }
        }
        family(b, "jkeepalived_vrrp_split_brain_evidence_total", "counter",
                "Pieces of split-brain evidence counted, by kind (arp_reply, gratuitous_arp, advert_auth_mismatch, ...).");
        for (InstanceStatus i : s.instances()) {
            if (i.splitBrain().watching()) {
                for (var kind : io.jkeepalived.vrrp.splitbrain.EvidenceKind.values()) {
                    sample(b, "jkeepalived_vrrp_split_brain_evidence_total", i, ",kind=\"" + kind.label() + "\"",
                            i.splitBrain().evidenceCounts().getOrDefault(kind.label(), 0L));
                }
            }
        }
        family(b, "jkeepalived_vrrp_interface_rejected_total", "counter",
                "Packets a VRRP socket dropped before any instance got them (too short, unknown VRID, ...), by reason.");
        for (InterfaceDrops d : s.interfaces()) {
            for (RejectReason r : InterfaceDrops.REASONS) {
                b.append("jkeepalived_vrrp_interface_rejected_total{interface=\"").append(esc(d.iface()))
                        .append("\",family=\"").append(d.family()).append("\",reason=\"").append(r.name()).append("\"} ")
                        .append(d.rejected(r)).append('\n');
            }
        }
        endpoint(b, s, "jkeepalived_endpoint_connections_open", "gauge", "Client connections held now.",
                EndpointView::open);
        endpoint(b, s, "jkeepalived_endpoint_connections_limit", "gauge", "Most client connections held at once.",
                EndpointView::limit);
        endpoint(b, s, "jkeepalived_endpoint_connections_accepted_total", "counter", "Client connections admitted.",
                EndpointView::accepted);
        endpoint(b, s, "jkeepalived_endpoint_connections_refused_total", "counter",
                "Client connections closed at once: every slot was busy answering.", EndpointView::refused);
        endpoint(b, s, "jkeepalived_endpoint_connections_evicted_total", "counter",
                "Idle client connections closed to make room for a newcomer.", EndpointView::evicted);
        endpoint(b, s, "jkeepalived_endpoint_connections_timed_out_total", "counter",
                "Client connections closed at the end of their 10 s lifetime.", EndpointView::timedOut);
        family(b, "jkeepalived_vrrp_tracker_up", "gauge",
                "Tracker result: 1 up, 0 down, -1 not known yet (a script before its first verdict).");
        for (InstanceStatus i : s.instances()) {
            for (TrackerView t : i.trackers()) {
                sample(b, "jkeepalived_vrrp_tracker_up", i, ",tracker=\"" + esc(t.name()) + "\",kind=\"" + t.kind() + "\"",
                        switch (t.result()) {
                            case "UP" -> 1;
                            case "DOWN" -> 0;
                            default -> -1;
                        });
            }
        }
        s.lvs().ifPresent(l -> LvsMetrics.render(l, b, spill));
    }

    private static void gauge(StringBuilder b, DaemonStatus s, String name, String help, ToLongFunction<InstanceStatus> f) {
        family(b, name, "gauge", help);
        s.instances().forEach(i -> sample(b, name, i, "", f.applyAsLong(i)));
    }

    private static void counter(StringBuilder b, DaemonStatus s, String name, String help, ToLongFunction<InstanceStatus> f) {
        family(b, name, "counter", help);
        s.instances().forEach(i -> sample(b, name, i, "", f.applyAsLong(i)));
    }

    private static void endpoint(StringBuilder b, DaemonStatus s, String name, String type, String help,
                                 ToLongFunction<EndpointView> f) {
        family(b, name, type, help);
        for (EndpointView e : s.endpoints()) {
            b.append(name).append("{endpoint=\"").append(esc(e.name())).append("\"} ").append(f.applyAsLong(e)).append('\n');
        }
    }

    static void family(StringBuilder b, String name, String type, String help) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void sample(StringBuilder b, String name, InstanceStatus i, String extraLabels, long value) {
        b.append(name).append("{vrrp_instance=\"").append(esc(i.name())).append("\",interface=\"").append(esc(i.wire().iface()))
                .append("\",vrid=\"").append(i.wire().vrid()).append('"').append(extraLabels).append("} ")
                .append(value).append('\n');
    }

    /** Label values: backslash, quote and newline escaped. */
    static String esc(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
