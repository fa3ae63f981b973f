package io.jkeepalived.daemon.admin;

import io.jkeepalived.status.DaemonStatus;
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
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local control socket {@code jkeepalived status} talks to: AF_UNIX stream, mode 0600 (root
 * only), one request line per connection ({@code status}), answered with the status JSON and
 * closed. Clients are accepted and bounded by a {@link GuardedServer} (at most 64 at once, 10 s
 * each), each is served on a virtual thread, and the snapshot itself is taken on the event loop,
 * so a slow or idle client never delays VRRP nor another client's answer.
 */
public final class ControlSocket implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControlSocket.class);
    private static final int MAX_REQUEST = 256;

    private final Path path;
    private final Supplier<CompletableFuture<DaemonStatus>> status;
    private final GuardedServer clients;

    private ControlSocket(Path path, ServerSocketChannel server, Supplier<CompletableFuture<DaemonStatus>> status) {
        this.path = path;
        this.status = status;
        this.clients = new GuardedServer("control", server, this::serve);
    }

    /**
     * Binds {@code path}, replacing a stale socket left by a daemon that died; refuses (empty, with
     * a log line) when another live daemon answers on it, so two daemons never share one.
     */
    public static Optional<ControlSocket> open(Path path, Supplier<CompletableFuture<DaemonStatus>> status) {
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
            ch.bind(UnixDomainSocketAddress.of(path));
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
            LOG.info("control socket {} ready (jkeepalived status)", path);
            return Optional.of(new ControlSocket(path, ch, status));
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

    private void serve(SocketChannel client, Runnable progress) throws IOException, InterruptedException {
        try {
            String request = readLine(client);
            progress.run();
            String reply = switch (request) {
                case "status" -> StatusJson.render(status.get().get(2, TimeUnit.SECONDS));
                default -> "{\"error\": \"unknown request '" + request.replace("\"", "") + "'; try 'status'\"}\n";
            };
            ByteBuffer out = ByteBuffer.wrap(reply.getBytes(StandardCharsets.UTF_8));
            while (out.hasRemaining()) {
                if (client.write(out) > 0) progress.run();
            }
        } catch (java.util.concurrent.TimeoutException e) {
            LOG.warn("control socket: the event loop did not answer within 2 s");
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.warn("control socket: taking the status failed: {}", e.getCause().toString());
        }
    }

    private static String readLine(SocketChannel client) throws IOException {
        ByteBuffer in = ByteBuffer.allocate(MAX_REQUEST);
        while (in.hasRemaining()) {
            if (client.read(in) < 0) {
                break;
            }
            byte[] seen = java.util.Arrays.copyOf(in.array(), in.position());
            if (new String(seen, StandardCharsets.UTF_8).indexOf('\n') >= 0) {
                break;
            }
        }
        String text = new String(in.array(), 0, in.position(), StandardCharsets.UTF_8);
        int nl = text.indexOf('\n');
        return (nl >= 0 ? text.substring(0, nl) : text).strip();
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
