package io.jkeepalived.daemon.admin;

import io.jkeepalived.status.EndpointView;
import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts clients of a stream server (the control socket, {@code /metrics}) under a
 * {@link ConnectionSlots} policy: a bounded number at once, each closed at the end of its lifetime.
 * The acceptor is a platform thread, each client a virtual thread, and one virtual reaper closes
 * the connections that outlived their lifetime (closing unblocks a client thread stuck reading or
 * writing). So idle or slow clients hold at most {@code max} descriptors, for a bounded time, and
 * never stand between another client and its answer.
 */
final class GuardedServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GuardedServer.class);
    /** How often the reaper looks: lifetimes end up to this late. */
    private static final long REAP_EVERY_MILLIS = 200;

    /** Most clients held at once, per endpoint. */
    static final int MAX_CLIENTS = 64;
    /** How long a client may stay connected, whatever it does. */
    static final Duration CLIENT_LIFETIME = Duration.ofSeconds(10);

    /**
     * Serves one client; calls {@code progress} once its whole request is in and after each part of
     * the answer the client has taken, so a client reading a long answer is not cut off.
     */
    @FunctionalInterface
    interface Handler {
        void serve(SocketChannel client, Runnable progress) throws Exception;
    }

    private final String name;
    private final ServerSocketChannel server;
    private final Handler handler;
    private final ConnectionSlots<SocketChannel> slots;
    private final Thread acceptor;

    GuardedServer(String name, ServerSocketChannel server, int max, Duration lifetime, Handler handler) {
        this.name = name;
        this.server = server;
        this.handler = handler;
        this.slots = new ConnectionSlots<>(name, max, lifetime.toNanos());
        // One platform thread accepts and reaps: an idle daemon keeps no virtual-thread carriers
        // (and their unparker) alive just to close expired clients every 200 ms.
        this.acceptor = Thread.ofPlatform().name("jk-" + name).daemon(true).start(this::acceptLoop);
    }

    GuardedServer(String name, ServerSocketChannel server, Handler handler) {
        this(name, server, MAX_CLIENTS, CLIENT_LIFETIME, handler);
    }

    EndpointView view() {
        return slots.view();
    }

    private void acceptLoop() {
        try (Selector selector = Selector.open()) {
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
            while (server.isOpen()) {
                // Without clients there is nothing to reap: sleep until one connects (close interrupts),
                // instead of waking five times a second for the daemon's whole life.
                selector.select(slots.isEmpty() ? 0 : REAP_EVERY_MILLIS);
                selector.selectedKeys().clear();
                acceptPending();
                slots.expired(System.nanoTime()).forEach(GuardedServer::closeQuietly);
            }
        } catch (IOException | java.nio.channels.ClosedSelectorException e) {
            if (server.isOpen()) {
                LOG.warn("{}: accept loop: {}", name, e.toString());
            }
        }
    }

    private void acceptPending() {
        while (server.isOpen()) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (server.isOpen()) {
                    LOG.warn("{}: accept: {}", name, e.toString());
                    pause(); // e.g. EMFILE: do not spin
                }
                return;
            }
            if (client == null) {
                return;
            }
            switch (slots.admit(client, System.nanoTime())) {
                case ConnectionSlots.Admission.Refused<SocketChannel> r -> closeQuietly(client);
                case ConnectionSlots.Admission.Admitted<SocketChannel> a -> {
                    a.evicted().ifPresent(GuardedServer::closeQuietly);
                    Thread.ofVirtual().name("jk-" + name + "-client").start(() -> serve(a.slot()));
                }
            }
        }
    }

    private void serve(ConnectionSlots.Slot<SocketChannel> slot) {
        SocketChannel client = slot.connection;
        try {
            handler.serve(client, () -> slots.progressed(slot, System.nanoTime()));
        } catch (Exception e) {
            // closed under it (evicted, lifetime over) or the client went away: nothing to tell anyone
            LOG.debug("{} client: {}", name, e.toString());
        } finally {
            slots.release(slot);
            closeQuietly(client);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(REAP_EVERY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(SocketChannel c) {
        try {
            c.close();
        } catch (IOException e) {
            // already gone
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            LOG.warn("{} close: {}", name, e.toString());
        }
        acceptor.interrupt(); // wakes its select
        try {
            acceptor.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        slots.drain().forEach(GuardedServer::closeQuietly);
    }
}
