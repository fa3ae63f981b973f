package io.jkeepalived.bench;

import io.jkeepalived.testing.NetNs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Thousands of real servers in one selector thread of the bench JVM, listening inside a namespace:
 * TCP mode accepts and closes at once (what TCP_CHECK needs), HTTP mode reads the request head and
 * answers {@code 200} with an empty body. One thread and no process per server keeps the farm's own
 * cost small and off the daemon's books, and lets the bench count accepts exactly and close or
 * reopen one port (a dead real server) without killing anything.
 */
final class RealServerFarm implements AutoCloseable {

    enum Mode { TCP, HTTP }

    private static final byte[] OK = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);

    private final NetNs ns;
    private final Mode mode;
    private final Selector selector;
    private final Map<InetSocketAddress, ServerSocketChannel> listening = new HashMap<>();
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicLong accepts = new AtomicLong();
    private final Thread loop;
    private volatile boolean running = true;

    RealServerFarm(NetNs ns, Mode mode) throws IOException {
        this.ns = ns;
        this.mode = mode;
        this.selector = Selector.open();
        this.loop = Thread.ofPlatform().name("bench-farm").daemon().start(this::run);
    }

    /** Connections accepted so far, over all ports. */
    long accepts() {
        return accepts.get();
    }

    /** Starts listening on every address (one namespace entry for all); returns once they accept. */
    void open(java.util.List<InetSocketAddress> addresses) throws Exception {
        java.util.List<ServerSocketChannel> channels = ns.run(() -> {
            var out = new java.util.ArrayList<ServerSocketChannel>();
            for (var a : addresses) {
                var c = ServerSocketChannel.open();
                c.setOption(java.net.StandardSocketOptions.SO_REUSEADDR, true);
                c.bind(a, 1024);
                c.configureBlocking(false);
                out.add(c);
            }
            return out;
        });
        onLoop(() -> {
            try {
                for (int i = 0; i < channels.size(); i++) {
                    channels.get(i).register(selector, SelectionKey.OP_ACCEPT);
                    listening.put(addresses.get(i), channels.get(i));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).join();
    }

    /** Stops listening on {@code address}: from when this returns, a connect there is refused. */
    void close(InetSocketAddress address) {
        onLoop(() -> {
            var ch = listening.remove(address);
            try {
                ch.close();
                selector.selectNow(); // deregisters the key, which releases the socket itself
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).join();
    }

    private CompletableFuture<Void> onLoop(Runnable task) {
        var done = new CompletableFuture<Void>();
        tasks.add(() -> {
            try {
                task.run();
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        selector.wakeup();
        return done;
    }

    private void run() {
        try {
            while (running) {
                selector.select();
                for (Runnable t; (t = tasks.poll()) != null; ) {
                    t.run();
                }
                for (var it = selector.selectedKeys().iterator(); it.hasNext(); ) {
                    var key = it.next();
                    it.remove();
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.isAcceptable()) {
                        accept((ServerSocketChannel) key.channel());
                    } else if (key.isReadable()) {
                        answer(key);
                    }
                }
            }
        } catch (IOException e) {
            if (running) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void accept(ServerSocketChannel server) throws IOException {
        for (SocketChannel c; (c = server.accept()) != null; ) {
            accepts.incrementAndGet();
            if (mode == Mode.TCP) {
                c.close();
            } else {
                c.configureBlocking(false);
                c.register(selector, SelectionKey.OP_READ, ByteBuffer.allocate(4096));
            }
        }
    }

    /** Reads until the end of the request head, then answers and closes (small replies fit the send buffer). */
    private static void answer(SelectionKey key) {
        var c = (SocketChannel) key.channel();
        var buf = (ByteBuffer) key.attachment();
        try {
            int n = c.read(buf);
            var head = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII);
            if (n < 0 || !buf.hasRemaining()) {
                c.close();
            } else if (head.contains("\r\n\r\n")) {
                c.write(ByteBuffer.wrap(OK));
                c.close();
            }
        } catch (IOException e) {
            try {
                c.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }

    @Override
    public void close() throws IOException {
        running = false;
        selector.wakeup();
        try {
            loop.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (var ch : listening.values()) {
            ch.close();
        }
        selector.close();
    }
}
