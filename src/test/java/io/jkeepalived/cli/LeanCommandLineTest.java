package io.jkeepalived.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Option;

/** The lean reader either declines a command line or reads it exactly as picocli does. */
class LeanCommandLineTest {
    private static Optional<CliOptions> picocli(String... args) {
        var sink = new PrintStream(new ByteArrayOutputStream());
        return switch (FullCommandLine.parse(args, sink, sink)) {
            case FullCommandLine.Parsed.Options o -> Optional.of(o.options());
            case FullCommandLine.Parsed.Done d -> Optional.empty();
        };
    }

    private static final List<Field> FIELDS = Arrays.stream(CliOptions.class.getDeclaredFields())
            .filter(f -> !Modifier.isStatic(f.getModifiers())).toList();

    /** Every field of the two, by name, where they differ. */
    private static Map<String, String> differences(CliOptions a, CliOptions b) throws IllegalAccessException {
        var diff = new HashMap<String, String>();
        for (Field f : FIELDS) {
            if (!java.util.Objects.equals(f.get(a), f.get(b))) diff.put(f.getName(), f.get(a) + " vs " + f.get(b));
        }
        return diff;
    }

    @Test
    void theTableHasEveryOptionOfCliOptionsAsPicocliDeclaresIt() throws Exception {
        var specs = new HashSet<>(OptionTable.SPECS);
        for (Field f : FIELDS) {
            Option o = f.getAnnotation(Option.class);
            var names = Set.of(o.names());
            var spec = OptionTable.BY_NAME.get(o.names()[0]);
            assertThat(spec).as(f.getName()).isNotNull();
            var specNames = new HashSet<String>();
            specNames.add(spec.longName());
            if (!spec.shortName().isEmpty()) specNames.add(spec.shortName());
            assertThat(specNames).as(f.getName()).isEqualTo(names);
            OptionTable.Kind kind = f.getType() == boolean.class ? OptionTable.Kind.FLAG
                    : o.arity().equals("0..1") ? OptionTable.Kind.OPTIONAL_VALUE : OptionTable.Kind.VALUE;
            assertThat(spec.kind()).as(f.getName()).isEqualTo(kind);
            if (kind == OptionTable.Kind.OPTIONAL_VALUE) assertThat(spec.fallback()).isEqualTo(o.fallbackValue());
            // its setter changes its own field and no other
            var set = new CliOptions();
            spec.setter().set(set, "x");
            assertThat(differences(set, new CliOptions()).keySet()).as(f.getName()).containsExactly(f.getName());
            specs.remove(spec);
        }
        assertThat(specs).as("specs of no field").isEmpty();
    }

    @Test
    void daemonCommandLinesAreReadWithoutPicocli() throws Exception {
        for (String[] args : List.of(
                new String[] {},
                new String[] {"--dont-fork"},
                new String[] {"-n", "-G", "--vrrp", "-f", "/etc/k.conf", "-p", "/run/p", "-r", "/run/r", "-c", "/run/c"},
                new String[] {"-l", "-D", "-S", "0"},
                new String[] {"-nlD"},
                new String[] {"-C", "--control-socket", "/run/jk/c.sock", "--metrics-listen", "198.18.0.1:9100"},
                new String[] {"-s", "ns1", "-i", "node1", "-g"},
                new String[] {"--log-file=/var/log/k.log", "-M", "-n"},
                new String[] {"-M", "--use-file=/etc/k.conf"},
                new String[] {"-t", "-f", "/etc/k.conf", "--dump-json"},
                new String[] {"--config-test=/tmp/log", "--use-file", "k.conf", "-e", "--config-id=a"},
                new String[] {"-v"},
                new String[] {"--signum", "STOP"},
                new String[] {"--signum=RELOAD"})) {
            var lean = LeanCommandLine.parse(args);
            assertThat(lean).as("%s", List.of(args)).isPresent();
            var full = picocli(args);
            assertThat(full).as("%s", List.of(args)).isPresent();
            assertThat(differences(lean.get(), full.get())).as("%s", List.of(args)).isEmpty();
        }
    }

