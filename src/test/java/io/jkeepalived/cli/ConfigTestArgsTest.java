package io.jkeepalived.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigTestArgsTest {
    private static CliOptions picocli(String... args) {
        var sink = new PrintStream(new ByteArrayOutputStream());
        return switch (FullCommandLine.parse(args, sink, sink)) {
            case FullCommandLine.Parsed.Options o -> o.options();
            case FullCommandLine.Parsed.Done d -> throw new AssertionError("picocli refused " + List.of(args));
        };
    }

    @Test
    void plainCheckCommandLinesReadAsPicocliReadsThem() {
        for (String[] args : List.of(
                new String[] {"-t", "-f", "/etc/k.conf"},
                new String[] {"-f", "/etc/k.conf", "-t"},
                new String[] {"--use-file=/etc/k.conf", "--config-test"},
                new String[] {"--config-test=/tmp/log", "--use-file", "k.conf"},
                new String[] {"-t", "-e", "-i", "node1", "--dump-json", "-f", "k.conf"},
                new String[] {"--all-config", "--config-id=node1", "-t"},
                new String[] {"-t"})) {
            var lean = ConfigTestArgs.parse(args);
            assertThat(lean).as("%s", List.of(args)).isPresent();
            var full = picocli(args);
            assertThat(lean.get().configTest).as("%s", List.of(args)).isEqualTo(full.configTest);
            assertThat(lean.get().useFile).isEqualTo(full.useFile);
            assertThat(lean.get().configId).isEqualTo(full.configId);
            assertThat(lean.get().allConfig).isEqualTo(full.allConfig);
            assertThat(lean.get().dumpJson).isEqualTo(full.dumpJson);
        }
    }

    @Test
    void anythingElseIsLeftToPicocli() {
        for (String[] args : List.of(
                new String[] {"-f", "k.conf"},
                new String[] {"-t", "/tmp/log", "-f", "k.conf"},
                new String[] {"-t", "-f", "a", "-f", "b"},
                new String[] {"-t", "-t"},
                new String[] {"-t", "-f"},
                new String[] {"-t", "-f", "-e"},
                new String[] {"-t", "-n", "-f", "k.conf"},
                new String[] {"-tf", "k.conf"},
                new String[] {"-t", "--dump-json=yes"},
                new String[] {"-t", "--bogus"},
                new String[] {"-t", "-h"},
                new String[] {})) {
            assertThat(ConfigTestArgs.parse(args)).as("%s", List.of(args)).isEmpty();
        }
    }
}
