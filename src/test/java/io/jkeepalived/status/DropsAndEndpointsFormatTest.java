package io.jkeepalived.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jkeepalived.vrrp.wire.RejectReason;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Socket-level drops and client-endpoint figures in the JSON, the table and /metrics. */
class DropsAndEndpointsFormatTest {

    private static DaemonStatus sample() {
        DaemonStatus c = StatusSamples.captured();
        var eth0 = new InterfaceDrops("jkd0", false, Map.of(RejectReason.TOO_SHORT, 7L, RejectReason.UNKNOWN_VRID, 300L));
        var eth0v6 = new InterfaceDrops("jkd0", true, Map.of());
        var control = new EndpointView("control", 64, 2, 1000, 3, 936, 62);
        return new DaemonStatus(c.version(), c.pid(), c.routerId(), c.startedEpochMillis(), c.takenEpochMillis(),
                c.globals(), c.instances(), c.scripts(), List.of(eth0, eth0v6), List.of(control));
    }

    @Test
    void jsonHasEveryReasonPerInterfaceAndTheEndpoints() {
        JsonNode doc = StatusJson.tree(sample());
        JsonNode i = doc.path("interfaces").get(0);
        assertThat(i.path("interface").asText()).isEqualTo("jkd0");
        assertThat(i.path("family").asText()).isEqualTo("inet");
        assertThat(i.path("rejected_total").asLong()).isEqualTo(307);
        assertThat(i.path("rejected").path("TOO_SHORT").asLong()).isEqualTo(7);
        assertThat(i.path("rejected").path("UNKNOWN_VRID").asLong()).isEqualTo(300);
        assertThat(i.path("rejected").path("BAD_IP_HEADER").asLong()).as("zeros included").isZero();
        assertThat(doc.path("interfaces").get(1).path("family").asText()).isEqualTo("inet6");
        JsonNode e = doc.path("endpoints").get(0);
        assertThat(e.path("name").asText()).isEqualTo("control");
        assertThat(e.path("evicted").asLong()).isEqualTo(936);
        assertThat(e.path("timed_out").asLong()).isEqualTo(62);
    }

    @Test
    void tableShowsTheNonZeroReasonsPerInterface() {
        String t = StatusTable.render(StatusJson.tree(sample()), ZoneOffset.UTC);
        assertThat(t).contains("interface jkd0 inet: dropped before reaching an instance 307\n"
                + "  rejected TOO_SHORT: 7\n  rejected UNKNOWN_VRID: 300\n"
                + "interface jkd0 inet6: dropped before reaching an instance 0\n");
        assertThat(t).contains("control connections: open 2 of 64, accepted 1000, refused 3, evicted idle 936, timed out 62");
    }

    @Test
    void metricsHaveAFamilyPerFigure() {
        String m = PrometheusText.render(sample());
        assertThat(m).contains("# TYPE jkeepalived_vrrp_interface_rejected_total counter\n")
                .contains("jkeepalived_vrrp_interface_rejected_total{interface=\"jkd0\",family=\"inet\",reason=\"TOO_SHORT\"} 7\n")
                .contains("jkeepalived_vrrp_interface_rejected_total{interface=\"jkd0\",family=\"inet\",reason=\"UNKNOWN_VRID\"} 300\n")
                .contains("jkeepalived_vrrp_interface_rejected_total{interface=\"jkd0\",family=\"inet6\",reason=\"TOO_SHORT\"} 0\n")
                .contains("jkeepalived_endpoint_connections_refused_total{endpoint=\"control\"} 3\n")
                .contains("jkeepalived_endpoint_connections_evicted_total{endpoint=\"control\"} 936\n")
                .contains("jkeepalived_endpoint_connections_timed_out_total{endpoint=\"control\"} 62\n")
                .contains("jkeepalived_endpoint_connections_open{endpoint=\"control\"} 2\n");
    }
}