    @Test
    void whatPicocliMightReadOtherwiseIsDeclined() {
        for (String[] args : List.of(
                new String[] {"-t", "/tmp/log", "-f", "k.conf"},
                new String[] {"-g", "/var/log/k.log", "-n"},
                new String[] {"--pid=-x"},
                new String[] {"-f", "a", "-f", "b"},
                new String[] {"-P", "--vrrp"},
                new String[] {"-nln"},
                new String[] {"-t", "-f"},
                new String[] {"-f", "-e"},
                new String[] {"-f", "@args"},
                new String[] {"-nf", "k.conf"},
                new String[] {"-fk.conf"},
                new String[] {"-f=k.conf"},
                new String[] {"-ng"},
                new String[] {"--dump-json=yes"},
                new String[] {"--bogus"},
                new String[] {"--", "-n"},
                new String[] {"word"},
                new String[] {"-h"},
                new String[] {"-nh"},
                new String[] {"--help"})) {
            assertThat(LeanCommandLine.parse(args)).as("%s", List.of(args)).isEmpty();
        }
    }

    private static final List<String> WORDS = List.of("k.conf", "/etc/keepalived/keepalived.conf", "node1", "",
            "-", "-x", "--vrrp", "-f", "-nl", "@k.conf", "a=b", "\"q\"", "'s'", " spaced ", "local7", "0",
            "198.18.0.1:9100", "[2001:db8::1]:9100", "STOP", "--", "x\u0000y", "\u00fcber", "--use-file=z");
    private static final List<String> JUNK = List.of("-nlD", "-nG", "-PC", "-nf", "-nn", "-ng", "-lt", "-h",
            "--help", "--bogus", "word", "--", "-", "-f=x", "-fk.conf", "--vrrp=true", "--use", "-T", "-Gx",
            "--log-file=", "--config-test=", "--use-file=", "--pid=a=b");

    /** A command line made of the table's options in their every form, with odd values and junk now and then. */
    private static String[] generate(Random r) {
        var args = new ArrayList<String>();
        int n = r.nextInt(9);
        for (int k = 0; k < n; k++) {
            if (r.nextInt(8) == 0) {
                args.add(JUNK.get(r.nextInt(JUNK.size())));
                continue;
            }
            OptionTable.Spec s = OptionTable.SPECS.get(r.nextInt(OptionTable.SPECS.size()));
            boolean longForm = s.shortName().isEmpty() || r.nextBoolean();
            String name = longForm ? s.longName() : s.shortName();
            String word = r.nextInt(3) == 0 ? WORDS.get(r.nextInt(WORDS.size())) : "w" + r.nextInt(3);
            int form = r.nextInt(10);
            switch (s.kind()) {
                case FLAG -> args.add(form == 0 ? name + "=true" : name);
                case VALUE -> {
                    if (longForm && form < 3) {
                        args.add(name + "=" + word);
                    } else {
                        args.add(name);
                        if (form != 9) args.add(word);
                    }
                }
                case OPTIONAL_VALUE -> {
                    if (longForm && form < 3) {
                        args.add(name + "=" + word);
                    } else {
                        args.add(name);
                        if (form > 6) args.add(word);
                    }
                }
            }
        }
        return args.toArray(String[]::new);
    }

    @Test
    void wheneverTheLeanReaderAcceptsPicocliReadsTheSame() throws Exception {
        var r = new Random(14);
        int lines = 4000;
        int accepted = 0;
        for (int k = 0; k < lines; k++) {
            String[] args = generate(r);
            var lean = LeanCommandLine.parse(args);
            if (lean.isEmpty()) continue;
            accepted++;
            var full = picocli(args);
            assertThat(full).as("picocli refuses %s", List.of(args)).isPresent();
            assertThat(differences(lean.get(), full.get())).as("%s", List.of(args)).isEmpty();
        }
        // most generated lines are ordinary: a reader declining nearly everything would pass vacuously
        assertThat(accepted).isGreaterThan(lines / 4);
    }
}
