package io.jkeepalived.lvs.ipvs;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class SyncDaemonSpecTest {
    @Test
    void instanceWithOrWithoutInstAndTheOptions() {
        List<String> problems = new ArrayList<>();
        var s = SyncDaemonSpec.parse(List.of("eth1", "inst", "VI_1", "id", "7", "port", "8849", "group", "224.0.0.82"),
                problems::add).orElseThrow();
        assertThat(s.instance()).isEqualTo("VI_1");
        assertThat(s.daemon(SyncDaemon.Role.MASTER, 51)).isEqualTo(new SyncDaemon(SyncDaemon.Role.MASTER, "eth1", 7,
                OptionalInt.empty(), Optional.of(InetAddress.ofLiteral("224.0.0.82")), OptionalInt.of(8849),
                OptionalInt.empty()));
        var plain = SyncDaemonSpec.parse(List.of("eth1", "VI_1"), problems::add).orElseThrow();
        assertThat(plain.daemon(SyncDaemon.Role.BACKUP, 51).syncId()).as("the instance's VRID").isEqualTo(51);
        assertThat(problems).isEmpty();
    }

    @Test
    void withoutAnInstanceNothingStartsAndBadOptionsAreNamed() {
        List<String> problems = new ArrayList<>();
        assertThat(SyncDaemonSpec.parse(List.of("eth1"), problems::add)).isEmpty();
        assertThat(SyncDaemonSpec.parse(List.of("eth1", "id", "3"), problems::add)).isEmpty();
        assertThat(SyncDaemonSpec.parse(List.of("eth1", "VI_1", "ttl", "999", "color", "red"), problems::add))
                .hasValueSatisfying(s -> assertThat(s.ttl()).isEmpty());
        assertThat(problems).hasSize(4);
    }
}
