package io.jkeepalived.daemon.admin;

import io.jkeepalived.daemon.admin.GuardedServer.Input;
import io.jkeepalived.daemon.admin.GuardedServer.Render;
import io.jkeepalived.daemon.admin.GuardedServer.Step;
import io.jkeepalived.status.DaemonStatus;
import io.jkeepalived.status.NativeBytes;
import io.jkeepalived.status.StatusJson;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local control socket {@code jkeepalived status} talks to: AF_UNIX stream, mode 0600 (root
 * only), one request line per connection ({@code status}), answered with the status JSON and
 * closed. Clients are bounded by a {@link GuardedServer} (at most 64 at once, 10 s without
 * progress, 60 s in all) and served by its one thread without blocking; the snapshot itself is
 * taken on the event loop and rendered to JSON on that thread, so a slow or idle client never
 * delays VRRP nor another client's answer, and a loop that does not answer within 2 s is logged
 * and the client closed.
 */
public final class ControlSocket implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControlSocket.class);
    private static final int MAX_REQUEST = 256;

    private final Path path;
    private final Supplier<CompletableFuture<DaemonStatus>> status;
    private final GuardedServer clients;

    private ControlSocket(Path path, ServerSocketChannel server, Supplier<CompletableFuture<DaemonStatus>> status,
                          Optional<Housekeeping> housekeeping) throws IOException {
        this.path = path;
        this.status = status;
        this.clients = new GuardedServer("control", server, GuardedServer.Limits.of(MAX_REQUEST), this::onRequest,
                housekeeping);
    }

    /** As {@link #open(Path, Supplier, Optional)}, with no housekeeping. */
    public static Optional<ControlSocket> open(Path path, Supplier<CompletableFuture<DaemonStatus>> status) {
        return open(path, status, Optional.empty());
    }

    /**
     * Binds {@code path}, replacing a stale socket left by a daemon that died; refuses (empty, with
     * a log line) when another live daemon answers on it, so two daemons never share one. Its thread
     * also does {@code housekeeping}, if any.
     */
    public static Optional<ControlSocket> open(Path path, Supplier<CompletableFuture<DaemonStatus>> status,
                                               Optional<Housekeeping> housekeeping) {
        try {
            Path dir = path.toAbsolutePath().getParent();
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            }
            if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                if (answers(path)) {
                    LOG.error("control socket {} is in use by another running daemon; give this one its own"
                            + " with --control-socket PATH. jkeepalived status will not reach this daemon", path);
                    return Optional.empty();
                }
                Files.delete(path);
            }
            ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                ch.bind(UnixDomainSocketAddress.of(path));
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
                ControlSocket socket = new ControlSocket(path, ch, status, housekeeping);
                LOG.info("control socket {} ready (jkeepalived status)", path);
                return Optional.of(socket);
            } catch (IOException | RuntimeException e) {
                ch.close(); // no half-open socket left behind (the stale path is replaced at the next start)
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("cannot open control socket {}: {}", path, e.toString());
            return Optional.empty();
        }
    }

    Path path() {
        return path;
    }

    private static boolean answers(Path path) {
        try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
            return c.isConnected();
        } catch (IOException e) {
            return false;
        }
    }

    /** Its connections so far (status and metrics show them). */
    public io.jkeepalived.status.EndpointView view() {
        return clients.view();
    }

    /**
     * Server thread: a request is one line, complete at its newline, when the client shuts its side
     * or at {@value #MAX_REQUEST} bytes, whichever comes first.
     */
    private Step onRequest(byte[] request, int length, Input input) {
        if (input == Input.OPEN && !hasNewline(request, length)) {
            return new Step.Incomplete();
        }
        String text = new String(request, 0, length, StandardCharsets.UTF_8);
        int nl = text.indexOf('\n');
        String line = (nl >= 0 ? text.substring(0, nl) : text).strip();
        return switch (line) {
            // The loop only completes the future; the JSON (megabytes with 10,000 real servers) is
            // rendered by the server thread when it takes the answer.
            case "status" -> new Step.Answer(status.get().<Render>thenApply(StatusAnswer::new)
                    .exceptionally(ControlSocket::failed), ControlSocket::late);
            default -> Step.Answer.now(() -> Optional.of(utf8(
                    "{\"error\": \"unknown request '" + line.replace("\"", "") + "'; try 'status'\"}\n")));
        };
    }

    private static boolean hasNewline(byte[] request, int length) {
        for (int i = 0; i < length; i++) {
            if (request[i] == '\n') {
                return true;
            }
        }
        return false;
    }

    /** The snapshot failed on the loop: said in the log, the client is closed without an answer. */
    private static Render failed(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return () -> {
            LOG.warn("control socket: taking the status failed: {}", cause.toString());
            return Optional.empty();
        };
    }

    /** No snapshot within the answer timeout: said in the log, the client is closed without an answer. */
    private static Optional<ByteBuffer> late() {
        LOG.warn("control socket: the event loop did not answer within {} s", GuardedServer.ANSWER_TIMEOUT.toSeconds());
        return Optional.empty();
    }

    private static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The status document in native memory, rendered by the server thread and freed once written. */
    private static final class StatusAnswer implements Render {
        private final DaemonStatus status;
        private Optional<NativeBytes> rendered = Optional.empty();

        StatusAnswer(DaemonStatus status) {
            this.status = status;
        }

        @Override
        public Optional<ByteBuffer> bytes() {
            NativeBytes b = StatusJson.renderNative(status);
            rendered = Optional.of(b);
            return Optional.of(b.view());
        }

        @Override
        public void release() {
            rendered.ifPresent(NativeBytes::close);
        }
    }

    @Override
    public void close() {
        clients.close();
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warn("control socket close: {}", e.toString());
        }
    }
}
