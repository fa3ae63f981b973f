package io.jkeepalived.system;

import static io.jkeepalived.testing.Lan.VIP4;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jkeepalived.testing.Cluster;
import io.jkeepalived.testing.Impl;
import io.jkeepalived.testing.KeepalivedConf;
import io.jkeepalived.testing.Node;
import io.jkeepalived.testing.Node.State;
import io.jkeepalived.testing.Signals;
import io.jkeepalived.testing.VrrpInstanceConf;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The daemon as {@code bin/jkeepalived} starts it: its control signals blocked before exec and read by
 * the loop from a signalfd, a JVM with no thread of its own for signals (no Signal Dispatcher, no
 * attach listener), QUIT answered with a thread dump instead of killing the process, and signals that
 * the parent left ignored (a shell's {@code &} ignores INT and QUIT) answered all the same.
 */
@Tag("system")
class LauncherSignalsSystemTest {

    /** Starts its arguments with INT and QUIT ignored, as a non-interactive shell's {@code cmd &} does. */
    private static final List<String> IGNORING_INT_AND_QUIT = List.of("/bin/sh", "-c", "trap '' INT QUIT; exec \"$@\"", "sh");

    @Test
    void signalsReachTheLoopAndTheJvmStartsNoThreadForThem() throws Exception {
        assumeTrue(ProcessHandle.current().info().user().orElse("").equals("root"), "needs root");
        assumeTrue(Impl.J.available(), "jkeepalived not built");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/perl")), "the launcher blocks signals with perl");
        try (var c = Cluster.create("jk-sig", 1)) {
            Node n = c.start(0, Impl.J, KeepalivedConf.of("sig", VrrpInstanceConf.v2("VI_1", 51, 100, VIP4 + "/24")),
                    Map.of(), IGNORING_INT_AND_QUIT);
            n.awaitState(0, "VI_1", State.MASTER, Duration.ofSeconds(30));

            assertThat(threads(n.pid())).doesNotContain("Signal Dispatch", "Attach Listener").contains("jk-control");
            String status = Files.readString(Path.of("/proc/" + n.pid() + "/status"));
            long blocked = field(status, "SigBlk");
            for (int s : new int[] {1, 2, 3, 10, 12, 15, 36, 63}) {
                assertThat(blocked & bit(s)).as("signal %d blocked: %s", s, status).isNotZero();
            }
            assertThat(field(status, "SigIgn") & (bit(2) | bit(3))).as("INT and QUIT back at their default").isZero();

            int mark = n.log().mark();
            Signals.send(n.pid(), "QUIT");
            n.log().await(mark, "SIGQUIT: the daemon's threads", Duration.ofSeconds(10));
            n.log().await(mark, "^\\s*at .*EventLoop\\.run", Duration.ofSeconds(10));
            assertThat(n.alive()).isTrue();

            Signals.send(n.pid(), "HUP");
            n.log().await(mark, "Reload: configuration unchanged", Duration.ofSeconds(10));

            Signals.send(n.pid(), "INT");
            assertThat(n.awaitExit(Duration.ofSeconds(15))).contains(0);
            assertThat(n.log().matching(mark, "Stopped")).isNotEmpty();
            assertThat(n.log().matching(mark, "Entering (BACKUP|FAULT) STATE")).isEmpty();
        }
    }

    private static List<String> threads(long pid) throws Exception {
        List<String> names = new ArrayList<>();
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path t : tasks.toList()) names.add(Files.readString(t.resolve("comm")).strip());
        }
        return names;
    }

    private static long field(String status, String name) {
        return status.lines().filter(l -> l.startsWith(name + ":")).findFirst()
                .map(l -> Long.parseUnsignedLong(l.substring(name.length() + 1).strip(), 16)).orElseThrow();
    }

    private static long bit(int signal) {
        return 1L << (signal - 1);
    }

    @Test
    void theHealthCheckerAloneStopsOnTerm(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        assumeTrue(ProcessHandle.current().info().user().orElse("").equals("root"), "needs root");
        assumeTrue(Impl.J.available(), "jkeepalived not built");
        try (var ns = io.jkeepalived.testing.NetNs.create("jk-sigc")) {
            Node n = Node.startCheckerOnly(Impl.J, "checker", ns, "global_defs { router_id sigc }\n", dir);
            n.log().await(0, "only the health checker runs", Duration.ofSeconds(30));
            assertThat(threads(n.pid())).doesNotContain("Signal Dispatch", "Attach Listener");
            Signals.send(n.pid(), "TERM");
            assertThat(n.awaitExit(Duration.ofSeconds(15))).contains(0);
        }
    }
}
