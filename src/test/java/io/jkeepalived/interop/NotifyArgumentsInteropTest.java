package io.jkeepalived.interop;

import static io.jkeepalived.testing.Lan.VIP4;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jkeepalived.testing.Cluster;
import io.jkeepalived.testing.Impl;
import io.jkeepalived.testing.KeepalivedConf;
import io.jkeepalived.testing.Node.State;
import io.jkeepalived.testing.Takeover;
import io.jkeepalived.testing.Takeover.Stop;
import io.jkeepalived.testing.VrrpInstanceConf;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The same failover (election, then SIGTERM of the master) with C keepalived on both nodes and with
 * jkeepalived on both nodes: each node's {@code notify} script must receive the same calls, with
 * keepalived's arguments in keepalived's order ({@code INSTANCE VI_1 MASTER 150}, …).
 */
@Tag("system")
@Tag("interop")
class NotifyArgumentsInteropTest {

    private static final String VI = "VI_1";

    @Test
    void notifyScriptsGetTheSameCallsFromBothImplementations() throws Exception {
        assumeTrue(ProcessHandle.current().info().user().orElse("").equals("root"), "needs root");
        assumeTrue(Impl.C.available() && Impl.J.available(), "implementations not installed/built");
        // script security refuses scripts under world-writable directories such as /tmp
        var dir = Files.createTempDirectory(Files.createDirectories(Impl.repoRoot().resolve("target")), "jk-h-notify",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        try {
            var script = dir.resolve("notify.sh");
            Files.writeString(script, "#!/bin/sh\nout=$1\nshift\necho \"$*\" >> \"$out\"\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
            var c = scenario(Impl.C, script, dir.resolve("c"));
            var j = scenario(Impl.J, script, dir.resolve("j"));
            assertThat(c.getFirst()).as("C keepalived's calls on the first master").isNotEmpty();
            assertThat(j).as("calls per node, jkeepalived vs C keepalived").isEqualTo(c);
        } finally {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Runs the failover and returns each node's notify calls, one line per call. */
    private static List<List<String>> scenario(Impl impl, Path script, Path out) throws Exception {
        Files.createDirectories(out);
        var files = List.of(out.resolve("node1"), out.resolve("node2"));
        try (var c = Cluster.create("jk-h-ntf", 2)) {
            for (int i = 0; i < 2; i++) {
                var inst = VrrpInstanceConf.v2(VI, 51, i == 0 ? 150 : 100, VIP4 + "/24")
                        .withExtra("notify \"" + script + " " + files.get(i) + "\"");
                c.start(i, impl, KeepalivedConf.of("node" + (i + 1), inst)
                        .withGlobal("enable_script_security", "script_user root"));
                if (i == 0) {
                    // node 2 starts once node 1 is MASTER: a slow start of node 1 would otherwise let
                    // node 2 be MASTER first, and its calls would depend on the machine's load
                    c.node(0).awaitState(0, VI, State.MASTER, Duration.ofSeconds(30));
                }
            }
            Takeover.awaitElected(c, 0, VI, VIP4, 2);
            c.node(0).terminate();
            c.node(1).awaitState(0, VI, State.MASTER, Duration.ofSeconds(5));
            c.node(0).awaitExit(Duration.ofSeconds(10));
            await(files.get(1), "INSTANCE VI_1 MASTER 100");
            // C keepalived calls notify with STOP when it stops (seen: BACKUP, MASTER, STOP on node 1)
            await(files.get(0), "INSTANCE VI_1 STOP 150");
        }
        return List.of(lines(files.get(0)), lines(files.get(1)));
    }

    /** Notify scripts run asynchronously: poll their output file (no event to wait on) with a deadline. */
    private static void await(Path file, String line) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!lines(file).contains(line)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(file + " never got '" + line + "'; it has " + lines(file));
            }
            Thread.sleep(20);
        }
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }
}
