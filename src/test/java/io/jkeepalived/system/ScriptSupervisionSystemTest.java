package io.jkeepalived.system;

import static io.jkeepalived.testing.Lan.VIP4;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jkeepalived.testing.Cluster;
import io.jkeepalived.testing.Impl;
import io.jkeepalived.testing.KeepalivedConf;
import io.jkeepalived.testing.Node;
import io.jkeepalived.testing.VrrpInstanceConf;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 items 2 and 8 on a running daemon: vrrp_scripts that leave a background child holding
 * their stdout cost the daemon nothing once each run ends, status stays quick, and scripts and
 * notify scripts start with no signal ignored or blocked although the daemon blocks 36 and 63.
 */
@Tag("system")
class ScriptSupervisionSystemTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SCRIPTS = 5;
    private static final int RUNS = 30;

    @BeforeEach
    void needsRoot() {
        assumeTrue(ProcessHandle.current().info().user().orElse("").equals("root"), "needs root");
        assumeTrue(Impl.J.available(), "jkeepalived not built");
    }

    @Test
    void backgroundChildrenLeakNothingAndScriptsStartWithCleanSignals() throws Exception {
        String marker = "9900." + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        List<String> sleepArgv = List.of("/bin/sleep", marker);
        try (var c = Cluster.create("jk-sup", 1)) {
            Path sigs = Files.createTempDirectory("jk-sup-sig");
            Path scriptSig = sigs.resolve("script");
            Path notifySig = sigs.resolve("notify");
            StringBuilder blocks = new StringBuilder();
            List<String> track = new ArrayList<>(List.of("track_script {"));
            for (int i = 0; i < SCRIPTS; i++) {
                blocks.append("vrrp_script bg").append(i).append(" {\n    script \"/bin/sh -c '/bin/sleep ")
                        .append(marker).append(" & exit 0'\"\n    interval 1\n}\n");
                track.add("    bg" + i);
            }
            blocks.append("vrrp_script sig {\n    script \"/bin/sh -c 'grep ^Sig /proc/self/status > ")
                    .append(scriptSig).append("'\"\n    interval 1\n}\n");
            track.add("    sig");
            track.add("}");
            track.add("notify_master \"/bin/sh -c 'grep ^Sig /proc/self/status > " + notifySig + "'\"");
            var conf = VrrpInstanceConf.v2("VI_1", 51, 150, VIP4 + "/24").withExtra(track.toArray(String[]::new));
            Node n = c.start(0, Impl.J, KeepalivedConf.of("node1", conf).withBlock(blocks.toString()));
            try {
                n.awaitState(0, "VI_1", Node.State.MASTER, Duration.ofSeconds(30));
                // warm-up: every script has run a couple of times, the daemon's threads are all up
                long startRuns = awaitRuns(n, 2, Duration.ofSeconds(30));
                int threads = quiet(() -> threads(n.pid()));
                int fds = quiet(() -> openFds(n.pid()));
                List<Long> statusMillis = new ArrayList<>();
                long deadline = System.nanoTime() + Duration.ofSeconds(RUNS + 30).toNanos();
                while (minRuns(n, statusMillis) < startRuns + RUNS && System.nanoTime() < deadline) {
                    Thread.sleep(250); // paced polling: the answer time of status is what is measured
                }
                assertThat(minRuns(n, statusMillis)).as("runs of every script").isGreaterThanOrEqualTo(startRuns + RUNS);
                List<Long> sorted = statusMillis.stream().sorted().toList();
                int threadsAfter = quiet(() -> threads(n.pid()));
                int fdsAfter = quiet(() -> openFds(n.pid()));
                System.out.printf("daemon threads %d -> %d, fds %d -> %d; status ms median %d, p95 %d, max %d over %d calls%n",
                        threads, threadsAfter, fds, fdsAfter, sorted.get(sorted.size() / 2),
                        sorted.get(sorted.size() * 95 / 100), sorted.getLast(), sorted.size());
                assertThat(threadsAfter).as("daemon threads after %d runs of each script", RUNS)
                        .isBetween(threads - 5, threads + 5);
                assertThat(fdsAfter).as("daemon fds after %d runs of each script", RUNS)
                        .isBetween(fds - 5, fds + 5);
                // under 100 ms; a rare slower answer on a loaded machine is the scheduler's, a
                // blocked status (what the leak led to) takes seconds
                assertThat(sorted.get(sorted.size() * 95 / 100)).as("95th percentile status time (ms) of %s", statusMillis)
                        .isLessThan(100);
                assertThat(sorted.getLast()).as("slowest status (ms) of %s", statusMillis).isLessThan(1000);
                // C leaves the children running too: they are the script's business, not the daemon's
                assertThat(pidsWithArgv(sleepArgv).size()).isGreaterThanOrEqualTo(SCRIPTS * RUNS);

                String daemon = Files.readString(Path.of("/proc/" + n.pid() + "/status"));
                assertThat(sigField(daemon, "SigBlk") & (bit(36) | bit(63))).as("the daemon blocks 36/63")
                        .isEqualTo(bit(36) | bit(63));
                for (Path p : List.of(scriptSig, notifySig)) {
                    String child = Files.readString(p);
                    assertThat(sigField(child, "SigIgn")).as(p + ": " + child).isZero();
                    assertThat(sigField(child, "SigBlk")).as(p + ": " + child).isZero();
                }
            } finally {
                for (long pid : pidsWithArgv(sleepArgv)) {
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
        }
    }

    /** Waits until every bg script has run {@code n} times; returns the smallest run count then. */
    private static long awaitRuns(Node n, long runs, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long now;
        while ((now = minRuns(n, new ArrayList<>())) < runs && System.nanoTime() < deadline) {
            Thread.sleep(100); // the counters have no event of their own
        }
        return now;
    }

    /** One {@code status --json}, timed; the smallest run count among the bg scripts. */
    private static long minRuns(Node n, List<Long> millis) throws Exception {
        long t0 = System.nanoTime();
        StatusSystemTest.Reply r = StatusSystemTest.status(n, "--json");
        millis.add((System.nanoTime() - t0) / 1_000_000);
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode scripts = JSON.readTree(r.out()).path("vrrp_scripts");
        return IntStream.range(0, scripts.size()).mapToObj(scripts::get)
                .filter(s -> s.path("name").asText().startsWith("bg"))
                .mapToLong(s -> s.path("runs").asLong()).min().orElse(0);
    }

    private interface Count {
        int get() throws IOException;
    }

    /**
     * The smallest of 20 samples over a second: a run in flight holds two descriptors (and the
     * daemon may briefly hold a thread) until it ends, so the quiet moments between runs are compared.
     */
    private static int quiet(Count count) throws Exception {
        int min = Integer.MAX_VALUE;
        for (int i = 0; i < 20; i++) {
            min = Math.min(min, count.get());
            Thread.sleep(50); // sampling across a script interval, not waiting for an event
        }
        return min;
    }

    private static int threads(long pid) throws IOException {
        return Integer.parseInt(field(Files.readString(Path.of("/proc/" + pid + "/status")), "Threads"));
    }

    private static int openFds(long pid) throws IOException {
        try (Stream<Path> s = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            return (int) s.count();
        }
    }

    private static String field(String status, String name) {
        return status.lines().filter(l -> l.startsWith(name + ":")).findFirst()
                .map(l -> l.substring(name.length() + 1).strip()).orElseThrow(() -> new AssertionError("no " + name));
    }

    private static long sigField(String status, String name) {
        return Long.parseUnsignedLong(field(status, name), 16);
    }

    private static long bit(int signal) {
        return 1L << (signal - 1);
    }

    private static List<Long> pidsWithArgv(List<String> argv) throws IOException {
        String want = String.join("\0", argv) + "\0";
        List<Long> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of("/proc"))) {
            for (Path p : s.toList()) {
                String name = p.getFileName().toString();
                if (name.chars().allMatch(Character::isDigit)) {
                    try {
                        if (Files.readString(p.resolve("cmdline")).equals(want)) {
                            out.add(Long.parseLong(name));
                        }
                    } catch (IOException gone) {
                        // exited while we looked
                    }
                }
            }
        }
        return out;
    }
}
