package io.jkeepalived.daemon.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.daemon.admin.GuardedServer.Limits;
import io.jkeepalived.daemon.admin.GuardedServer.Render;
import io.jkeepalived.daemon.admin.GuardedServer.Step;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The single-threaded server itself, with a line-based handler whose answers are futures completed
 * by a fake event loop: slow, idle and pending clients never hold up another client's answer.
 */
@Timeout(30) // a server that blocks on one client would hang the test, not fail it
class GuardedServerTest {
    @TempDir
    Path dir;

    /** 8 MiB: about a status of 10,000 real servers. */
    private static final int BIG = 8 << 20;
    private static final Limits LIMITS = new Limits(8, Duration.ofSeconds(10), 64, Duration.ofSeconds(2));

    /** Stands in for the event loop: completes the answers' futures on a thread of its own. */
    private final ExecutorService loop = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("fake-loop").factory());
    /** Threads that rendered an answer. */
    private final List<String> renderedOn = new CopyOnWriteArrayList<>();
    /** Answers the test completes itself, by request line. */
    private final Map<String, CompletableFuture<Render>> held = new ConcurrentHashMap<>();

    @AfterEach
    void stopLoop() {
        loop.shutdownNow();
    }

    private static byte[] big() {
        byte[] b = new byte[BIG];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i % 251); // a pattern, so that a lost or repeated chunk shows
        }
        return b;
    }

    private Render text(String s) {
        return () -> {
            renderedOn.add(Thread.currentThread().getName());
            return Optional.of(ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8)));
        };
    }

    /** {@code small}, {@code big}: answered by the loop; {@code hold-*}: when the test says; {@code boom}: the handler throws. */
    private Step lines(byte[] request, int length, GuardedServer.Input input) {
        String text = new String(request, 0, length, StandardCharsets.UTF_8);
        if (input == GuardedServer.Input.OPEN && text.indexOf('\n') < 0) {
            return new Step.Incomplete();
        }
        String line = text.strip();
        Render late = text("late\n");
        return switch (line) {
            case "small" -> new Step.Answer(CompletableFuture.supplyAsync(() -> text("small answer\n"), loop), late);
            case "big" -> new Step.Answer(CompletableFuture.supplyAsync(() -> () -> {
                renderedOn.add(Thread.currentThread().getName());
                return Optional.of(ByteBuffer.wrap(big()));
            }, loop), late);
            case "boom" -> throw new IllegalStateException("a handler bug");
            case "render-boom" -> Step.Answer.now(() -> {
                throw new IllegalStateException("a render bug");
            });
            default -> line.startsWith("hold-")
                    ? new Step.Answer(held.computeIfAbsent(line, k -> new CompletableFuture<>()), late)
                    : new Step.Close();
        };
    }

    private static long millisSince(long t0) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }

    @Test
    void idlePartialAndPendingClientsDoNotDelayAnotherAnswer() throws Exception {
        Path sock = dir.resolve("g.sock");
        var at = UnixDomainSocketAddress.of(sock);
        try (var server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(at);
            try (var g = new GuardedServer("test", server, LIMITS, this::lines);
                 var idle = SocketChannel.open(at);
                 var partial = SocketChannel.open(at);
                 var pending = SocketChannel.open(at)) {
                AdminWire.send(partial, "sma"); // and never the rest
                AdminWire.send(pending, "hold-1\n"); // its answer never comes
                long t0 = System.nanoTime();
                assertThat(AdminWire.ask(at, "small\n")).isEqualTo("small answer\n");
                assertThat(millisSince(t0)).as("answered past an idle, a partial and a pending client").isLessThan(1000);
                assertThat(g.view().open()).as("the three others still held").isEqualTo(3);
                assertThat(idle.isConnected() && partial.isConnected() && pending.isConnected()).isTrue();
                assertThat(renderedOn).containsOnly("jk-test");
            }
        }
    }

    @Test
    void aSlowReaderOfABigAnswerGetsAllOfItWithoutHoldingUpOthers() throws Exception {
        Path sock = dir.resolve("g.sock");
        var at = UnixDomainSocketAddress.of(sock);
        try (var server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(at);
            try (var g = new GuardedServer("test", server, LIMITS, this::lines);
                 var slow = SocketChannel.open(at)) {
                AdminWire.send(slow, "big\n");
                ByteBuffer first = ByteBuffer.allocate(4096);
                while (first.hasRemaining()) { // the answer has started, then its reader stops
                    assertThat(slow.read(first)).isNotNegative();
                }

                long t0 = System.nanoTime();
                assertThat(AdminWire.ask(at, "small\n")).isEqualTo("small answer\n");
                assertThat(millisSince(t0)).as("a small answer past a stalled big one").isLessThan(1000);
                t0 = System.nanoTime();
                try (var fast = SocketChannel.open(at)) {
                    AdminWire.send(fast, "big\n");
                    assertThat(AdminWire.readAll(fast)).as("another big answer, read at once").isEqualTo(big());
                }
                assertThat(millisSince(t0)).as("another big answer while the slow one stalls").isLessThan(5000);

                // the slow reader takes the rest in small sips with pauses: all of it, in order
                ByteBuffer rest = ByteBuffer.allocate(BIG);
                rest.put(first.flip());
                ByteBuffer sip = ByteBuffer.allocate(256 * 1024);
                while (true) {
                    sip.clear();
                    int n = slow.read(sip);
                    if (n < 0) {
                        break;
                    }
                    rest.put(sip.flip());
                    Thread.sleep(10);
                }
                assertThat(rest.position()).isEqualTo(BIG);
                assertThat(rest.array()).isEqualTo(big());
                assertThat(renderedOn).as("rendered by the server, not by the loop that completed the futures")
                        .containsOnly("jk-test");
                waitUntil(() -> g.view().open() == 0);
                assertThat(g.view().timedOut()).isZero();
            }
        }
    }

    @Test
    void anAnswersBytesAreReleasedOnceWhenWrittenAndWhenItsReaderLeaves() throws Exception {
        var releases = new java.util.concurrent.atomic.AtomicInteger();
        Render counted = new Render() {
            @Override
            public Optional<ByteBuffer> bytes() {
                return Optional.of(ByteBuffer.wrap(big()));
            }

            @Override
            public void release() {
                releases.incrementAndGet();
            }
        };
        GuardedServer.Handler handler = (request, length, input) -> new String(request, 0, length, StandardCharsets.UTF_8)
                .indexOf('\n') < 0 && input == GuardedServer.Input.OPEN ? new Step.Incomplete()
                : Step.Answer.now(counted);
        Path sock = dir.resolve("g.sock");
        var at = UnixDomainSocketAddress.of(sock);
        try (var server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(at);
            try (var g = new GuardedServer("test", server, LIMITS, handler)) {
                try (var c = SocketChannel.open(at)) {
                    AdminWire.send(c, "all\n");
                    assertThat(AdminWire.readAll(c)).isEqualTo(big());
                }
                waitUntil(() -> releases.get() == 1);
                try (var c = SocketChannel.open(at)) { // reads a little of the answer, then goes away
                    AdminWire.send(c, "some\n");
                    assertThat(c.read(ByteBuffer.allocate(4096))).isPositive();
                }
                waitUntil(() -> releases.get() == 2 && g.view().open() == 0);
                Thread.sleep(300); // a second release would come with the next reap
                assertThat(releases.get()).isEqualTo(2);
            }
        }
    }

    @Test
    void anAnswerThatNeverComesGetsTheLateOneInTimeAndFreesTheSlot() throws Exception {
        Path sock = dir.resolve("g.sock");
        var at = UnixDomainSocketAddress.of(sock);
        try (var server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(at);
            try (var g = new GuardedServer("test", server, LIMITS, this::lines)) {
                long t0 = System.nanoTime();
                assertThat(AdminWire.ask(at, "hold-never\n")).isEqualTo("late\n");
                assertThat(millisSince(t0)).isBetween(1900L, 3000L);
                waitUntil(() -> g.view().open() == 0);
                assertThat(g.view().timedOut()).as("answered, not reaped").isZero();
                // completing it afterwards changes nothing, and the server goes on
                held.get("hold-never").complete(text("too late\n"));
                assertThat(AdminWire.ask(at, "small\n")).isEqualTo("small answer\n");
            }
        }
    }

    @Test
    void anAnswerCompletedLaterIsSentByTheServerThread() throws Exception {
        Path sock = dir.resolve("g.sock");
        var at = UnixDomainSocketAddress.of(sock);
        try (var server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(at);
            try (var g = new GuardedServer("test", server, LIMITS, this::lines);
                 var c = SocketChannel.open(at)) {
                AdminWire.send(c, "hold-2\n");
                waitUntil(() -> held.containsKey("hold-2"));
                Thread.sleep(300);
                loop.submit(() -> held.get("hold-2").complete(text("now\n"))).get();
                assertThat(new String(AdminWire.readAll(c), StandardCharsets.UTF_8)).isEqualTo("now\n");
                assertThat(renderedOn).containsExactly("jk-test");
                waitUntil(() -> g.view().open() == 0);
            }
        }
    }

    @Test
    void oneClientsFailureNeverStopsTheServer() throws Exception {
        Path sock = dir.resolve("g.sock");
        var at = UnixDomainSocketAddress.of(sock);
        try (var server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(at);
            try (var g = new GuardedServer("test", server, LIMITS, this::lines)) {
                assertThat(AdminWire.ask(at, "boom\n")).as("closed without an answer").isEmpty();
                assertThat(AdminWire.ask(at, "render-boom\n")).isEmpty();
                assertThat(AdminWire.ask(at, "nonsense\n")).as("Close").isEmpty();
                held.put("hold-failed", CompletableFuture.failedFuture(new IllegalStateException("loop failed")));
                assertThat(AdminWire.ask(at, "hold-failed\n")).as("a failed future gets the late answer").isEqualTo("late\n");
                try (var gone = SocketChannel.open(at)) { // leaves in the middle of a big answer
                    AdminWire.send(gone, "big\n");
                    assertThat(gone.read(ByteBuffer.allocate(1024))).isPositive();
                }
                assertThat(AdminWire.ask(at, "small\n")).isEqualTo("small answer\n");
                waitUntil(() -> g.view().open() == 0);
            }
        }
    }

    @Test
    void aRequestLongerThanTheLimitEndsAtTheLimit() throws Exception {
        Path sock = dir.resolve("g.sock");
        var at = UnixDomainSocketAddress.of(sock);
        try (var server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(at);
            List<Integer> seen = new CopyOnWriteArrayList<>();
            try (var g = new GuardedServer("test", server, LIMITS, (request, length, input) -> {
                seen.add(length);
                return input == GuardedServer.Input.FULL ? Step.Answer.now(text("full\n")) : new Step.Incomplete();
            })) {
                assertThat(AdminWire.ask(at, "x".repeat(1000))).isEqualTo("full\n");
                assertThat(seen).last().isEqualTo(LIMITS.requestBytes());
                assertThat(g.view().refused()).isZero();
            }
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 5 s").isLessThan(end);
            Thread.sleep(10);
        }
    }
}
