package io.jkeepalived.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The status JSON, the table rendered from it, and the Prometheus text. */
class StatusFormatsTest {

    @Test
    void jsonHasTheFieldsTheIssueNamesForEachInstance() throws Exception {
        JsonNode doc = StatusJson.mapper().readTree(StatusJson.render(StatusSamples.captured()));
        JsonNode i = doc.path("instances").get(0);
        assertThat(i.path("name").asText()).isEqualTo("VI_1");
        assertThat(i.path("state").asText()).isEqualTo("MASTER");
        assertThat(i.path("priority").asInt()).isEqualTo(100);
        assertThat(i.path("effective_priority").asInt()).isEqualTo(110);
        assertThat(i.path("master_address").asText()).isEqualTo("198.18.7.1");
        assertThat(i.path("virtual_ipaddress").get(0).asText()).isEqualTo("198.18.7.100");
        assertThat(i.path("trackers").get(0).path("adjustment").asInt()).isEqualTo(10);
        assertThat(i.path("last_transitions").get(0).path("at").asText()).isEqualTo("2026-12-02T22:55:59.915313Z");
        assertThat(i.path("counters").path("rejected").path("BAD_TTL").asInt()).isZero();
        assertThat(doc.path("router_id").asText()).isEqualTo("lbcap");
        JsonNode script = doc.path("vrrp_scripts").get(0);
        assertThat(script.path("runs").asLong()).isEqualTo(12);
        assertThat(script.path("failures").asLong()).isEqualTo(1);
        assertThat(script.path("last_exit_code").asInt()).isZero();
        assertThat(script.path("last_failure_output").asText()).isEmpty();
    }

    @Test
    void tableShowsWhyAScriptFailed() {
        DaemonStatus c = StatusSamples.captured();
        ScriptView ok = c.scripts().getFirst();
        ScriptView bad = new ScriptView(ok.name(), ok.command(), 1, 0, 10, 1, 1, "BAD", ok.trackedBy(),
                java.util.Optional.of(new ScriptView.Runs(7, 3, 1, 0, java.util.Optional.of(2), "backend refused")));
        DaemonStatus s = new DaemonStatus(c.version(), c.pid(), c.routerId(), c.startedEpochMillis(),
                c.takenEpochMillis(), c.globals(), c.instances(), List.of(bad));
        assertThat(StatusTable.render(StatusJson.tree(s), ZoneOffset.UTC))
                .contains("vrrp_script chk_ok BAD: runs 7, failures 3, timeouts 1, last exit 2\n"
                        + "  last failure output: backend refused\n");
    }

    @Test
    void anUnknownMasterIsNull() throws Exception {
        DaemonStatus c = StatusSamples.captured();
        InstanceStatus m = c.instances().getFirst();
        InstanceStatus none = new InstanceStatus(m.name(), "BACKUP", 100, 100, java.util.Optional.empty(), 0,
                m.virtualIpaddress(), m.wire(), m.settings(), m.trackers(), List.of(), 1, m.counters());
        DaemonStatus s = new DaemonStatus(c.version(), c.pid(), c.routerId(), c.startedEpochMillis(),
                c.takenEpochMillis(), c.globals(), List.of(none), c.scripts());
        JsonNode i = StatusJson.mapper().readTree(StatusJson.render(s)).path("instances").get(0);
        assertThat(i.path("master_address").isNull()).isTrue();
        assertThat(StatusTable.render(StatusJson.tree(s), ZoneOffset.UTC)).containsPattern("VI_1\\s+BACKUP\\s+100\\s+100\\s+-");
    }

    @Test
    void tableShowsInstancesTrackersTransitionsAndDrops() {
        String t = StatusTable.render(StatusJson.tree(StatusSamples.backupWithDrops()), ZoneOffset.UTC);
        assertThat(t.lines().toList().get(0)).isEqualTo("jkeepalived test, pid 4242, router_id lbcap, up 7s");
        assertThat(t).contains("INSTANCE  STATE   PRIO  EFFECTIVE  MASTER      VRID  INTERFACE  VIPS\n")
                .contains("VI_1      BACKUP  100   110        198.18.7.2  51    jkd0       198.18.7.100\n")
                .contains("VI_1: adverts sent 2, received 40, rejected 10; became master 1, transitions 3\n")
                .contains("  rejected BAD_TTL: 3\n")
                .contains("  track script chk_ok DOWN weight 10 -> +0\n")
                .contains("  2026-12-02 22:55:59  BACKUP -> MASTER (MASTER_DOWN_TIMER)\n")
                .doesNotContain("rejected BAD_VERSION");
    }

    @Test
    void uptimeIsHuman() {
        assertThat(StatusTable.human(Duration.ofSeconds(42))).isEqualTo("42s");
        assertThat(StatusTable.human(Duration.ofSeconds(3 * 60 + 7))).isEqualTo("3m7s");
        assertThat(StatusTable.human(Duration.ofDays(2).plusHours(5))).isEqualTo("2d5h");
    }

    /** Sample lines of the text format: name, optional labels, a number. */
    private static final Pattern SAMPLE = Pattern.compile(
            "[a-zA-Z_:][a-zA-Z0-9_:]*(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"([^\"\\\\]|\\\\.)*\",?)*})? -?[0-9.eE+-]+");

    @Test
    void prometheusTextIsWellFormedAndCarriesTheStatusFigures() {
        String p = PrometheusText.render(StatusSamples.backupWithDrops());
        for (String line : p.lines().toList()) {
            if (!line.startsWith("# HELP ") && !line.startsWith("# TYPE ")) {
                assertThat(line).matches(SAMPLE);
            }
        }
        String l = "{vrrp_instance=\"VI_1\",interface=\"jkd0\",vrid=\"51\"";
        assertThat(p).contains("jkeepalived_vrrp_state" + l + "} 1\n")
                .contains("jkeepalived_vrrp_in_state" + l + ",state=\"BACKUP\"} 1\n")
                .contains("jkeepalived_vrrp_in_state" + l + ",state=\"MASTER\"} 0\n")
                .contains("jkeepalived_vrrp_effective_priority" + l + "} 110\n")
                .contains("jkeepalived_vrrp_adverts_received_total" + l + "} 40\n")
                .contains("jkeepalived_vrrp_adverts_rejected_total" + l + ",reason=\"BAD_TTL\"} 3\n")
                .contains("jkeepalived_vrrp_tracker_up" + l + ",tracker=\"chk_ok\",kind=\"script\"} 0\n")
                .contains("# TYPE jkeepalived_vrrp_adverts_sent_total counter\n");
        // each family is declared once
        assertThat(p.lines().filter(x -> x.startsWith("# TYPE jkeepalived_vrrp_state ")).count()).isEqualTo(1);
    }

    @Test
    void labelValuesAreEscaped() {
        assertThat(PrometheusText.esc("a\"b\\c\nd")).isEqualTo("a\\\"b\\\\c\\nd");
    }
}
