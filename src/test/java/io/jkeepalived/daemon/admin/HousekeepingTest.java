package io.jkeepalived.daemon.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.daemon.admin.GuardedServer.Limits;
import io.jkeepalived.daemon.admin.GuardedServer.Render;
import io.jkeepalived.daemon.admin.GuardedServer.Step;
import io.jkeepalived.status.DaemonStatus;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** An endpoint's thread does the housekeeping on time, idle or busy, and still answers on time. */
@Timeout(30)
class HousekeepingTest {
    @TempDir
    Path dir;

    private static final Limits LIMITS = new Limits(8, Duration.ofSeconds(10), 64, Duration.ofSeconds(2));
    private static final Duration EVERY = Duration.ofMillis(50);

    /** The threads the housekeeping ran on, one entry per run. */
    private final List<String> ranOn = new CopyOnWriteArrayList<>();

    private Optional<Housekeeping> counting() {
        return Optional.of(new Housekeeping(EVERY, () -> ranOn.add(Thread.currentThread().getName())));
    }

    private static Render text(String s) {
        return () -> Optional.of(ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anIdleServerDoesItsHousekeepingPeriodicallyOnItsOwnThread() throws Exception {
        try (var server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(dir.resolve("g.sock")));
            try (var g = new GuardedServer("test", server, LIMITS, (r, l, i) -> new Step.Close(), counting())) {
                Thread.sleep(1000);
                assertThat(g.view().open()).isZero();
            }
        }
        // about 20 runs in a second; a loaded machine may delay some, never add any
        assertThat(ranOn).hasSizeBetween(5, 21);
        assertThat(ranOn).containsOnly("jk-test");
    }

    @Test
    void aPendingAnswerStillGetsTheLateOneInTimeAndHousekeepingGoesOn() throws Exception {
        Path sock = dir.resolve("g.sock");
        var at = UnixDomainSocketAddress.of(sock);
        try (var server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(at);
            Step.Answer never = new Step.Answer(new CompletableFuture<>(), text("late\n"));
            try (var g = new GuardedServer("test", server, LIMITS, (r, l, i) -> never, counting())) {
                long t0 = System.nanoTime();
                assertThat(AdminWire.ask(at, "x\n")).isEqualTo("late\n");
                assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isBetween(1900L, 3000L);
                assertThat(ranOn.size()).as("runs while the answer was pending").isGreaterThanOrEqualTo(10);
                assertThat(g.view().timedOut()).isZero();
            }
        }
    }

    @Test
    void withoutHousekeepingNothingRuns() throws Exception {
        try (var server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(dir.resolve("g.sock")));
            try (var g = new GuardedServer("test", server, LIMITS, (r, l, i) -> new Step.Close(), Optional.empty())) {
                Thread.sleep(300);
                assertThat(g.view().open()).isZero();
            }
        }
        assertThat(ranOn).isEmpty();
    }

    @Test
    void theControlSocketsThreadDoesTheHousekeepingItIsGiven() throws Exception {
        CompletableFuture<DaemonStatus> none = new CompletableFuture<>();
        try (var cs = ControlSocket.open(dir.resolve("c.sock"), () -> none, counting()).orElseThrow()) {
            Thread.sleep(500);
            assertThat(cs.view().open()).isZero();
        }
        assertThat(ranOn).hasSizeGreaterThanOrEqualTo(3).containsOnly("jk-control");
    }

    @Test
    void theDaemonsHousekeepingTrimsTheNativeHeapEveryFiveSeconds() {
        var trim = Housekeeping.trimNativeHeap();
        assertThat(trim.every()).isEqualTo(Duration.ofSeconds(5));
        trim.task().run(); // malloc_trim(0), on this thread: returns without error
    }
}
