package io.jkeepalived.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The checker half in every format: status --json, the status table, /metrics and keepalived_check.data. */
class LvsFormatsTest {
    private static final long AT = StatusSamples.T / 1000;

    /** One virtual server: a live real server and a refused one; the sorry server is not needed. */
    static DaemonStatus withLvs(boolean stalled) {
        var up = new LvsStatus.Checker("TCP_CHECK 198.18.1.2:80", true, false, false, "UP", Optional.empty(), "",
                Optional.of(0.0012), AT, 7, 0, 0.0084, 7, 1);
        var down = new LvsStatus.Checker("TCP_CHECK 198.18.1.3:80", false, stalled, false, "DOWN",
                Optional.of("REFUSED"), "connection refused", Optional.of(0.0004), AT + 1000, 5, 3, 0.002, 5, 1);
        var vs = new LvsStatus.VirtualServer("[198.18.0.100]:tcp:80", true, false, 2, 1, 0, AT, List.of(
                new LvsStatus.RealServer("198.18.1.2", 80, 2, true, true, AT, List.of(up)),
                new LvsStatus.RealServer("198.18.1.3", 80, 1, false, false, AT + 1000, List.of(down))));
        var table = new LvsStatus.TableService("TCP 198.18.0.100:80", "rr", Optional.empty(),
                List.of(new LvsStatus.Destination("198.18.1.2", 80, 2, "NAT")));
        var lvs = new LvsStatus(stalled, new LvsStatus.Totals(2, 12, 3, 0, stalled ? 1 : 0, stalled ? 1 : 0, 3, 0),
                List.of(vs), List.of(table), new LvsStatus.Kernel("ipvs", Optional.empty(), List.of(),
                        List.of("TCP 198.18.0.101:80"), List.of(new LvsStatus.Refusal("TCP 198.18.0.102:80", "ENOMEM", 3)),
                        5, 3, 1));
        DaemonStatus c = StatusSamples.captured();
        return new DaemonStatus(c.version(), c.pid(), c.routerId(), c.startedEpochMillis(), c.takenEpochMillis(),
                c.globals(), c.instances(), c.scripts(), c.interfaces(), c.endpoints(), Optional.of(lvs));
    }

    @Test
    void jsonHasVirtualServersRealServersCheckersAndTheTable() {
        JsonNode doc = StatusJson.tree(withLvs(false));
        JsonNode vs = doc.path("virtual_servers").get(0);
        assertThat(vs.path("name").asText()).isEqualTo("[198.18.0.100]:tcp:80");
        assertThat(vs.path("quorum_up").asBoolean()).isTrue();
        JsonNode down = vs.path("real_servers").get(1);
        assertThat(down.path("address").asText()).isEqualTo("198.18.1.3");
        assertThat(down.path("port").asInt()).isEqualTo(80);
        assertThat(down.path("alive").asBoolean()).isFalse();
        assertThat(down.path("in_table").asBoolean()).isFalse();
        JsonNode chk = down.path("checkers").get(0);
        assertThat(chk.path("last_result").asText()).isEqualTo("DOWN");
        assertThat(chk.path("reason").asText()).isEqualTo("REFUSED");
        assertThat(chk.path("detail").asText()).isEqualTo("connection refused");
        assertThat(vs.path("real_servers").get(0).path("checkers").get(0).path("reason").isNull()).isTrue();
        assertThat(doc.path("lvs_table").get(0).path("destinations")).hasSize(1);
        assertThat(doc.path("checker").path("stalled").asBoolean()).isFalse();
        assertThat(doc.path("checker").path("table_operations").asLong()).isEqualTo(3);
        JsonNode kernel = doc.path("lvs_kernel");
        assertThat(kernel.path("backend").asText()).isEqualTo("ipvs");
        assertThat(kernel.path("problem").isNull()).isTrue();
        assertThat(kernel.path("foreign").get(0).asText()).isEqualTo("TCP 198.18.0.101:80");
        assertThat(kernel.path("failing").get(0).path("reason").asText()).isEqualTo("ENOMEM");
        assertThat(kernel.path("repairs").asLong()).isEqualTo(1);
    }

