package io.jkeepalived.cli;

import java.io.PrintStream;

/**
 * The one place the CLI hands over to the daemon. The daemon work replaces the body of
 * {@link #launch}; everything before it (flag parsing, -t, --signum) stays in the CLI.
 */
public final class DaemonLauncher {
    private DaemonLauncher() {}

    /** Runs the daemon with the parsed flags and returns the process exit code. */
    public static int launch(CliOptions options, PrintStream out, PrintStream err) {
        err.println("jkeepalived: daemon mode is not implemented yet; use -t to check a configuration");
        return 2;
    }
}
