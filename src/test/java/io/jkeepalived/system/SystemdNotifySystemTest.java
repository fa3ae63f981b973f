package io.jkeepalived.system;

import static io.jkeepalived.testing.Lan.VIP4;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jkeepalived.os.UnixDatagram;
import io.jkeepalived.testing.Cluster;
import io.jkeepalived.testing.Impl;
import io.jkeepalived.testing.KeepalivedConf;
import io.jkeepalived.testing.Node;
import io.jkeepalived.testing.Signals;
import io.jkeepalived.testing.VrrpInstanceConf;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The real daemon under a stand-in for systemd: a datagram socket passed as NOTIFY_SOCKET (PID 1
 * here is not systemd). READY once VRRP runs, watchdog pings, RELOADING with this machine's
 * CLOCK_MONOTONIC then READY around SIGHUP, STOPPING on SIGTERM.
 */
@Tag("system")
class SystemdNotifySystemTest {

    private static String next(UnixDatagram s, Node n, String what) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            var d = s.receive(200);
            if (d.isPresent()) {
                String m = new String(d.get(), StandardCharsets.UTF_8);
                if (!m.equals("WATCHDOG=1\n")) {
                    return m;
                }
            }
        }
        throw new AssertionError("no " + what + " from " + n + ":\n" + n.log().tail(30));
    }

    @Test
    void readyReloadingAndStoppingReachNotifySocket() throws Exception {
        assumeTrue(ProcessHandle.current().info().user().orElse("").equals("root"), "needs root");
        assumeTrue(Impl.J.available(), "jkeepalived not built");
        var dir = Files.createTempDirectory("jk-sd");
        String path = dir.resolve("notify").toString();
        try (var systemd = UnixDatagram.bind(path); var c = Cluster.create("jk-sd", 1)) {
            Node n = c.start(0, Impl.J, KeepalivedConf.of("sd", VrrpInstanceConf.v2("VI_1", 51, 100, VIP4 + "/24")),
                    Map.of("NOTIFY_SOCKET", path, "WATCHDOG_USEC", "400000"));
            assertThat(next(systemd, n, "READY")).isEqualTo("READY=1\nSTATUS=1 VRRP instance(s) running\n");
            int pings = 0;
            for (int i = 0; i < 20 && pings < 3; i++) {
                var d = systemd.receive(1000);
                if (d.isPresent() && new String(d.get(), StandardCharsets.UTF_8).equals("WATCHDOG=1\n")) {
                    pings++;
                }
            }
            assertThat(pings).as("watchdog pings every WATCHDOG_USEC / 2").isEqualTo(3);

            long before = System.nanoTime() / 1000;
            Signals.send(n.pid(), "HUP");
            String reloading = next(systemd, n, "RELOADING");
            long after = System.nanoTime() / 1000;
            assertThat(reloading).startsWith("RELOADING=1\nMONOTONIC_USEC=");
            long usec = Long.parseLong(reloading.lines().filter(l -> l.startsWith("MONOTONIC_USEC=")).findFirst()
                    .orElseThrow().substring("MONOTONIC_USEC=".length()));
            assertThat(usec).as("CLOCK_MONOTONIC, as this JVM reads it").isBetween(before, after);
            assertThat(next(systemd, n, "READY after reload"))
                    .isEqualTo("READY=1\nSTATUS=Reload unchanged; 1 VRRP instance(s) running\n");

            n.terminate();
            assertThat(next(systemd, n, "STOPPING")).isEqualTo("STOPPING=1\nSTATUS=Stopping\n");
            assertThat(n.awaitExit(Duration.ofSeconds(10))).contains(0);
        } finally {
            Files.deleteIfExists(dir.resolve("notify"));
            Files.deleteIfExists(dir);
        }
    }
}
