package io.jkeepalived.lvs.ipvs;

import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.testing.Impl;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The whole daemon against a real IPVS: in one QEMU guest, C keepalived 2.2.7 (checker only) and then
 * {@code bin/jkeepalived} run src/test/resources/ipvs/daemon.conf, whose real servers are busybox
 * httpd processes on loopback aliases (198.18.5.43 has none). The guest script waits for each table
 * to settle and lists it; jkeepalived's run then goes through a hand flush ({@code ipvsadm -C}), an
 * operator's own service, a real server dying and SIGTERM.
 */
@Tag("system")
class IpvsDaemonGuestSystemTest {

    static Map<String, String> out;

    /** Polls (0.2 s) until {@code ipvsadm -Ln} satisfies a grep pipeline, then lets it settle 2 s. */
    private static final String SETTLE = """
            settle() { # seconds condition...
              local n=$(( $1 * 5 )); shift
              for i in $(seq $n); do ipvsadm -Ln > /tmp/t; if eval "$@"; then sleep 2; return 0; fi; sleep 0.2; done
              echo "TIMEOUT waiting for: $*"; ipvsadm -Ln; return 1
            }
            """;

    @BeforeAll
    static void boot() throws Exception {
        IpvsGuest.assumeReady();
        String conf = IpvsGuest.VM.getParent().getParent().resolve("resources/ipvs/daemon.conf").toString();
        String cp = IpvsGuest.classpath().stream().filter(e -> !e.endsWith("test-classes"))
                .collect(Collectors.joining(":"));
        String script = SETTLE + """
                set -u
                ip link set lo up
                for a in 40 41 42 43; do ip addr add 198.18.5.$a/32 dev lo; done
                ip link add jkv0 type veth peer name jkv1; ip link set jkv0 up; ip link set jkv1 up
                ip addr add 198.18.6.1/24 dev jkv0
                mkdir -p /tmp/www && echo ok > /tmp/www/index.html
                busybox httpd -f -p 198.18.5.41:80 -h /tmp/www & H1=$!
                busybox httpd -f -p 198.18.5.42:80 -h /tmp/www & H2=$!
                ready='[ "$(grep -c Masq /tmp/t)" -eq 4 ] && grep -q "198.18.5.43:80 *Masq *0" /tmp/t'

                keepalived -n -l -D -C -f CONF -p /run/jk-k.pid -c /run/jk-c.pid > /tmp/ck.log 2>&1 & KP=$!
                settle 90 "$ready"; echo '=== c-keepalived'; ipvsadm -Ln
                kill $KP; wait $KP; ipvsadm -C

                export JKEEPALIVED_CLASSPATH='CP'
                export JKEEPALIVED_JAVA_OPTS='-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx128m'
                bin/jkeepalived -n -l -D -f CONF -p /run/jk-j.pid --control-socket /run/jk-j.sock > /tmp/jk.log 2>&1 & JP=$!
                settle 240 "$ready"; echo '=== j-start'; ipvsadm -Ln
                for i in $(seq 100); do ipvsadm -L --daemon | grep -q master && break; sleep 0.2; done
                echo '=== j-sync'; ipvsadm -L --daemon

                t0=$(date +%s%N); ipvsadm -C
                settle 60 "$ready"; echo '=== j-repaired'; ipvsadm -Ln
                echo "repair-ms $(( ($(date +%s%N) - t0) / 1000000 - 2000 ))"

                ipvsadm -A -t 198.18.5.50:80 -s rr; ipvsadm -a -t 198.18.5.50:80 -r 198.18.5.41:80 -m
                kill $H2
                settle 60 '! grep -q "198.18.5.42" /tmp/t'; echo '=== j-rs-down'; ipvsadm -Ln
                bin/jkeepalived status --control-socket /run/jk-j.sock --json > /tmp/status.json 2>&1 || true
                echo '=== j-status'; cat /tmp/status.json

                kill -TERM $JP; wait $JP; echo "=== j-stopped"; ipvsadm -Ln
                echo '=== j-sync-stopped'; ipvsadm -L --daemon; echo end
                kill $H1
                echo '=== j-log'; grep -iE 'kernel|load balancer|ipvs|differs|repair' /tmp/jk.log | head -40
                """.replace("CONF", conf).replace("CP", cp);
        String text = IpvsGuest.run(script, Duration.ofSeconds(420));
        Files.writeString(Impl.repoRoot().resolve("target/ipvs-daemon-guest.out"), text);
        out = IpvsGuest.sections(text);
    }

    /** The service and destination lines of an {@code ipvsadm -Ln} listing, without the header. */
    static List<String> table(String listing) {
        return listing.lines().filter(l -> l.startsWith("TCP") || l.startsWith("UDP") || l.contains("->"))
                .filter(l -> !l.contains("RemoteAddress")).map(String::strip).toList();
    }

    @Test
    void jkeepalivedProgramsWhatCKeepalivedProgramsFromTheSameConfigAndHealth() {
        assertThat(out.get("c-keepalived")).doesNotContain("TIMEOUT");
        assertThat(table(out.get("j-start"))).isNotEmpty().isEqualTo(table(out.get("c-keepalived")));
        assertThat(out.get("j-start")).doesNotContain("198.18.5.43:80           Masq    1")
                .contains("198.18.5.40:8080 rr persistent 30");
    }

    @Test
    void aHandFlushIsRepaired() {
        assertThat(out.get("j-repaired")).doesNotContain("TIMEOUT");
        assertThat(table(out.get("j-repaired"))).isEqualTo(table(out.get("j-start")));
    }

    @Test
    void aDeadRealServerLeavesAndTheOperatorsServiceStays() {
        assertThat(out.get("j-rs-down")).doesNotContain("TIMEOUT").doesNotContain("198.18.5.42")
                .contains("198.18.5.50:80 rr");
        assertThat(out.get("j-status")).containsPattern("\"backend\"\\s*:\\s*\"ipvs\"");
    }

    @Test
    void theSyncDaemonFollowsTheInstanceAndStopsWithTheDaemon() {
        assertThat(out.get("j-sync")).contains("master sync daemon (mcast=jkv0, syncid=61,")
                .doesNotContain("backup sync daemon");
        assertThat(out.get("j-sync-stopped")).doesNotContain("sync daemon");
    }

    @Test
    void sigtermRemovesOurServicesOnly() {
        List<String> left = table(out.get("j-stopped"));
        assertThat(left).hasSize(2);
        assertThat(left.getFirst()).startsWith("TCP  198.18.5.50:80 rr");
    }
}
