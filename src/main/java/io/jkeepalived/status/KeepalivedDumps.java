package io.jkeepalived.status;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jkeepalived.vrrp.wire.RejectReason;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The files keepalived 2.2.7 writes on its dump signals, in its layout, so exporters and scripts
 * that parse them keep working: {@code keepalived.data} (SIGUSR1), {@code keepalived.stats}
 * (SIGUSR2) and {@code keepalived.json} (signal 36). The data dump carries the lines those tools
 * read (instance, state, priorities, interface, VRID, VIPs, scripts and their status); the many
 * lines about features we do not have (SNMP, DBus, buffer sizes) are left out. The checker's part
 * goes to {@code keepalived_check.data} beside it, as keepalived's checker process writes it.
 */
public final class KeepalivedDumps {
    private static final DateTimeFormatter CTIME = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss", Locale.ROOT);

    private KeepalivedDumps() {
    }

    /** keepalived's numbers in the JSON dump's {@code state} and {@code wantstate}. */
    static int stateNumber(String state) {
        return switch (state) {
            case "BACKUP" -> 1;
            case "MASTER" -> 2;
            case "FAULT" -> 3;
            default -> 0; // INIT, STOP, DELETED
        };
    }

    // ---- keepalived.stats ---------------------------------------------------------------------

    public static String stats(DaemonStatus s) {
        StringBuilder b = new StringBuilder();
        for (InstanceStatus i : s.instances()) {
            CounterSnapshot c = i.counters();
            b.append("VRRP Instance: ").append(i.name()).append('\n')
                    .append("  Advertisements:\n")
                    .append("    Received: ").append(c.advertsReceived()).append('\n')
                    .append("    Sent: ").append(c.advertsSent()).append('\n')
                    .append("  Became master: ").append(c.becameMaster()).append('\n')
                    .append("  Released master: ").append(c.releasedMaster()).append('\n')
                    .append("  Packet Errors:\n")
                    .append("    Length: ").append(lengthErrors(c)).append('\n')
                    .append("    TTL: ").append(c.rejected(RejectReason.BAD_TTL)).append('\n')
                    .append("    Invalid Type: ").append(c.rejected(RejectReason.BAD_TYPE)).append('\n')
                    .append("    Advertisement Interval: ").append(c.rejected(RejectReason.INTERVAL_MISMATCH)).append('\n')
                    .append("    Address List: ").append(c.rejected(RejectReason.ADDRESS_LIST_MISMATCH)).append('\n')
                    .append("  Authentication Errors:\n")
                    .append("    Invalid Type: ").append(c.rejected(RejectReason.INVALID_AUTH_TYPE)).append('\n')
                    .append("    Type Mismatch: ").append(c.rejected(RejectReason.AUTH_TYPE_MISMATCH)).append('\n')
                    .append("    Failure: ").append(c.rejected(RejectReason.AUTH_FAILURE)).append('\n')
                    .append("  Priority Zero:\n")
                    .append("    Received: ").append(c.priorityZeroReceived()).append('\n')
                    .append("    Sent: ").append(c.priorityZeroSent()).append('\n');
        }
        return b.toString();
    }

    /** keepalived counts truncated packets and inconsistent lengths together. */
    private static long lengthErrors(CounterSnapshot c) {
        return c.rejected(RejectReason.TOO_SHORT) + c.rejected(RejectReason.BAD_LENGTH);
    }

    // ---- keepalived.json ----------------------------------------------------------------------

