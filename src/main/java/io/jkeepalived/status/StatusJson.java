package io.jkeepalived.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jkeepalived.vrrp.wire.RejectReason;
import java.time.Instant;

/**
 * {@code jkeepalived status --json}: the document the control socket serves. Keys are
 * snake_case like keepalived's own JSON dump; times are ISO-8601 UTC; an absent master address is
 * {@code null}. Each instance has at least {@code name}, {@code state}, {@code priority},
 * {@code effective_priority}, {@code master_address} and {@code virtual_ipaddress}.
 */
public final class StatusJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private StatusJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String render(DaemonStatus s) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tree(s)) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("status JSON", e);
        }
    }

    public static JsonNode tree(DaemonStatus s) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("version", s.version());
        root.put("pid", s.pid());
        root.put("router_id", s.routerId());
        root.put("started", Instant.ofEpochMilli(s.startedEpochMillis()).toString());
        root.put("taken", Instant.ofEpochMilli(s.takenEpochMillis()).toString());
        ArrayNode instances = root.putArray("instances");
        s.instances().forEach(i -> instances.add(instance(i)));
        ArrayNode interfaces = root.putArray("interfaces");
        for (InterfaceDrops d : s.interfaces()) {
            ObjectNode o = interfaces.addObject();
            o.put("interface", d.iface());
            o.put("family", d.family());
            o.put("rejected_total", d.rejectedTotal());
            ObjectNode rej = o.putObject("rejected");
            for (RejectReason r : InterfaceDrops.REASONS) {
                rej.put(r.name(), d.rejected(r));
            }
        }
        ArrayNode endpoints = root.putArray("endpoints");
        for (EndpointView e : s.endpoints()) {
            ObjectNode o = endpoints.addObject();
            o.put("name", e.name());
            o.put("limit", e.limit());
            o.put("open", e.open());
            o.put("accepted", e.accepted());
            o.put("refused", e.refused());
            o.put("evicted", e.evicted());
            o.put("timed_out", e.timedOut());
        }
        LvsJson.render(s.lvs(), root);
        ArrayNode scripts = root.putArray("vrrp_scripts");
        for (ScriptView v : s.scripts()) {
            ObjectNode o = scripts.addObject();
            o.put("name", v.name());
            o.put("command", v.command());
            o.put("status", v.status());
            o.put("interval", v.intervalSeconds());
            o.put("timeout", v.timeoutSeconds());
            o.put("weight", v.weight());
            o.put("rise", v.rise());
            o.put("fall", v.fall());
            v.runs().ifPresent(r -> {
                o.put("runs", r.runs());
                o.put("failures", r.failures());
                o.put("timeouts", r.timeouts());
                o.put("skipped", r.skipped());
                r.lastExitCode().ifPresentOrElse(c -> o.put("last_exit_code", c), () -> o.putNull("last_exit_code"));
                o.put("last_failure_output", r.lastFailureOutput());
            });
        }
        return root;
    }

    private static ObjectNode instance(InstanceStatus i) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("name", i.name());
        o.put("state", i.state());
        o.put("priority", i.basePriority());
        o.put("effective_priority", i.effectivePriority());
        i.masterAddress().ifPresentOrElse(a -> o.put("master_address", a), () -> o.putNull("master_address"));
        o.put("master_priority", i.masterPriority());
        ArrayNode vips = o.putArray("virtual_ipaddress");
        i.virtualIpaddress().forEach(vips::add);
        WireSetup w = i.wire();
        o.put("interface", w.iface());
        o.put("virtual_router_id", w.vrid());
        o.put("version", w.version());
        o.put("family", w.ipv6() ? "inet6" : "inet");
        o.put("unicast", w.unicast());
        w.source().ifPresentOrElse(a -> o.put("source_address", a), () -> o.putNull("source_address"));
        o.put("advert_int", w.advertIntervalCentis() / 100.0);
        w.syncGroup().ifPresentOrElse(g -> o.put("sync_group", g), () -> o.putNull("sync_group"));
        ArrayNode trackers = o.putArray("trackers");
        for (TrackerView t : i.trackers()) {
            ObjectNode n = trackers.addObject();
            n.put("name", t.name());
            n.put("kind", t.kind());
            n.put("result", t.result());
            n.put("weight", t.weight());
            n.put("reverse", t.reverse());
            n.put("value", t.value());
            n.put("adjustment", t.adjustment());
            n.put("faulting", t.faulting());
        }
        o.put("transitions", i.transitions());
        ArrayNode last = o.putArray("last_transitions");
        for (TransitionRecord t : i.recentTransitions()) {
            ObjectNode n = last.addObject();
            n.put("from", t.from());
            n.put("to", t.to());
            n.put("reason", t.reason());
            n.put("detail", t.detail());
            n.put("at", Instant.ofEpochSecond(t.epochMicros() / 1_000_000, t.epochMicros() % 1_000_000 * 1000).toString());
        }
        CounterSnapshot c = i.counters();
        ObjectNode k = o.putObject("counters");
        k.put("adverts_sent", c.advertsSent());
        k.put("adverts_received", c.advertsReceived());
        k.put("priority_zero_sent", c.priorityZeroSent());
        k.put("priority_zero_received", c.priorityZeroReceived());
        k.put("became_master", c.becameMaster());
        k.put("released_master", c.releasedMaster());
        k.put("send_errors", c.sendErrors());
        k.put("netlink_errors", c.netlinkErrors());
        k.put("gratuitous_sent", c.gratuitousSent());
        k.put("resources_restored", c.resourcesRestored());
        k.put("rejected_total", c.rejectedTotal());
        ObjectNode rej = k.putObject("rejected");
        for (RejectReason r : RejectReason.values()) {
            rej.put(r.name(), c.rejected(r));
        }
        SplitBrainView sb = i.splitBrain();
        if (sb.watching()) {
            ObjectNode s = o.putObject("split_brain");
            s.put("active", sb.active());
            sb.since().ifPresentOrElse(v -> s.put("since", v), () -> s.putNull("since"));
            sb.evidence().ifPresentOrElse(v -> s.put("evidence", v), () -> s.putNull("evidence"));
            sb.peerMac().ifPresentOrElse(v -> s.put("peer_mac", v), () -> s.putNull("peer_mac"));
            sb.vip().ifPresentOrElse(v -> s.put("vip", v), () -> s.putNull("vip"));
            sb.source().ifPresentOrElse(v -> s.put("source", v), () -> s.putNull("source"));
            s.put("episodes", sb.episodes());
            ObjectNode counts = s.putObject("evidence_counts");
            sb.evidenceCounts().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                    .forEach(e -> counts.put(e.getKey(), e.getValue()));
        } else {
            o.putNull("split_brain");
        }
        return o;
    }
}
