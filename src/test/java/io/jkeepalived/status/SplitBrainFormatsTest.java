package io.jkeepalived.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The split-brain watch in status JSON, the status table and Prometheus text. */
class SplitBrainFormatsTest {

    private static DaemonStatus with(SplitBrainView sb) {
        DaemonStatus c = StatusSamples.captured();
        InstanceStatus m = c.instances().getFirst();
        InstanceStatus i = new InstanceStatus(m.name(), m.state(), m.basePriority(), m.effectivePriority(),
                m.masterAddress(), m.masterPriority(), m.virtualIpaddress(), m.wire(), m.settings(), m.trackers(),
                m.recentTransitions(), m.transitions(), m.counters(), sb);
        return new DaemonStatus(c.version(), c.pid(), c.routerId(), c.startedEpochMillis(), c.takenEpochMillis(),
                c.globals(), List.of(i), c.scripts());
    }

    private static final SplitBrainView ACTIVE = new SplitBrainView(true, true, Optional.of("2026-12-04T10:17:09Z"),
            Optional.of("arp_reply"), Optional.of("02:00:00:00:00:02"), Optional.of("198.18.0.100"), Optional.empty(),
            1, Map.of("arp_reply", 7L, "advert_auth_mismatch", 2L));

    @Test
    void activeEpisodeInJsonTableAndMetrics() throws Exception {
        DaemonStatus s = with(ACTIVE);
        JsonNode sb = StatusJson.mapper().readTree(StatusJson.render(s)).path("instances").get(0).path("split_brain");
        assertThat(sb.path("active").asBoolean()).isTrue();
        assertThat(sb.path("since").asText()).isEqualTo("2026-12-04T10:17:09Z");
        assertThat(sb.path("peer_mac").asText()).isEqualTo("02:00:00:00:00:02");
        assertThat(sb.path("source").isNull()).isTrue();
        assertThat(sb.path("evidence_counts").path("arp_reply").asLong()).isEqualTo(7);
        assertThat(StatusTable.render(StatusJson.tree(s), ZoneOffset.UTC))
                .contains("SPLIT BRAIN since 2026-12-04T10:17:09Z: arp_reply, peer MAC 02:00:00:00:00:02, VIP 198.18.0.100");
        String prom = PrometheusText.render(s);
        assertThat(prom).containsPattern("(?m)^jkeepalived_vrrp_split_brain\\{vrrp_instance=\"VI_1\",[^}]*} 1$")
                .containsPattern("(?m)^jkeepalived_vrrp_split_brain_episodes_total\\{[^}]*} 1$")
                .containsPattern("(?m)^jkeepalived_vrrp_split_brain_evidence_total\\{[^}]*kind=\"arp_reply\"} 7$")
                .containsPattern("(?m)^jkeepalived_vrrp_split_brain_evidence_total\\{[^}]*kind=\"neighbour_advert\"} 0$");
    }

    @Test
    void watchOffIsNullAndHasNoSamples() throws Exception {
        DaemonStatus s = with(SplitBrainView.OFF);
        JsonNode i = StatusJson.mapper().readTree(StatusJson.render(s)).path("instances").get(0);
        assertThat(i.path("split_brain").isNull()).isTrue();
        assertThat(PrometheusText.render(s)).doesNotContainPattern("(?m)^jkeepalived_vrrp_split_brain\\{");
    }
}
