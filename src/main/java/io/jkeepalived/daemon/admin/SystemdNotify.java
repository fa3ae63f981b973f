package io.jkeepalived.daemon.admin;

import io.jkeepalived.os.OsException;
import io.jkeepalived.os.UnixDatagram;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * systemd's {@code Type=notify} protocol (sd_notify(3)): datagrams of {@code KEY=VALUE} lines to
 * {@code $NOTIFY_SOCKET}. READY once VRRP runs; RELOADING (with MONOTONIC_USEC, which
 * {@code Type=notify-reload} and systemd 253+ use to match the reload) then READY around a SIGHUP;
 * STOPPING on the way out; WATCHDOG pings when {@code WatchdogSec=} is set. Without
 * NOTIFY_SOCKET every call does nothing. Sends never block; a failure is logged once and counted.
 */
public final class SystemdNotify implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SystemdNotify.class);

    private final Optional<UnixDatagram> socket;
    private final Optional<Duration> watchdog;
    private long failures;

    private SystemdNotify(Optional<UnixDatagram> socket, Optional<Duration> watchdog) {
        this.socket = socket;
        this.watchdog = watchdog;
    }

    static SystemdNotify none() {
        return new SystemdNotify(Optional.empty(), Optional.empty());
    }

    /** From NOTIFY_SOCKET, WATCHDOG_USEC and WATCHDOG_PID as systemd sets them for {@code pid}. */
    public static SystemdNotify fromEnvironment(Map<String, String> env, long pid) {
        String path = env.getOrDefault("NOTIFY_SOCKET", "");
        if (path.isEmpty()) {
            return none();
        }
        try {
            return new SystemdNotify(Optional.of(UnixDatagram.open(path)), watchdogInterval(env, pid));
        } catch (OsException | IllegalArgumentException e) {
            LOG.warn("NOTIFY_SOCKET {} unusable: {}; systemd will not hear from us", path, e.getMessage());
            return none();
        }
    }

    /** Half of WATCHDOG_USEC, as sd_watchdog_enabled(3) advises; only if the watchdog is ours. */
    static Optional<Duration> watchdogInterval(Map<String, String> env, long pid) {
        try {
            long usec = Long.parseLong(env.getOrDefault("WATCHDOG_USEC", "0"));
            String forPid = env.getOrDefault("WATCHDOG_PID", "");
            if (usec <= 0 || (!forPid.isEmpty() && Long.parseLong(forPid) != pid)) {
                return Optional.empty();
            }
            return Optional.of(Duration.ofNanos(usec * 1000 / 2));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    // ---- messages (pure) -----------------------------------------------------------------------

    static String readyMessage(String status) {
        return "READY=1\nSTATUS=" + status + "\n";
    }

    /** {@code monotonicNanos} is CLOCK_MONOTONIC, which is what System.nanoTime() reads on Linux. */
    static String reloadingMessage(long monotonicNanos) {
        return "RELOADING=1\nMONOTONIC_USEC=" + monotonicNanos / 1000 + "\nSTATUS=Reloading\n";
    }

    static String stoppingMessage() {
        return "STOPPING=1\nSTATUS=Stopping\n";
    }

    static final String WATCHDOG = "WATCHDOG=1\n";

    // ---- sending -------------------------------------------------------------------------------

    boolean enabled() {
        return socket.isPresent();
    }

    public Optional<Duration> watchdog() {
        return watchdog;
    }

    public void ready(String status) {
        send(readyMessage(status));
    }

    public void reloading() {
        send(reloadingMessage(System.nanoTime()));
    }

    public void stopping() {
        send(stoppingMessage());
    }

    public void watchdogPing() {
        send(WATCHDOG);
    }

    long failures() {
        return failures;
    }

    private synchronized void send(String message) {
        if (socket.isEmpty()) {
            return;
        }
        if (!socket.get().send(message.getBytes(StandardCharsets.UTF_8))) {
            if (failures++ == 0) {
                LOG.warn("cannot notify systemd ({}); further failures are only counted", message.strip());
            }
        }
    }

    @Override
    public void close() {
        socket.ifPresent(UnixDatagram::close);
    }
}