    @Test
    void withoutTheCheckerTheShapeStays() {
        JsonNode doc = StatusJson.tree(StatusSamples.captured());
        assertThat(doc.path("virtual_servers").isArray()).isTrue();
        assertThat(doc.path("virtual_servers")).isEmpty();
        assertThat(doc.path("checker").isNull()).isTrue();
        assertThat(doc.path("lvs_kernel").isNull()).isTrue();
        assertThat(StatusTable.render(doc, ZoneOffset.UTC)).doesNotContain("virtual server");
        assertThat(PrometheusText.render(StatusSamples.captured())).doesNotContain("jkeepalived_lvs_");
        assertThat(KeepalivedDumps.checkData(StatusSamples.captured(), ZoneOffset.UTC)).isEmpty();
    }

    @Test
    void tableShowsEachRealServerWithItsReason() {
        String t = StatusTable.render(StatusJson.tree(withLvs(true)), ZoneOffset.UTC);
        assertThat(t).contains("virtual server [198.18.0.100]:tcp:80: quorum UP (alive weight 2, quorum 1±0)")
                .contains("198.18.1.3:80  DOWN  weight 1  not in table")
                .contains("TCP_CHECK 198.18.1.3:80 down, last DOWN REFUSED: connection refused, probes 5, failures 3, STALLED")
                .contains("-> 198.18.1.2:80 NAT weight 2")
                .contains("stalled now 1 (systemd watchdog stopped)")
                .contains("lvs table (desired, programmed into ipvs):")
                .contains("kernel table (ipvs, read back):")
                .contains("TCP 198.18.0.101:80 is held by someone else in the kernel: left alone")
                .contains("TCP 198.18.0.102:80 refused by the kernel: ENOMEM (3 attempts, retrying)");
    }

    @Test
    void metricsPerRealServerAndChecker() {
        String m = PrometheusText.render(withLvs(true));
        String rs = "virtual_server=\"[198.18.0.100]:tcp:80\",real_server=\"198.18.1.3:80\"";
        assertThat(m).contains("jkeepalived_lvs_real_server_up{" + rs + "} 0\n")
                .contains("jkeepalived_lvs_real_server_weight{" + rs + "} 1\n")
                .contains("jkeepalived_lvs_checks_total{" + rs + ",checker=\"TCP_CHECK 198.18.1.3:80\"} 5\n")
                .contains("jkeepalived_lvs_check_failures_total{" + rs + ",checker=\"TCP_CHECK 198.18.1.3:80\"} 3\n")
                .contains("jkeepalived_lvs_check_latency_seconds_count{" + rs + ",checker=\"TCP_CHECK 198.18.1.3:80\"} 5\n")
                .contains("# TYPE jkeepalived_lvs_check_latency_seconds summary\n")
                .contains("jkeepalived_lvs_checker_stalled{" + rs + ",checker=\"TCP_CHECK 198.18.1.3:80\"} 1\n")
                .contains("jkeepalived_checker_stalled 1\n")
                .contains("jkeepalived_lvs_kernel_up{backend=\"ipvs\"} 1\n")
                .contains("jkeepalived_lvs_kernel_repairs_total 1\n")
                .contains("jkeepalived_lvs_kernel_foreign_services 1\n")
                .contains("jkeepalived_lvs_virtual_server_quorum_up{virtual_server=\"[198.18.0.100]:tcp:80\"} 1\n");
        // every sample line is NAME{labels} VALUE or NAME VALUE
        m.lines().filter(l -> !l.startsWith("#"))
                .forEach(l -> assertThat(l).matches("[a-z_]+(\\{.*\\})? -?[0-9.eE+-]+"));
    }

    @Test
    void checkDataDumpListsCheckersAndTopology() {
        String d = KeepalivedDumps.checkData(withLvs(false), ZoneOffset.UTC);
        assertThat(d).startsWith("------< Health checkers >------\n")
                .contains(" [198.18.1.3]:80 of VS [198.18.0.100]:tcp:80\n   Keepalive method = TCP_CHECK 198.18.1.3:80\n")
                .contains("   Last result = DOWN REFUSED (connection refused)\n")
                .contains("------< LVS Topology >------\n Kernel table = not programmed (desired table only)\n VS = [198.18.0.100]:tcp:80\n")
                .contains("   RS = [198.18.1.2]:80\n     Weight = 2\n")
                .contains(" Service = TCP 198.18.0.100:80, scheduler = rr\n   -> [198.18.1.2]:80 NAT weight 2\n");
    }
}
