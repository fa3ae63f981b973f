package io.jkeepalived.daemon.admin;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.jkeepalived.status.DaemonStatus;
import io.jkeepalived.status.GlobalView;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The control socket's requests on the wire: status, nonsense, overlong lines, a loop that does not answer. */
class ControlSocketTest {
    @TempDir
    Path dir;

    private static final DaemonStatus STATUS = new DaemonStatus("jkeepalived t", 1, "lb", 0, 1000,
            new GlobalView(Optional.empty(), "224.0.0.18", "ff02::12", 2, false, false), List.of(), List.of());

    /** The futures the fake loop hands out, in order; once empty, answered at once. */
    private final ConcurrentLinkedQueue<CompletableFuture<DaemonStatus>> answers = new ConcurrentLinkedQueue<>();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(ControlSocket.class);

    @BeforeEach
    void captureLog() {
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        logger.detachAppender(log);
    }

    private CompletableFuture<DaemonStatus> next() {
        CompletableFuture<DaemonStatus> f = answers.poll();
        return f != null ? f : CompletableFuture.completedFuture(STATUS);
    }

    private List<String> warnings() {
        return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void statusIsAnsweredAndNonsenseGetsAnError() throws Exception {
        Path sock = dir.resolve("c.sock");
        try (ControlSocket cs = ControlSocket.open(sock, this::next).orElseThrow()) {
            var at = UnixDomainSocketAddress.of(sock);
            assertThat(AdminWire.ask(at, "status\n")).contains("\"router_id\" : \"lb\"");
            assertThat(AdminWire.ask(at, "  status  \r\nignored")).as("the line, stripped").contains("\"router_id\"");
            assertThat(AdminWire.ask(at, "dan\"ce\n")).isEqualTo("{\"error\": \"unknown request 'dance'; try 'status'\"}\n");
            assertThat(cs.view().accepted()).isEqualTo(3);
        }
    }

    @Test
    void aLineWithoutNewlineEndsAtTheClientsShutdownOrAt256Bytes() throws Exception {
        Path sock = dir.resolve("c.sock");
        try (ControlSocket cs = ControlSocket.open(sock, this::next).orElseThrow()) {
            var at = UnixDomainSocketAddress.of(sock);
            try (var c = SocketChannel.open(at)) {
                AdminWire.send(c, "status");
                c.shutdownOutput();
                assertThat(new String(AdminWire.readAll(c))).contains("\"router_id\"");
            }
            try (var c = SocketChannel.open(at)) {
                c.shutdownOutput(); // asks nothing
                assertThat(new String(AdminWire.readAll(c))).isEqualTo("{\"error\": \"unknown request ''; try 'status'\"}\n");
            }
            String reply = AdminWire.ask(at, "y".repeat(300) + "\n");
            assertThat(reply).as("cut at 256 bytes").contains("'" + "y".repeat(256) + "'").doesNotContain("y".repeat(257));
            assertThat(cs.view().open()).isZero();
        }
    }

    @Test
    void aLoopThatDoesNotAnswerIsLoggedAndTheClientClosedAfterTwoSeconds() throws Exception {
        Path sock = dir.resolve("c.sock");
        var never = new CompletableFuture<DaemonStatus>();
        answers.add(never);
        try (ControlSocket cs = ControlSocket.open(sock, this::next).orElseThrow()) {
            var at = UnixDomainSocketAddress.of(sock);
            long t0 = System.nanoTime();
            assertThat(AdminWire.ask(at, "status\n")).as("closed without an answer").isEmpty();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isBetween(1900L, 3000L);
            assertThat(warnings()).contains("control socket: the event loop did not answer within 2 s");
            assertThat(cs.view().open()).as("its slot is free").isZero();
            assertThat(AdminWire.ask(at, "status\n")).as("the next one is answered").contains("\"router_id\"");
        }
    }

    @Test
    void aFailedSnapshotIsLoggedAndTheClientClosed() throws Exception {
        Path sock = dir.resolve("c.sock");
        answers.add(CompletableFuture.failedFuture(new IllegalStateException("engine gone")));
        try (ControlSocket cs = ControlSocket.open(sock, this::next).orElseThrow()) {
            var at = UnixDomainSocketAddress.of(sock);
            assertThat(AdminWire.ask(at, "status\n")).isEmpty();
            assertThat(warnings()).contains(
                    "control socket: taking the status failed: java.lang.IllegalStateException: engine gone");
            assertThat(cs.view().open()).isZero();
        }
    }
}
