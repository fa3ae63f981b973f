package io.jkeepalived.daemon;

import io.jkeepalived.daemon.log.SyslogAppender;

import io.jkeepalived.config.lex.ReaderOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the command line asks of the daemon (the CLI maps keepalived's flags onto this).
 *
 * @param runVrrp        false with {@code -C} alone
 * @param runChecker     true unless {@code -P} alone: the health checker runs when there are virtual servers
 * @param releaseOnStop  false with {@code -V}
 * @param facility       syslog facility number (daemon = 3 by default)
 * @param commandLine    the arguments as given, for the startup log line
 * @param namespace      {@code -s NAME}: run VRRP in network namespace NAME (/var/run/netns/NAME)
 * @param controlSocket  where {@code jkeepalived status} reaches this daemon
 * @param metricsListen  {@code --metrics-listen ADDR:PORT}; overrides global_defs metrics_listen
 * @param releaseLvsOnStop false with {@code -I}: the load-balancer table stays in the kernel on stop
 */
public record DaemonSettings(Path configFile, ReaderOptions readerOptions, boolean logConsole, boolean logDetail,
                             boolean syslog, int facility, Optional<String> logFile, boolean runVrrp,
                             boolean runChecker, Path pidFile, Path vrrpPidFile, boolean releaseOnStop,
                             boolean releaseVipsOnSignal, List<String> commandLine, Optional<String> namespace,
                             Path controlSocket, Optional<String> metricsListen, boolean releaseLvsOnStop) {
    /** Where the control socket is unless {@code --control-socket} says otherwise. */
    public static final Path DEFAULT_CONTROL_SOCKET = Path.of("/run/jkeepalived/control.sock");

    public DaemonSettings {
        commandLine = List.copyOf(commandLine);
    }

    /** Maps {@code -S} to a facility number; empty for a value keepalived would reject. */
    public static Optional<Integer> facility(String text) {
        int f = SyslogAppender.facility(text);
        return f < 0 ? Optional.empty() : Optional.of(f);
    }
}
