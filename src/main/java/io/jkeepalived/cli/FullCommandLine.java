package io.jkeepalived.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * Every flag keepalived has, with picocli's usage and error messages, for the command lines
 * {@link LeanCommandLine} declines; kept apart so that the ones it reads never load picocli.
 */
final class FullCommandLine {
    private FullCommandLine() {}

    /** What parsing gave: the options to act on, or the exit code when parsing already answered. */
    sealed interface Parsed {
        record Options(CliOptions options) implements Parsed {}

        record Done(int exit) implements Parsed {}
    }

    static Parsed parse(String[] args, PrintStream out, PrintStream err) {
        var options = new CliOptions();
        var cl = new CommandLine(options);
        cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        try {
            cl.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            err.println(e.getMessage());
            return new Parsed.Done(1);
        }
        if (options.help) {
            cl.usage(err);
            return new Parsed.Done(0);
        }
        return new Parsed.Options(options);
    }
}
