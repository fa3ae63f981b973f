package io.jkeepalived.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** Our dumps of the C capture's state, against what keepalived 2.2.7 wrote for it. */
class KeepalivedDumpsTest {

    static String golden(String name) throws IOException {
        try (InputStream in = Objects.requireNonNull(
                KeepalivedDumpsTest.class.getResourceAsStream("/golden/keepalived-2.2.7-dumps/" + name), name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void statsAreByteForByteKeepalivedsFile() throws Exception {
        assertThat(KeepalivedDumps.stats(StatusSamples.captured())).isEqualTo(golden("keepalived.stats"));
    }

    @Test
    void statsCountLengthAndAuthErrorsWhereKeepalivedDoes() {
        String s = KeepalivedDumps.stats(StatusSamples.backupWithDrops());
        assertThat(s).contains("    Length: 3\n    TTL: 3\n").contains("    Failure: 4\n")
                .contains("  Priority Zero:\n    Received: 1\n    Sent: 1\n").contains("    Received: 40\n");
    }

    @Test
    void jsonIsKeepalivedsDocument() throws Exception {
        String ours = KeepalivedDumps.json(StatusSamples.captured());
        String theirs = golden("keepalived.json");
        assertThat(ours).isEqualTo(theirs.strip() + "\n");
    }

    @Test
    void jsonKeysAndTypesStayKeepalivedsForABackup() throws Exception {
        ObjectMapper m = new ObjectMapper();
        JsonNode ours = m.readTree(KeepalivedDumps.json(StatusSamples.backupWithDrops())).get(0);
        JsonNode theirs = m.readTree(golden("keepalived.json")).get(0);
        for (String part : List.of("data", "stats")) {
            assertThat(names(ours.path(part))).containsExactlyElementsOf(names(theirs.path(part)));
            theirs.path(part).properties().forEach(e ->
                    assertThat(ours.path(part).path(e.getKey()).getNodeType()).as(e.getKey()).isEqualTo(e.getValue().getNodeType()));
        }
        assertThat(ours.path("data").path("state").asInt()).isEqualTo(1);
        assertThat(ours.path("data").path("master_priority").asInt()).isEqualTo(150);
        assertThat(ours.path("data").path("vips").get(0).asText()).isEqualTo("198.18.7.100/24 dev jkd0 scope global");
        assertThat(ours.path("stats").path("packet_len_err").asInt()).isEqualTo(3);
    }

    private static List<String> names(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void everyDataLineWeWriteIsOneKeepalivedWritesInTheSameSection() throws Exception {
        String ours = KeepalivedDumps.data(StatusSamples.captured(), ZoneOffset.UTC);
        List<String> theirs = golden("keepalived.data").lines().toList();
        String section = "";
        for (String line : ours.lines().toList()) {
            if (line.startsWith("------<")) {
                section = line;
                assertThat(theirs).contains(line);
                continue;
            }
            if (line.contains("Last transition") || line.contains("Master down timer")) {
                continue; // times: checked below
            }
            int start = theirs.indexOf(section);
            int end = start + 1;
            while (end < theirs.size() && !theirs.get(end).startsWith("------<")) {
                end++;
            }
            assertThat(theirs.subList(start, end)).as("section " + section).contains(line);
        }
        assertThat(ours).contains("   Last transition = 1796252159.915313 (Wed Dec  2 22:55:59.915313 2026)\n")
                .contains("   Master down timer = 3570312 usecs\n")
                .contains(" VRRP Instance = VI_1\n   VRRP Version = 2\n   State = MASTER\n")
                .contains("   Virtual IP (1):\n     198.18.7.100/24 dev jkd0 scope global set\n")
                .contains(" VRRP Script = chk_ok\n   Command = '/usr/bin/true'\n")
                .contains("   Status = GOOD\n");
    }

    @Test
    void ctimeStampPadsTheDayLikeKeepalived() {
        assertThat(KeepalivedDumps.stamp(1_796_252_159_000_001L, ZoneOffset.UTC))
                .isEqualTo("1796252159.000001 (Wed Dec  2 22:55:59.000001 2026)");
        assertThat(KeepalivedDumps.stamp(1_797_000_000_000_000L, ZoneOffset.UTC))
                .isEqualTo("1797000000.000000 (Fri Dec 11 14:40:00.000000 2026)");
    }
}
