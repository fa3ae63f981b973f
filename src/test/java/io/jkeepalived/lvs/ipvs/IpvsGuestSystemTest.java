package io.jkeepalived.lvs.ipvs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link IpvsBackend} against a real IPVS: one QEMU guest (src/test/vm/ipvs-vm) runs
 * {@link IpvsGuestDriver}'s scenario, then C keepalived 2.2.7 and the driver each program
 * src/test/resources/ipvs/compare.conf; {@code ipvsadm -Ln} after every step is compared with
 * src/test/resources/ipvs/guest-scenario.expected and the two programmed tables with each other.
 */
@Tag("system")
class IpvsGuestSystemTest {

    static Map<String, String> actual;
    static Map<String, String> expected;

    @BeforeAll
    static void boot() throws Exception {
        IpvsGuest.assumeReady();
        String conf = IpvsGuest.VM.getParent().getParent().resolve("resources/ipvs/compare.conf").toString();
        String script = """
                set -u
                $JAVA io.jkeepalived.lvs.ipvs.IpvsGuestDriver scenario
                ipvsadm -C
                keepalived -n -l -D -f CONF -p /run/jk-k.pid -c /run/jk-c.pid -r /run/jk-v.pid > /tmp/ck.log 2>&1 &
                KP=$!
                for i in $(seq 600); do [ "$(ipvsadm -Ln | grep -c -- '->')" -ge 13 ] && break; sleep 0.1; done
                echo '=== c-keepalived'; ipvsadm -Ln; ipvsadm -Ln --tun-info; ipvsadm -Ln --thresholds
                kill $KP; wait $KP
                ipvsadm -C
                $JAVA io.jkeepalived.lvs.ipvs.IpvsGuestDriver config CONF
                """.replace("CONF", conf);
        String out = IpvsGuest.run(script, Duration.ofSeconds(240));
        // kept for review and for refreshing guest-scenario.expected after a deliberate change
        java.nio.file.Files.writeString(io.jkeepalived.testing.Impl.repoRoot().resolve("target/ipvs-guest.out"), out);
        actual = IpvsGuest.sections(out);
        expected = IpvsGuest.sections(IpvsGuest.resource("/ipvs/guest-scenario.expected"));
    }

    @Test
    void everyStepListsTheExpectedTable() {
        assertThat(actual.keySet()).containsAll(expected.keySet());
        expected.forEach((step, text) -> assertThat(actual.get(step)).as("step " + step).isEqualTo(text));
    }

    @Test
    void theDumpReadsBackWhatWasProgrammedAndWhatIpvsadmLists() {
        for (String step : new String[] {"add", "edit", "remove-dest", "remove-service"}) {
            assertThat(actual.get(step)).as(step).contains("dump equals the table: true");
        }
        assertThat(actual.get("dump")).contains("dump equals ipvsadm -Ln: true", "dump holds the programmed table: true");
    }

    @Test
    void aForeignServiceFailsWithEexistAloneAndGetsNoDestination() {
        assertThat(actual.get("foreign")).startsWith(
                "results failed: EEXIST | failed: service not added (EEXIST) | done | done\n");
        assertThat(actual.get("foreign")).contains("TCP  198.18.5.30:80 rr\nTCP  198.18.5.31:80 wrr\n");
    }

    @Test
    void aMissingSchedulerFailsThatServiceOnly() {
        assertThat(actual.get("missing-scheduler")).startsWith("results failed: ENOENT: no scheduler ip_vs_twos in the"
                + " kernel | failed: service not added (ENOENT) | done\n");
    }

    @Test
    void flushEmptiesTheKernelTable() {
        assertThat(actual.get("flush")).contains("flush Done[]", "dump Read[table={}]");
    }

    @Test
    void cKeepalivedProgramsTheSameTableFromTheSameConfig() {
        assertThat(actual.get("c-keepalived")).contains("FWM  7 sh (sh-fallback,sh-port)");
        assertThat(actual.get("j-keepalived")).isEqualTo(actual.get("c-keepalived"));
    }
}
