package io.jkeepalived.daemon.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.os.UnixDatagram;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sd_notify messages, and their delivery to a real AF_UNIX datagram receiver. */
class SystemdNotifyTest {

    @TempDir
    Path dir;

    @Test
    void messagesAreSdNotifysKeyValueLines() {
        assertThat(SystemdNotify.readyMessage("2 VRRP instance(s) running"))
                .isEqualTo("READY=1\nSTATUS=2 VRRP instance(s) running\n");
        assertThat(SystemdNotify.reloadingMessage(123_456_789_000L))
                .isEqualTo("RELOADING=1\nMONOTONIC_USEC=123456789\nSTATUS=Reloading\n");
        assertThat(SystemdNotify.stoppingMessage()).isEqualTo("STOPPING=1\nSTATUS=Stopping\n");
    }

    @Test
    void theWatchdogIntervalIsHalfOfWatchdogUsecAndOnlyForUs() {
        assertThat(SystemdNotify.watchdogInterval(Map.of("WATCHDOG_USEC", "10000000"), 7)).contains(Duration.ofSeconds(5));
        assertThat(SystemdNotify.watchdogInterval(Map.of("WATCHDOG_USEC", "10000000", "WATCHDOG_PID", "7"), 7)).isPresent();
        assertThat(SystemdNotify.watchdogInterval(Map.of("WATCHDOG_USEC", "10000000", "WATCHDOG_PID", "8"), 7)).isEmpty();
        assertThat(SystemdNotify.watchdogInterval(Map.of(), 7)).isEmpty();
        assertThat(SystemdNotify.watchdogInterval(Map.of("WATCHDOG_USEC", "soon"), 7)).isEmpty();
    }

    @Test
    void withoutNotifySocketNothingIsSent() {
        try (SystemdNotify n = SystemdNotify.fromEnvironment(Map.of(), 1)) {
            assertThat(n.enabled()).isFalse();
            n.ready("x");
            assertThat(n.failures()).isZero();
        }
    }

    @Test
    void datagramsReachAPathSocket() throws Exception {
        String path = dir.resolve("notify").toString();
        try (UnixDatagram systemd = UnixDatagram.bind(path);
             SystemdNotify n = SystemdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", path), 1)) {
            n.ready("up");
            n.stopping();
            assertThat(new String(systemd.receive(2000).orElseThrow(), StandardCharsets.UTF_8)).isEqualTo("READY=1\nSTATUS=up\n");
            assertThat(new String(systemd.receive(2000).orElseThrow(), StandardCharsets.UTF_8)).startsWith("STOPPING=1\n");
            assertThat(systemd.receive(50)).isEmpty();
        }
    }

    @Test
    void datagramsReachAnAbstractSocket() throws Exception {
        String name = "@jk-notify-test-" + ProcessHandle.current().pid();
        try (UnixDatagram systemd = UnixDatagram.bind(name);
             SystemdNotify n = SystemdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", name), 1)) {
            n.watchdogPing();
            assertThat(new String(systemd.receive(2000).orElseThrow(), StandardCharsets.UTF_8)).isEqualTo("WATCHDOG=1\n");
        }
    }

    @Test
    void aSocketNobodyListensOnIsCountedNotThrown() {
        try (SystemdNotify n = SystemdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", dir.resolve("gone").toString()), 1)) {
            n.ready("x");
            n.ready("y");
            assertThat(n.failures()).isEqualTo(2);
        }
    }
}
