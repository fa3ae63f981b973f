package io.jkeepalived.cli;

import io.jkeepalived.config.HostView;
import io.jkeepalived.config.lex.ReaderOptions;
import java.io.PrintStream;

/** {@code jkeepalived}: keepalived's command line. {@link #run} is the testable entry point. */
public final class Main {
    private Main() {}

    public static final String VERSION = "jkeepalived 0.1.0 (keepalived 2.2.7 compatible)";

    /** Set when the daemon ran: only it has shutdown hooks (script children) that must run at exit. */
    private static volatile boolean daemonRan;

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (daemonRan) System.exit(code);
        // One-shot commands (-t, -v, status, genhash) halt: Runtime.exit logs through System.Logger,
        // and finding a logger backend scans every jar for a provider, 20-80 ms of -t's time.
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(code);
    }

    /** Parses {@code args}, does what they ask and returns the exit code; never calls System.exit. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, java.util.Optional.empty());
    }

    /** As {@link #run(String[], PrintStream, PrintStream)}, with the machine view -t checks against (tests). */
    static int run(String[] args, PrintStream out, PrintStream err, java.util.Optional<HostView> hostView) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("-T") || args[i].equals("--genhash")) {
                // as keepalived: everything after -T belongs to genhash, whose flags clash with ours
                return GenhashCommand.run(java.util.Arrays.copyOfRange(args, i + 1, args.length), out, err);
            }
        }
        if (args.length > 0 && args[0].equals("status")) {
            return StatusCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), out, err);
        }
        // picocli only for what the lean reader declines: its classes cost every start 0.2 s of CPU
        var lean = LeanCommandLine.parse(args);
        CliOptions options;
        if (lean.isPresent()) {
            options = lean.get();
        } else {
            switch (FullCommandLine.parse(args, out, err)) {
                case FullCommandLine.Parsed.Done d -> {
                    return d.exit();
                }
                case FullCommandLine.Parsed.Options o -> options = o.options();
            }
        }
        if (options.version) {
            err.println(VERSION);
            return 0;
        }
        if (options.signum.isPresent()) {
            var n = Signums.of(options.signum.get());
            if (n.isEmpty()) {
                err.println("Unknown sigfunc " + options.signum.get());
                return 1;
            }
            out.println(n.get());
            return 0;
        }
        if (options.dumpJson && options.configTest.isEmpty()) {
            err.println("--dump-json needs -t");
            return 1;
        }
        var defaults = ReaderOptions.defaults();
        var reader = new ReaderOptions(options.configId.orElse(defaults.configId()), defaults.environment(),
                options.allConfig);
        HostView host = hostView.orElseGet(() -> HostView.local(reader.environment()));
        if (options.configTest.isPresent()) return ConfigTestCommand.run(options, reader, host, out, err);
        daemonRan = true;
        return DaemonLauncher.launch(options, out, err);
    }
}