    public static String json(DaemonStatus s) {
        ArrayNode all = StatusJson.mapper().createArrayNode();
        for (InstanceStatus i : s.instances()) {
            ObjectNode entry = all.addObject();
            ObjectNode d = entry.putObject("data");
            InstanceSettings k = i.settings();
            d.put("iname", i.name());
            d.put("dont_track_primary", k.trackPrimary() ? 0 : 1);
            d.put("skip_check_adv_addr", 0);
            d.put("strict_mode", k.strict() ? 1 : 0);
            d.put("vmac_ifname", k.vmac().orElse(""));
            d.put("ifp_ifname", i.wire().iface());
            // keepalived reports the priority last received from a master: none while we are it
            d.put("master_priority", i.state().equals("MASTER") ? 0 : i.masterPriority());
            d.put("last_transition", i.lastTransition()
                    .map(t -> java.math.BigDecimal.valueOf(t.epochMicros(), 6)).orElse(java.math.BigDecimal.ZERO));
            d.put("garp_delay", k.garpDelaySeconds());
            d.put("garp_refresh", k.garpRefreshSeconds());
            d.put("garp_rep", k.garpRepeat());
            d.put("garp_refresh_rep", k.garpRefreshRepeat());
            d.put("garp_lower_prio_delay", k.garpLowerPrioDelaySeconds());
            d.put("garp_lower_prio_rep", k.garpLowerPrioRepeat());
            d.put("lower_prio_no_advert", k.lowerPrioNoAdvert() ? 1 : 0);
            d.put("higher_prio_send_advert", k.higherPrioSendAdvert() ? 1 : 0);
            d.put("vrid", i.wire().vrid());
            d.put("base_priority", i.basePriority());
            d.put("effective_priority", i.effectivePriority());
            d.put("vipset", i.state().equals("MASTER"));
            d.put("promote_secondaries", false);
            d.put("adver_int", i.wire().advertIntervalCentis() / 100);
            d.put("master_adver_int", k.masterAdvertIntervalCentis() / 100);
            d.put("accept", k.accept() ? 1 : 0);
            d.put("nopreempt", k.nopreempt());
            d.put("preempt_delay", k.preemptDelaySeconds());
            d.put("state", stateNumber(i.state()));
            d.put("wantstate", stateNumber(wantState(i)));
            d.put("version", i.wire().version());
            d.put("smtp_alert", k.smtpAlert());
            d.put("notify_deleted", k.notifyDeleted());
            ArrayNode vips = d.putArray("vips");
            k.vipDetails().forEach(v -> vips.add(v + (i.state().equals("MASTER") ? " set" : "")));
            ArrayNode scripts = d.putArray("track_script");
            for (TrackerView t : i.trackers()) {
                if (t.kind().equals("script")) {
                    scripts.add(s.scripts().stream().filter(v -> v.name().equals(t.name())).findFirst()
                            .map(ScriptView::command).orElse(t.name()));
                }
            }
            d.put("auth_type", k.authType());
            CounterSnapshot c = i.counters();
            ObjectNode st = entry.putObject("stats");
            st.put("advert_rcvd", c.advertsReceived());
            st.put("advert_sent", c.advertsSent());
            st.put("become_master", c.becameMaster());
            st.put("release_master", c.releasedMaster());
            st.put("packet_len_err", lengthErrors(c));
            st.put("advert_interval_err", c.rejected(RejectReason.INTERVAL_MISMATCH));
            st.put("ip_ttl_err", c.rejected(RejectReason.BAD_TTL));
            st.put("invalid_type_rcvd", c.rejected(RejectReason.BAD_TYPE));
            st.put("addr_list_err", c.rejected(RejectReason.ADDRESS_LIST_MISMATCH));
            st.put("invalid_authtype", c.rejected(RejectReason.INVALID_AUTH_TYPE));
            st.put("authtype_mismatch", c.rejected(RejectReason.AUTH_TYPE_MISMATCH));
            st.put("auth_failure", c.rejected(RejectReason.AUTH_FAILURE));
            st.put("pri_zero_rcvd", c.priorityZeroReceived());
            st.put("pri_zero_sent", c.priorityZeroSent());
        }
        // keepalived writes it compact, with '/' escaped as "\/" (its JSON writer's habit)
        return all.toString().replace("/", "\\/") + "\n";
    }

    private static String wantState(InstanceStatus i) {
        return i.state().equals("BACKUP") && i.settings().wantsMaster() ? "MASTER" : i.state();
    }

    // ---- keepalived.data ----------------------------------------------------------------------

    public static String data(DaemonStatus s, ZoneId zone) {
        StringBuilder b = new StringBuilder();
        GlobalView g = s.globals();
        b.append("------< Global definitions >------\n");
        line(b, 1, "Network namespace = " + g.namespace().orElse("(default)"));
        line(b, 1, "Router ID = " + s.routerId());
        line(b, 1, "VRRP IPv4 mcast group = " + g.mcastGroup4());
        line(b, 1, "VRRP IPv6 mcast group = " + g.mcastGroup6());
        line(b, 1, "VRRP default protocol version = " + g.defaultVersion());
        line(b, 1, "VRRP strict mode = " + g.strict());
        line(b, 1, g.scriptSecurity() ? "Script security enabled" : "Script security disabled");
        b.append("------< VRRP Topology >------\n");
        for (InstanceStatus i : s.instances()) {
            instance(b, i, zone);
        }
        b.append("------< VRRP Scripts >------\n");
        for (ScriptView v : s.scripts()) {
            line(b, 1, "VRRP Script = " + v.name());
            line(b, 3, "Command = " + v.command());
            line(b, 3, "Interval = " + v.intervalSeconds() + " sec");
            line(b, 3, "Timeout = " + v.timeoutSeconds() + " sec");
            line(b, 3, "Weight = " + v.weight());
            line(b, 3, "Rise = " + v.rise());
            line(b, 3, "Fall = " + v.fall());
            line(b, 3, "Status = " + v.status());
            line(b, 3, "Tracking instances :");
            v.trackedBy().forEach(t -> line(b, 5, t.instance() + ", weight " + t.weight()));
        }
        return b.toString();
    }

