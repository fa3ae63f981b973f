package io.jkeepalived.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A daemon's command line is read without loading one picocli class. Checked in a JVM of its own
 * (in this one the other tests have loaded picocli), with {@code -v} added so that it stops right
 * after reading the line, on the same path the daemon takes up to there.
 */
class PicocliFreeStartTest {
    /** The classes the JVM loaded running Main with {@code args}, from its class+load log. */
    private static List<String> loaded(String... args) throws Exception {
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-Xlog:class+load=info:stdout:tags",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains(Main.VERSION);
        return out.lines().filter(l -> l.startsWith("[class,load]")).toList();
    }

    @Test
    void aDaemonCommandLineLoadsNoPicocliClass() throws Exception {
        List<String> classes = loaded("-n", "-G", "--vrrp", "-f", "/etc/keepalived/keepalived.conf",
                "-p", "/run/k.pid", "-r", "/run/v.pid", "--control-socket", "/run/jk/c.sock", "-lD", "-v");
        assertThat(classes).as("the log lists classes").anyMatch(l -> l.contains(" io.jkeepalived.cli.Main "));
        assertThat(classes).filteredOn(l -> l.contains(" picocli.")).isEmpty();
    }

    /** What the check above looks for is there when picocli does the reading. */
    @Test
    void aDeclinedLineShowsPicocliInTheLog() throws Exception {
        List<String> classes = loaded("-v", "-g", "k.log");
        assertThat(classes).filteredOn(l -> l.contains(" picocli.")).isNotEmpty();
    }
}
