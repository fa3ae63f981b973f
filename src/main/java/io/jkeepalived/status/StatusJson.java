package io.jkeepalived.status;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jkeepalived.vrrp.wire.RejectReason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code jkeepalived status --json}: the document the control socket serves. Keys are
 * snake_case like keepalived's own JSON dump; times are ISO-8601 UTC; an absent master address is
 * {@code null}. Each instance has at least {@code name}, {@code state}, {@code priority},
 * {@code effective_priority}, {@code master_address} and {@code virtual_ipaddress}.
 *
 * <p>Written as a stream of tokens into one growing buffer, never built as a tree first: with
 * 10,000 real servers the tree was some 30 MB of small objects alive for the whole rendering, long
 * enough to be promoted, and every {@code status} call then grew the old generation.
 */
public final class StatusJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private StatusJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** The last document's size: the next buffer starts a little larger, so it is not grown by copies. */
    private static volatile int lastSize = 64 * 1024;

    /** The document as UTF-8, ready to send: a view of the buffer it was written into, not a copy. */
    public static ByteBuffer renderUtf8(DaemonStatus s) {
        int hint = lastSize;
        var out = new Buffer(hint + hint / 8);
        writeDocument(s, out);
        lastSize = Math.max(64 * 1024, out.size());
        return out.view();
    }

    /**
     * The document as UTF-8 in native memory, for the control socket: the caller closes it once the
     * answer is written. The Java heap sees only the tokens' short strings.
     */
    public static NativeBytes renderNative(DaemonStatus s) {
        int hint = lastSize;
        var out = new NativeBytes(hint + hint / 8);
        try {
            writeDocument(s, out);
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
        lastSize = (int) Math.min(Integer.MAX_VALUE / 2, Math.max(64 * 1024, out.size()));
        return out;
    }

    private static void writeDocument(DaemonStatus s, java.io.OutputStream out) {
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false); // the caller frees native bytes
            g.setPrettyPrinter(new DefaultPrettyPrinter());
            write(s, g);
            g.flush();
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("status JSON", e); // writing to memory: not expected
        }
    }

    public static String render(DaemonStatus s) {
        ByteBuffer b = renderUtf8(s);
        return new String(b.array(), b.arrayOffset() + b.position(), b.remaining(), StandardCharsets.UTF_8);
    }

    /** The document parsed back (tests and the client's table). */
    public static JsonNode tree(DaemonStatus s) {
        try {
            return MAPPER.readTree(render(s));
        } catch (IOException e) {
            throw new UncheckedIOException("status JSON", e);
        }
    }

    /** A ByteArrayOutputStream whose bytes are handed out without the copy toByteArray makes. */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer(int size) {
            super(size);
        }

        ByteBuffer view() {
            return ByteBuffer.wrap(buf, 0, count);
        }
    }

    static void nullable(JsonGenerator g, String name, Optional<String> value) throws IOException {
        if (value.isPresent()) g.writeStringField(name, value.get());
        else g.writeNullField(name);
    }

    private static void write(DaemonStatus s, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("version", s.version());
        g.writeNumberField("pid", s.pid());
        g.writeStringField("router_id", s.routerId());
        g.writeStringField("started", Instant.ofEpochMilli(s.startedEpochMillis()).toString());
        g.writeStringField("taken", Instant.ofEpochMilli(s.takenEpochMillis()).toString());
        g.writeArrayFieldStart("instances");
        for (InstanceStatus i : s.instances()) instance(i, g);
        g.writeEndArray();
        g.writeArrayFieldStart("interfaces");
        for (InterfaceDrops d : s.interfaces()) {
            g.writeStartObject();
            g.writeStringField("interface", d.iface());
            g.writeStringField("family", d.family());
            g.writeNumberField("rejected_total", d.rejectedTotal());
            g.writeObjectFieldStart("rejected");
            for (RejectReason r : InterfaceDrops.REASONS) g.writeNumberField(r.name(), d.rejected(r));
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("endpoints");
        for (EndpointView e : s.endpoints()) {
            g.writeStartObject();
            g.writeStringField("name", e.name());
            g.writeNumberField("limit", e.limit());
            g.writeNumberField("open", e.open());
            g.writeNumberField("accepted", e.accepted());
            g.writeNumberField("refused", e.refused());
            g.writeNumberField("evicted", e.evicted());
            g.writeNumberField("timed_out", e.timedOut());
            g.writeEndObject();
        }
        g.writeEndArray();
        LvsJson.write(s.lvs(), g);
        g.writeArrayFieldStart("vrrp_scripts");
        for (ScriptView v : s.scripts()) {
            g.writeStartObject();
            g.writeStringField("name", v.name());
            g.writeStringField("command", v.command());
            g.writeStringField("status", v.status());
            g.writeNumberField("interval", v.intervalSeconds());
            g.writeNumberField("timeout", v.timeoutSeconds());
            g.writeNumberField("weight", v.weight());
            g.writeNumberField("rise", v.rise());
            g.writeNumberField("fall", v.fall());
            if (v.runs().isPresent()) {
                var r = v.runs().get();
                g.writeNumberField("runs", r.runs());
                g.writeNumberField("failures", r.failures());
                g.writeNumberField("timeouts", r.timeouts());
                g.writeNumberField("skipped", r.skipped());
                if (r.lastExitCode().isPresent()) g.writeNumberField("last_exit_code", r.lastExitCode().get());
                else g.writeNullField("last_exit_code");
                g.writeStringField("last_failure_output", r.lastFailureOutput());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void instance(InstanceStatus i, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", i.name());
        g.writeStringField("state", i.state());
        g.writeNumberField("priority", i.basePriority());
        g.writeNumberField("effective_priority", i.effectivePriority());
        nullable(g, "master_address", i.masterAddress());
        g.writeNumberField("master_priority", i.masterPriority());
        g.writeArrayFieldStart("virtual_ipaddress");
        for (String vip : i.virtualIpaddress()) g.writeString(vip);
        g.writeEndArray();
        WireSetup w = i.wire();
        g.writeStringField("interface", w.iface());
        g.writeNumberField("virtual_router_id", w.vrid());
        g.writeNumberField("version", w.version());
        g.writeStringField("family", w.ipv6() ? "inet6" : "inet");
        g.writeBooleanField("unicast", w.unicast());
        nullable(g, "source_address", w.source());
        g.writeNumberField("advert_int", w.advertIntervalCentis() / 100.0);
        nullable(g, "sync_group", w.syncGroup());
        g.writeArrayFieldStart("trackers");
        for (TrackerView t : i.trackers()) {
            g.writeStartObject();
            g.writeStringField("name", t.name());
            g.writeStringField("kind", t.kind());
            g.writeStringField("result", t.result());
            g.writeNumberField("weight", t.weight());
            g.writeBooleanField("reverse", t.reverse());
            g.writeNumberField("value", t.value());
            g.writeNumberField("adjustment", t.adjustment());
            g.writeBooleanField("faulting", t.faulting());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeNumberField("transitions", i.transitions());
        g.writeArrayFieldStart("last_transitions");
        for (TransitionRecord t : i.recentTransitions()) {
            g.writeStartObject();
            g.writeStringField("from", t.from());
            g.writeStringField("to", t.to());
            g.writeStringField("reason", t.reason());
            g.writeStringField("detail", t.detail());
            g.writeStringField("at", Instant.ofEpochSecond(t.epochMicros() / 1_000_000, t.epochMicros() % 1_000_000 * 1000)
                    .toString());
            g.writeEndObject();
        }
        g.writeEndArray();
        CounterSnapshot c = i.counters();
        g.writeObjectFieldStart("counters");
        g.writeNumberField("adverts_sent", c.advertsSent());
        g.writeNumberField("adverts_received", c.advertsReceived());
        g.writeNumberField("priority_zero_sent", c.priorityZeroSent());
        g.writeNumberField("priority_zero_received", c.priorityZeroReceived());
        g.writeNumberField("became_master", c.becameMaster());
        g.writeNumberField("released_master", c.releasedMaster());
        g.writeNumberField("send_errors", c.sendErrors());
        g.writeNumberField("netlink_errors", c.netlinkErrors());
        g.writeNumberField("gratuitous_sent", c.gratuitousSent());
        g.writeNumberField("resources_restored", c.resourcesRestored());
        g.writeNumberField("rejected_total", c.rejectedTotal());
        g.writeObjectFieldStart("rejected");
        for (RejectReason r : RejectReason.values()) g.writeNumberField(r.name(), c.rejected(r));
        g.writeEndObject();
        g.writeEndObject();
        SplitBrainView sb = i.splitBrain();
        if (sb.watching()) {
            g.writeObjectFieldStart("split_brain");
            g.writeBooleanField("active", sb.active());
            nullable(g, "since", sb.since());
            nullable(g, "evidence", sb.evidence());
            nullable(g, "peer_mac", sb.peerMac());
            nullable(g, "vip", sb.vip());
            nullable(g, "source", sb.source());
            g.writeNumberField("episodes", sb.episodes());
            g.writeObjectFieldStart("evidence_counts");
            for (var e : new java.util.TreeMap<>(sb.evidenceCounts()).entrySet()) g.writeNumberField(e.getKey(), e.getValue());
            g.writeEndObject();
            g.writeEndObject();
        } else {
            g.writeNullField("split_brain");
        }
        g.writeEndObject();
    }
}
