package io.jkeepalived.cli;

import io.jkeepalived.config.lex.ReaderOptions;
import io.jkeepalived.daemon.Daemon;
import io.jkeepalived.daemon.DaemonSettings;
import io.jkeepalived.daemon.log.ConsoleConfigurator;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/**
 * The one place the CLI hands over to the daemon: keepalived's flags become {@link DaemonSettings}.
 *
 * <p>Foreground always: jkeepalived does not fork itself (a JVM cannot fork safely), so without
 * {@code -n} it still runs in the foreground; run it under systemd ({@code Type=simple} or
 * {@code notify}, with {@code -n}) or a supervisor.
 */
public final class DaemonLauncher {
    private static final int LOG_DAEMON = 3;

    private DaemonLauncher() {}

    /** Runs the daemon with the parsed flags and returns the process exit code. */
    public static int launch(CliOptions options, PrintStream out, PrintStream err) {
        ConsoleConfigurator.leaveToDaemon();
        int facility = LOG_DAEMON;
        if (options.logFacility.isPresent()) {
            Optional<Integer> f = DaemonSettings.facility(options.logFacility.get());
            if (f.isEmpty()) {
                err.println("Invalid log facility '" + options.logFacility.get() + "'");
                return 1;
            }
            facility = f.get();
        }
        var defaults = ReaderOptions.defaults();
        var reader = new ReaderOptions(options.configId.orElse(defaults.configId()), defaults.environment(),
                options.allConfig);
        boolean vrrp = options.vrrpOnly || !options.checkOnly;
        boolean checker = options.checkOnly || !options.vrrpOnly;
        var settings = new DaemonSettings(options.useFile, reader, options.logConsole, options.logDetail,
                !options.noSyslog, facility, options.logFile, vrrp, checker, options.pid, options.vrrpPid,
                !options.dontReleaseVrrp, options.releaseVips, commandLine(), options.namespace,
                options.controlSocket.orElse(DaemonSettings.DEFAULT_CONTROL_SOCKET), options.metricsListen,
                !options.dontReleaseIpvs);
        return Daemon.run(settings, Main.VERSION);
    }

    /** The arguments after the main class, as the JVM reports them (for the startup log line). */
    private static List<String> commandLine() {
        List<String> all = ProcessHandle.current().info().arguments().map(List::of).orElse(List.of());
        int main = all.indexOf(Main.class.getName());
        return main < 0 ? List.of() : all.subList(main + 1, all.size());
    }
}
