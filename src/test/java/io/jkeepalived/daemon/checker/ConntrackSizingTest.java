package io.jkeepalived.daemon.checker;

import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.check.plan.CheckPlan;
import io.jkeepalived.config.ConfigLoader;
import io.jkeepalived.config.lex.ReaderOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConntrackSizingTest {

    /** {@code servers} real servers, each with {@code check} at delay_loop {@code delay}, in one virtual server. */
    static CheckPlan plan(int servers, String check, int delay) {
        var b = new StringBuilder("virtual_server 198.18.200.1 80 {\n delay_loop " + delay + "\n lb_algo rr\n"
                + " lb_kind NAT\n protocol TCP\n");
        for (int i = 1; i <= servers; i++) {
            b.append(" real_server 198.18.1.").append(i % 250 + 1).append(' ').append(10000 + i).append(" {\n  ")
                    .append(check).append("\n }\n");
        }
        b.append("}\n");
        return CheckPlan.of(ConfigLoader.loadString(b.toString(), "t.conf", Path.of("."),
                new ReaderOptions("host", Map.of(), false)).config().orElseThrow());
    }

    @Test
    void tcpBasedChecksCountOncePerDelayLoopAndOthersNotAtAll() {
        assertThat(ConntrackSizing.connectsPerSecond(plan(100, "TCP_CHECK {\n connect_timeout 1\n }", 2)))
                .isCloseTo(50.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(ConntrackSizing.connectsPerSecond(plan(10, "HTTP_GET {\n url {\n path /\n }\n }", 1))).isEqualTo(10.0);
        assertThat(ConntrackSizing.connectsPerSecond(plan(10, "PING_CHECK {\n }", 1))).isZero();
    }

    @Test
    void warnsOnceTheChecksAloneWouldTakeHalfTheTable() {
        assertThat(ConntrackSizing.warning(1000, 120, 262_144)).isEmpty(); // 120,000 entries: under half
        assertThat(ConntrackSizing.warning(10_000, 120, 262_144)).hasValueSatisfying(w -> assertThat(w)
                .contains("10000 TCP connections a second", "120 s", "1200000 entries", "nf_conntrack_max 262144"));
        assertThat(ConntrackSizing.warning(10_000, 5, 262_144)).isEmpty(); // the bench's setting: 50,000
        assertThat(ConntrackSizing.warning(10, 120, 0)).isEmpty();
    }

    @Test
    void readsTheNamespacesLimitsAndStaysSilentWithoutConnectionTracking(@TempDir Path dir) throws Exception {
        List<String> warned = new ArrayList<>();
        CheckPlan busy = plan(2000, "TCP_CHECK {\n connect_timeout 1\n }", 1);
        ConntrackSizing.check(busy, dir, warned::add); // no nf_conntrack loaded: no files
        assertThat(warned).isEmpty();
        Files.writeString(dir.resolve("nf_conntrack_max"), "262144\n");
        Files.writeString(dir.resolve("nf_conntrack_tcp_timeout_time_wait"), "120\n");
        ConntrackSizing.check(busy, dir, warned::add);
        assertThat(warned).singleElement().asString().contains("2000 TCP connections a second");
    }
}
