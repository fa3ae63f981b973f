package io.jkeepalived.daemon.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Serving status and metrics starts no virtual-thread machinery. Checked in a JVM of its own
 * ({@link AdminThreadsProbe}): in this one, any other test may already have started it.
 */
class GuardedServerThreadsTest {
    @TempDir
    Path dir;

    /**
     * The JDK's virtual-thread support threads (JDK 25: {@code ForkJoinPool-1-worker-N} carriers,
     * {@code ForkJoinPool-1-delayScheduler}, {@code MasterPoller}, {@code VirtualThread-unblocker};
     * earlier JDKs: {@code Read-Poller}, {@code VirtualThread-unparker}) and CompletableFuture's
     * timeout thread ({@code ForkJoinPool.commonPool-delayScheduler}, earlier
     * {@code CompletableFutureDelayScheduler}). The kernel's names are cut at 15 characters.
     */
    private static final Pattern SCHEDULER = Pattern.compile(
            "(thread|task) (ForkJoinPool|VirtualThread-|MasterPoller|Read-Poller|Write-Poller|CompletableFutureDe).*");

    private List<String> probe(String mode) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), AdminThreadsProbe.class.getName(), dir.toString(), mode)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.lines().toList();
    }

    @Test
    void servingStatusMetricsAndDumpsStartsNoVirtualThreadScheduler() throws Exception {
        List<String> out = probe("serve");
        assertThat(out).as("the probe served everything").contains("ok");
        assertThat(out).as("the servers' own threads are listed").contains("thread jk-control", "thread jk-metrics");
        assertThat(out.stream().filter(l -> SCHEDULER.matcher(l).matches()).toList()).as(String.join("\n", out)).isEmpty();
    }

    @Test
    void oneVirtualThreadShowsWhatTheCheckLooksFor() throws Exception {
        List<String> out = probe("virtual");
        assertThat(out.stream().filter(l -> SCHEDULER.matcher(l).matches()).toList()).as(String.join("\n", out))
                .isNotEmpty();
    }
}