    // ---- keepalived_check.data ----------------------------------------------------------------

    /**
     * The checker's part of the SIGUSR1 dump (keepalived's checker process writes it to its own
     * file, {@code keepalived_check.data}): every virtual server with its quorum, real servers and
     * checkers, then the desired table. Empty when the checker does not run.
     */
    public static String checkData(DaemonStatus s, ZoneId zone) {
        if (s.lvs().isEmpty()) {
            return "";
        }
        LvsStatus l = s.lvs().get();
        StringBuilder b = new StringBuilder();
        b.append("------< Health checkers >------\n");
        for (LvsStatus.VirtualServer v : l.virtualServers()) {
            for (LvsStatus.RealServer r : v.realServers()) {
                for (LvsStatus.Checker c : r.checkers()) {
                    line(b, 1, "[" + r.address() + "]:" + r.port() + " of VS " + v.name());
                    line(b, 3, "Keepalive method = " + c.name());
                    line(b, 3, "Is up = " + (c.up() ? "yes" : "no"));
                    line(b, 3, "Last result = " + c.lastResult() + c.reason().map(x -> " " + x).orElse("")
                            + (c.detail().isEmpty() ? "" : " (" + c.detail() + ")"));
                    line(b, 3, "Probes = " + c.probes() + ", failures = " + c.failures());
                    line(b, 3, "Stalled = " + (c.stalled() ? "yes" : "no") + ", suspended = "
                            + (c.suspended() ? "yes" : "no"));
                }
            }
        }
        b.append("------< LVS Topology >------\n");
        line(b, 1, "Kernel table = not programmed (desired table only)");
        for (LvsStatus.VirtualServer v : l.virtualServers()) {
            line(b, 1, "VS = " + v.name());
            line(b, 3, "quorum = " + v.quorum() + ", hysteresis = " + v.hysteresis() + ", alive weight = "
                    + v.aliveWeight());
            line(b, 3, "Quorum state = " + (v.quorumUp() ? "UP" : "DOWN"));
            line(b, 3, "Sorry server in use = " + (v.sorryActive() ? "yes" : "no"));
            line(b, 3, "Last change = " + stamp(v.lastChangeEpochMillis() * 1000, zone));
            for (LvsStatus.RealServer r : v.realServers()) {
                line(b, 3, "RS = [" + r.address() + "]:" + r.port());
                line(b, 5, "Weight = " + r.weight());
                line(b, 5, "Alive = " + (r.alive() ? "yes" : "no") + ", in table = " + (r.inTable() ? "yes" : "no"));
                line(b, 5, "Last change = " + stamp(r.lastChangeEpochMillis() * 1000, zone));
            }
        }
        for (LvsStatus.TableService t : l.table()) {
            line(b, 1, "Service = " + t.service() + ", scheduler = " + t.scheduler()
                    + t.persistenceSeconds().map(p -> ", persistence = " + p).orElse(""));
            t.destinations().forEach(d -> line(b, 3, "-> [" + d.address() + "]:" + d.port() + " " + d.method()
                    + " weight " + d.weight()));
        }
        return b.toString();
    }

