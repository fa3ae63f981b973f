package io.jkeepalived.cli;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;

/**
 * The plain {@code -t} command lines ({@code -t -f FILE}, with {@code -e}, {@code -i ID},
 * {@code --dump-json}, {@code --config-test=LOG}) read without picocli: building picocli's model
 * by reflection was a fifth of {@code -t}'s time, and its Java 5 class files cannot go into a
 * class-data archive. Anything else, an option given twice, or a value that looks like an option
 * is declined, and {@link FullCommandLine} parses it with every flag and message keepalived has.
 */
final class ConfigTestArgs {
    private ConfigTestArgs() {}

    static Optional<CliOptions> parse(String[] args) {
        var o = new CliOptions();
        var seen = new HashSet<String>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String key = a.startsWith("--") && a.indexOf('=') > 0 ? a.substring(0, a.indexOf('=')) : a;
            String inline = key.length() < a.length() ? a.substring(key.length() + 1) : null;
            String name = switch (key) {
                case "-t", "--config-test" -> "t";
                case "-f", "--use-file" -> "f";
                case "-i", "--config-id" -> "i";
                case "-e", "--all-config" -> "e";
                case "--dump-json" -> "j";
                default -> "";
            };
            if (name.isEmpty() || !seen.add(name)) return Optional.empty();
            switch (name) {
                case "t" -> {
                    // picocli would take a following non-option word as the log file: leave that to it
                    if (inline == null && i + 1 < args.length && !args[i + 1].startsWith("-")) return Optional.empty();
                    o.configTest = Optional.of(inline == null ? "" : inline);
                }
                case "e", "j" -> {
                    if (inline != null) return Optional.empty();
                    if (name.equals("e")) o.allConfig = true;
                    else o.dumpJson = true;
                }
                default -> {
                    String value = inline;
                    if (value == null) {
                        if (i + 1 >= args.length || args[i + 1].startsWith("-")) return Optional.empty();
                        value = args[++i];
                    }
                    if (name.equals("f")) o.useFile = Path.of(value);
                    else o.configId = Optional.of(value);
                }
            }
        }
        return o.configTest.isPresent() ? Optional.of(o) : Optional.empty();
    }
}
