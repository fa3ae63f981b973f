package io.jkeepalived.cli;

import io.jkeepalived.cli.OptionTable.Kind;
import io.jkeepalived.cli.OptionTable.Spec;
import java.nio.file.InvalidPathException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The ordinary command lines, daemon and {@code -t} alike, read without picocli: picocli 4.7's
 * classes are Java 5 class files that no class-data archive can hold, so building its model cost
 * every start about 0.2 s of CPU before the configuration was even read.
 *
 * <p>It reads exactly what picocli reads the same way: options by their short or long name,
 * {@code --long=value}, a value as the next argument, clusters of flags ({@code -nlD}). Whatever
 * picocli might read otherwise, or would refuse, is declined (empty) and {@link FullCommandLine}
 * parses it with picocli's messages: an option given twice, a value that starts with {@code -}
 * (also after {@code =}) or a separate one with {@code @} (picocli expands {@code @file}s), an
 * optional value followed by anything but an option, a word that is no option, {@code -h}.
 */
final class LeanCommandLine {
    private LeanCommandLine() {}

    static Optional<CliOptions> parse(String[] args) {
        var options = new CliOptions();
        var seen = new HashSet<Spec>();
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                int eq = a.startsWith("--") ? a.indexOf('=') : -1;
                Spec spec = OptionTable.BY_NAME.get(eq < 0 ? a : a.substring(0, eq));
                if (spec == null) {
                    if (!flagCluster(a, options, seen)) return Optional.empty();
                    continue;
                }
                if (spec.longName().equals("--help") || !seen.add(spec)) return Optional.empty();
                String inline = eq < 0 ? null : a.substring(eq + 1);
                // picocli reads "--pid=-x" as an option missing its value: leave it its message
                if (inline != null && inline.startsWith("-")) return Optional.empty();
                String value;
                switch (spec.kind()) {
                    case FLAG -> {
                        if (inline != null) return Optional.empty();
                        value = "";
                    }
                    case VALUE -> {
                        if (inline != null) {
                            value = inline;
                        } else if (i + 1 < args.length && plainWord(args[i + 1])) {
                            value = args[++i];
                        } else {
                            return Optional.empty();
                        }
                    }
                    case OPTIONAL_VALUE -> {
                        if (inline != null) {
                            value = inline;
                        } else if (i + 1 == args.length || isOption(args[i + 1])) {
                            value = spec.fallback();
                        } else {
                            return Optional.empty(); // picocli might take the word as the value
                        }
                    }
                    default -> throw new AssertionError(spec.kind());
                }
                spec.setter().set(options, value);
            }
        } catch (InvalidPathException e) {
            return Optional.empty(); // picocli has the message for it
        }
        return Optional.of(options);
    }

    /** A value picocli takes literally: not an option, not an {@code @file} to expand. */
    private static boolean plainWord(String arg) {
        return !arg.startsWith("-") && !arg.startsWith("@");
    }

    /** Whether picocli sees an option in {@code arg}, so that an optional value before it stays unset. */
    private static boolean isOption(String arg) {
        int eq = arg.startsWith("--") ? arg.indexOf('=') : -1;
        if (OptionTable.BY_NAME.containsKey(eq < 0 ? arg : arg.substring(0, eq))) return true;
        return clusterOfFlags(arg);
    }

    /** {@code -nlD}: single-letter flags after one dash, as picocli reads them, each once. */
    private static boolean flagCluster(String arg, CliOptions options, Set<Spec> seen) {
        if (!clusterOfFlags(arg)) return false;
        for (int c = 1; c < arg.length(); c++) {
            Spec spec = OptionTable.BY_NAME.get("-" + arg.charAt(c));
            if (spec.longName().equals("--help") || !seen.add(spec)) return false;
            spec.setter().set(options, "");
        }
        return true;
    }

    private static boolean clusterOfFlags(String arg) {
        if (arg.length() < 3 || arg.charAt(0) != '-' || arg.charAt(1) == '-') return false;
        for (int c = 1; c < arg.length(); c++) {
            Spec spec = OptionTable.BY_NAME.get("-" + arg.charAt(c));
            if (spec == null || spec.kind() != Kind.FLAG) return false;
        }
        return true;
    }
}
