package io.jkeepalived.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every option of {@link CliOptions} as {@link LeanCommandLine} reads it: names, whether it takes a
 * value, and how the value lands in its field. It repeats CliOptions' picocli annotations because
 * reading those would load picocli; a test checks that the two agree, name for name.
 */
final class OptionTable {
    private OptionTable() {}

    /** How an option takes its value, as picocli's arity says. */
    enum Kind {
        /** No value (arity 0): a boolean set to true. */
        FLAG,
        /** Exactly one value (arity 1). */
        VALUE,
        /** Zero or one value (arity 0..1): without one, the fallback. */
        OPTIONAL_VALUE
    }

    /** Sets an option's field; {@code value} is the fallback or an empty string for flags. */
    @FunctionalInterface
    interface Setter {
        void set(CliOptions options, String value);
    }

    /**
     * One option. {@code shortName} is empty for long-only options; {@code fallback} is the
     * value of an {@link Kind#OPTIONAL_VALUE} given without one.
     */
    record Spec(String shortName, String longName, Kind kind, String fallback, Setter setter) {}

    static final List<Spec> SPECS = List.of(
            value("-f", "--use-file", (o, v) -> o.useFile = Path.of(v)),
            flag("-P", "--vrrp", o -> o.vrrpOnly = true),
            flag("-C", "--check", o -> o.checkOnly = true),
            flag("-B", "--no_bfd", o -> o.noBfd = true),
            flag("", "--all", o -> o.all = true),
            flag("-l", "--log-console", o -> o.logConsole = true),
            flag("-D", "--log-detail", o -> o.logDetail = true),
            value("-S", "--log-facility", (o, v) -> o.logFacility = Optional.of(v)),
            optional("-g", "--log-file", "/tmp/keepalived.log", (o, v) -> o.logFile = Optional.of(v)),
            flag("", "--flush-log-file", o -> o.flushLogFile = true),
            flag("-G", "--no-syslog", o -> o.noSyslog = true),
            value("-u", "--umask", (o, v) -> o.umask = Optional.of(v)),
            flag("-X", "--release-vips", o -> o.releaseVips = true),
            flag("-V", "--dont-release-vrrp", o -> o.dontReleaseVrrp = true),
            flag("-I", "--dont-release-ipvs", o -> o.dontReleaseIpvs = true),
            flag("-R", "--dont-respawn", o -> o.dontRespawn = true),
            flag("-n", "--dont-fork", o -> o.dontFork = true),
            flag("-d", "--dump-conf", o -> o.dumpConf = true),
            value("-p", "--pid", (o, v) -> o.pid = Path.of(v)),
            value("-r", "--vrrp_pid", (o, v) -> o.vrrpPid = Path.of(v)),
            value("-c", "--checkers_pid", (o, v) -> o.checkersPid = Path.of(v)),
            value("-b", "--bfd_pid", (o, v) -> o.bfdPid = Path.of(v)),
            flag("-T", "--genhash", o -> o.genhash = true),
            flag("-a", "--address-monitoring", o -> o.addressMonitoring = true),
            flag("-x", "--snmp", o -> o.snmp = true),
            value("-A", "--snmp-agent-socket", (o, v) -> o.snmpSocket = Optional.of(v)),
            value("-s", "--namespace", (o, v) -> o.namespace = Optional.of(v)),
            flag("-m", "--core-dump", o -> o.coreDump = true),
            optional("-M", "--core-dump-pattern", "core", (o, v) -> o.coreDumpPattern = Optional.of(v)),
            flag("-e", "--all-config", o -> o.allConfig = true),
            value("-i", "--config-id", (o, v) -> o.configId = Optional.of(v)),
            value("", "--signum", (o, v) -> o.signum = Optional.of(v)),
            optional("-t", "--config-test", "", (o, v) -> o.configTest = Optional.of(v)),
            flag("", "--dump-json", o -> o.dumpJson = true),
            value("", "--control-socket", (o, v) -> o.controlSocket = Optional.of(Path.of(v))),
            value("", "--metrics-listen", (o, v) -> o.metricsListen = Optional.of(v)),
            flag("-v", "--version", o -> o.version = true),
            flag("-h", "--help", o -> o.help = true));

    /** Each spec under both of its names. */
    static final Map<String, Spec> BY_NAME = byName();

    private static Map<String, Spec> byName() {
        var map = new HashMap<String, Spec>();
        for (Spec s : SPECS) {
            if (!s.shortName().isEmpty()) map.put(s.shortName(), s);
            map.put(s.longName(), s);
        }
        return Map.copyOf(map);
    }

    private static Spec flag(String shortName, String longName, java.util.function.Consumer<CliOptions> set) {
        return new Spec(shortName, longName, Kind.FLAG, "", (o, v) -> set.accept(o));
    }

    private static Spec value(String shortName, String longName, Setter set) {
        return new Spec(shortName, longName, Kind.VALUE, "", set);
    }

    private static Spec optional(String shortName, String longName, String fallback, Setter set) {
        return new Spec(shortName, longName, Kind.OPTIONAL_VALUE, fallback, set);
    }
}
