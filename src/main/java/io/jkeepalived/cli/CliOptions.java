package io.jkeepalived.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** keepalived's full command-line flag set (behaviour §2.1), plus jkeepalived's own additions. */
@Command(name = "jkeepalived", mixinStandardHelpOptions = false, sortOptions = false,
        description = "keepalived, rebuilt in Java: VRRP, LVS and health checks.")
public final class CliOptions {
    @Option(names = {"-f", "--use-file"}, paramLabel = "FILE", description = "Configuration file (default ${DEFAULT-VALUE})")
    public Path useFile = Path.of("/etc/keepalived/keepalived.conf");

    @Option(names = {"-P", "--vrrp"}, description = "Only run the VRRP subsystem") public boolean vrrpOnly;
    @Option(names = {"-C", "--check"}, description = "Only run the health-checker subsystem") public boolean checkOnly;
    @Option(names = {"-B", "--no_bfd"}, description = "Don't run the BFD subsystem") public boolean noBfd;
    @Option(names = "--all", description = "Run all subsystems even without configuration") public boolean all;
    @Option(names = {"-l", "--log-console"}, description = "Log to the console") public boolean logConsole;
    @Option(names = {"-D", "--log-detail"}, description = "Detailed log messages") public boolean logDetail;
    @Option(names = {"-S", "--log-facility"}, paramLabel = "FACILITY", description = "Syslog facility (0-7|local0-7|user|daemon)")
    public Optional<String> logFacility = Optional.empty();
    @Option(names = {"-g", "--log-file"}, arity = "0..1", fallbackValue = "/tmp/keepalived.log", paramLabel = "FILE",
            description = "Log to a file") public Optional<String> logFile = Optional.empty();
    @Option(names = "--flush-log-file", description = "Flush the log file on each write") public boolean flushLogFile;
    @Option(names = {"-G", "--no-syslog"}, description = "Don't log via syslog") public boolean noSyslog;
    @Option(names = {"-u", "--umask"}, paramLabel = "MASK", description = "umask for file creation") public Optional<String> umask = Optional.empty();
    @Option(names = {"-X", "--release-vips"}, description = "Drop VIPs on transition from signal") public boolean releaseVips;
    @Option(names = {"-V", "--dont-release-vrrp"}, description = "Keep VRRP VIPs and routes on stop") public boolean dontReleaseVrrp;
    @Option(names = {"-I", "--dont-release-ipvs"}, description = "Keep the IPVS topology on stop") public boolean dontReleaseIpvs;
    @Option(names = {"-R", "--dont-respawn"}, description = "Don't respawn child processes") public boolean dontRespawn;
    @Option(names = {"-n", "--dont-fork"}, description = "Don't fork the daemon process") public boolean dontFork;
    @Option(names = {"-d", "--dump-conf"}, description = "Dump the configuration data") public boolean dumpConf;
    @Option(names = {"-p", "--pid"}, paramLabel = "FILE", description = "Parent pid file") public Path pid = Path.of("/run/keepalived.pid");
    @Option(names = {"-r", "--vrrp_pid"}, paramLabel = "FILE", description = "VRRP pid file") public Path vrrpPid = Path.of("/run/keepalived_vrrp.pid");
    @Option(names = {"-c", "--checkers_pid"}, paramLabel = "FILE", description = "Checkers pid file") public Path checkersPid = Path.of("/run/keepalived_checkers.pid");
    @Option(names = {"-b", "--bfd_pid"}, paramLabel = "FILE", description = "BFD pid file") public Path bfdPid = Path.of("/run/keepalived_bfd.pid");
    @Option(names = {"-T", "--genhash"}, description = "genhash mode") public boolean genhash;
    @Option(names = {"-a", "--address-monitoring"}, description = "Log netlink address changes") public boolean addressMonitoring;
    @Option(names = {"-x", "--snmp"}, description = "Enable SNMP") public boolean snmp;
    @Option(names = {"-A", "--snmp-agent-socket"}, paramLabel = "FILE", description = "SNMP master agent socket") public Optional<String> snmpSocket = Optional.empty();
    @Option(names = {"-s", "--namespace"}, paramLabel = "NAME", description = "Run in network namespace NAME") public Optional<String> namespace = Optional.empty();
    @Option(names = {"-m", "--core-dump"}, description = "Dump core on abnormal termination") public boolean coreDump;
    @Option(names = {"-M", "--core-dump-pattern"}, arity = "0..1", fallbackValue = "core", paramLabel = "PATN",
            description = "Also set the core pattern") public Optional<String> coreDumpPattern = Optional.empty();
    @Option(names = {"-e", "--all-config"}, description = "Error if any configuration file is missing") public boolean allConfig;
    @Option(names = {"-i", "--config-id"}, paramLabel = "ID", description = "Config id for @ID lines (default: host name)")
    public Optional<String> configId = Optional.empty();
    @Option(names = "--signum", paramLabel = "SIGFUNC", description = "Print the signal number for STOP, RELOAD, DATA, STATS, STATS_CLEAR, JSON")
    public Optional<String> signum = Optional.empty();
    @Option(names = {"-t", "--config-test"}, arity = "0..1", fallbackValue = "", paramLabel = "LOG_FILE",
            description = "Check the configuration and exit; output to stderr or LOG_FILE")
    public Optional<String> configTest = Optional.empty();
    @Option(names = "--dump-json", description = "With -t: print the effective configuration as JSON on stdout") public boolean dumpJson;
    @Option(names = "--control-socket", paramLabel = "PATH",
            description = "Control socket for `jkeepalived status` (default /run/jkeepalived/control.sock)")
    public Optional<Path> controlSocket = Optional.empty();
    @Option(names = "--metrics-listen", paramLabel = "ADDR:PORT",
            description = "Serve Prometheus /metrics here (off by default; also global_defs metrics_listen)")
    public Optional<String> metricsListen = Optional.empty();
    @Option(names = {"-v", "--version"}, description = "Display the version number") public boolean version;
    @Option(names = {"-h", "--help"}, description = "Display this help message") public boolean help;
}
