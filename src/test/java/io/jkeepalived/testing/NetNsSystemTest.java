package io.jkeepalived.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jkeepalived.os.Interfaces;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The fixture itself: namespaces, a bridge LAN, code run inside, and clean deletion. */
@Tag("system")
class NetNsSystemTest {

    @Test
    void threeNodesOnABridgeReachEachOtherAndEverythingIsDeleted() throws Exception {
        String hubName;
        String nodeName;
        Process sleeper;
        try (var hub = NetNs.create("jk-os"); var n1 = NetNs.create("jk-os"); var n2 = NetNs.create("jk-os")) {
            hubName = hub.name();
            nodeName = n1.name();
            assertThat(hubName).matches("jk-os-[0-9a-f]{8}");
            hub.bridge("br0");
            hub.plug("br0", "p1", n1, "eth0");
            hub.plug("br0", "p2", n2, "eth0");
            n1.ip("addr", "add", "198.18.100.1/24", "dev", "eth0");
            n2.ip("addr", "add", "198.18.100.2/24", "dev", "eth0");
            assertThat(n1.execResult("ping", "-c", "1", "-W", "5", "198.18.100.2").ok()).isTrue();

            assertThat(n1.run(() -> Interfaces.indexOf("eth0"))).isPresent();
            assertThat(Interfaces.indexOf("p1")).as("the test thread stays in the host namespace").isEmpty();
            assertThat(hub.run(() -> Interfaces.indexOf("p1"))).isPresent();
            assertThatThrownBy(() -> n1.run(() -> {
                throw new IllegalStateException("boom");
            })).hasMessage("boom");
            assertThatThrownBy(() -> n1.ip("link", "set", "nosuch", "up")).hasMessageContaining("exited");

            sleeper = n2.spawn(Redirect.DISCARD, "sleep", "600");
            assertThat(sleeper.isAlive()).isTrue();
        }
        assertThat(sleeper.isAlive()).as("spawned processes are killed").isFalse();
        assertThat(Files.exists(Path.of("/var/run/netns", hubName))).isFalse();
        assertThat(Files.exists(Path.of("/var/run/netns", nodeName))).isFalse();
    }
}