    private static void instance(StringBuilder b, InstanceStatus i, ZoneId zone) {
        InstanceSettings k = i.settings();
        WireSetup w = i.wire();
        line(b, 1, "VRRP Instance = " + i.name());
        line(b, 3, "VRRP Version = " + w.version());
        line(b, 3, "State = " + i.state());
        line(b, 3, "Flags: none");
        line(b, 3, "Wantstate = " + wantState(i));
        long faults = i.trackers().stream().filter(TrackerView::faulting).count();
        line(b, 3, "Number of interface and track script faults = " + faults);
        line(b, 3, "Number of track scripts init = "
                + i.trackers().stream().filter(t -> t.kind().equals("script") && t.result().equals("UNKNOWN")).count());
        i.lastTransition().ifPresent(t -> line(b, 3, "Last transition = " + stamp(t.epochMicros(), zone)));
        line(b, 3, "Master down timer = " + k.downTimerMicros() + " usecs");
        line(b, 3, "Interface = " + w.iface());
        k.vmac().ifPresent(v -> line(b, 3, "Use VMAC, i/f " + v));
        w.source().ifPresent(a -> line(b, 3, "Using src_ip = " + a));
        if (!w.unicast()) {
            line(b, 3, "Multicast address " + (w.ipv6() ? "ff02::12" : "224.0.0.18"));
        }
        line(b, 3, "Gratuitous ARP delay = " + k.garpDelaySeconds());
        line(b, 3, "Gratuitous ARP repeat = " + k.garpRepeat());
        line(b, 3, "Gratuitous ARP refresh = " + k.garpRefreshSeconds());
        line(b, 3, "Gratuitous ARP refresh repeat = " + k.garpRefreshRepeat());
        line(b, 3, "Gratuitous ARP lower priority delay = " + k.garpLowerPrioDelaySeconds());
        line(b, 3, "Gratuitous ARP lower priority repeat = " + k.garpLowerPrioRepeat());
        line(b, 3, "Down timer adverts = " + k.downTimerAdverts());
        line(b, 3, "Send advert after receive lower priority advert = " + !k.lowerPrioNoAdvert());
        line(b, 3, "Send advert after receive higher priority advert = " + k.higherPrioSendAdvert());
        line(b, 3, "Virtual Router ID = " + w.vrid());
        line(b, 3, "Priority = " + i.basePriority());
        line(b, 3, "Effective priority = " + i.effectivePriority());
        line(b, 3, "Total priority = " + i.effectivePriority());
        int centis = w.advertIntervalCentis();
        line(b, 3, "Advert interval = " + (centis % 100 == 0 ? centis / 100 + " sec" : centis * 10 + " milli-sec"));
        line(b, 3, "Accept = " + (k.accept() ? "enabled" : "disabled"));
        line(b, 3, "Preempt = " + (k.nopreempt() ? "disabled" : "enabled"));
        if (k.preemptDelaySeconds() > 0) {
            line(b, 3, "Preempt delay = " + k.preemptDelaySeconds() + " secs");
        }
        line(b, 3, "Promote_secondaries = disabled");
        line(b, 3, "Authentication type = " + switch (k.authType()) {
            case 1 -> "SIMPLE_PASSWORD";
            case 2 -> "IPSEC_AH";
            default -> "none";
        });
        line(b, 3, "Virtual IP (" + k.vipDetails().size() + "):");
        k.vipDetails().forEach(v -> line(b, 5, v + (i.state().equals("MASTER") ? " set" : "")));
        if (i.trackers().stream().anyMatch(t -> t.kind().equals("script"))) {
            line(b, 3, "Tracked scripts :");
            i.trackers().stream().filter(t -> t.kind().equals("script"))
                    .forEach(t -> line(b, 5, t.name() + " weight " + t.weight() + (t.reverse() ? " reverse" : "")));
        }
        if (i.trackers().stream().anyMatch(t -> t.kind().equals("interface"))) {
            line(b, 3, "Tracked interfaces :");
            i.trackers().stream().filter(t -> t.kind().equals("interface"))
                    .forEach(t -> line(b, 5, t.name() + " weight " + t.weight() + (t.reverse() ? " reverse" : "")));
        }
        line(b, 3, "Using smtp notification = " + (k.smtpAlert() ? "yes" : "no"));
        line(b, 3, "Notify deleted = " + (k.notifyDeleted() ? "Deleted" : "Fault"));
        line(b, 3, "Notify priority changes = " + k.notifyPriorityChanges());
    }

    /** {@code 1796252159.915313 (Wed Dec  2 22:55:59.915313 2026)}, as keepalived prints times. */
    static String stamp(long epochMicros, ZoneId zone) {
        Instant t = Instant.ofEpochSecond(epochMicros / 1_000_000, epochMicros % 1_000_000 * 1000);
        var z = t.atZone(zone);
        String micros = String.format(Locale.ROOT, "%06d", epochMicros % 1_000_000);
        return epochMicros / 1_000_000 + "." + micros + " (" + CTIME.format(z) + "." + micros + " " + z.getYear() + ")";
    }

    private static void line(StringBuilder b, int indent, String text) {
        b.append(" ".repeat(indent)).append(text).append('\n');
    }
}
