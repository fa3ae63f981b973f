package io.jkeepalived.daemon.admin;

import io.jkeepalived.status.EndpointView;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the clients of a stream server (the control socket, {@code /metrics}) under a
 * {@link ConnectionSlots} policy: a bounded number at once, each closed at the end of its lifetime.
 *
 * <p>One platform thread ({@code jk-control}, {@code jk-metrics}) does everything, without
 * blocking, on one selector: it accepts, reads each request as it arrives, hands it to the
 * {@link Handler}, waits for the answer's future without blocking on it, renders the answer and
 * writes it as fast as the client takes it, and closes the clients that outlived their lifetime.
 * No virtual thread: the first one would start the JDK's virtual-thread scheduler (two carriers,
 * its delay scheduler, the poller, the unblocker), platform threads that then live as long as the
 * daemon, for an endpoint used a few times a day.
 *
 * <p>So a slow or idle client costs its descriptor and buffers, for a bounded time, and delays
 * another client's answer by nothing but the rendering of the answers that became ready before it
 * (each write takes only what the socket accepts at once). The future of an answer is usually
 * completed by the event loop: its callback only queues the client and wakes the selector, and the
 * rendering (megabytes of JSON with 10,000 real servers) happens here, never on the loop.
 *
 * <p>Its thread may also do the daemon's {@link Housekeeping} (trimming the native heap): it idles
 * nearly always, and the event loop must never spend its time on such work.
 */
final class GuardedServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GuardedServer.class);
    /** How often expired clients are looked for while any is connected: lifetimes end up to this late. */
    private static final long REAP_EVERY_MILLIS = 200;

    /** Most clients held at once, per endpoint. */
    static final int MAX_CLIENTS = 64;
    /** How long a client may stay connected without progress (see {@link ConnectionSlots}). */
    static final Duration CLIENT_LIFETIME = Duration.ofSeconds(10);
    /** How long an answer may take to be ready (the loop's snapshot) before the late answer is sent. */
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(2);

    /**
     * An endpoint's bounds.
     *
     * @param clients most clients held at once
     * @param lifetime how long a client may stay connected without progress
     * @param requestBytes the longest request read: what a client sends past it is never read
     * @param answerTimeout how long after its request a client waits for a pending answer at most
     */
    record Limits(int clients, Duration lifetime, int requestBytes, Duration answerTimeout) {
        Limits {
            if (clients < 1 || requestBytes < 1 || lifetime.isNegative() || lifetime.isZero()
                    || answerTimeout.isNegative() || answerTimeout.isZero()) {
                throw new IllegalArgumentException(clients + " clients, " + requestBytes + " bytes, lifetime "
                        + lifetime + ", answer timeout " + answerTimeout);
            }
        }

        /** The daemon's bounds, with requests of at most {@code requestBytes}. */
        static Limits of(int requestBytes) {
            return new Limits(MAX_CLIENTS, CLIENT_LIFETIME, requestBytes, ANSWER_TIMEOUT);
        }
    }

    /**
     * Makes answers out of requests. Called on the server thread for every read that brought bytes
     * (and once more when the client shuts its side), so it must never block: work that needs the
     * event loop goes in the future of an {@link Step.Answer}.
     */
    @FunctionalInterface
    interface Handler {
        /** What to do given all of the request read so far, {@code request[0..length)}. */
        Step onRequest(byte[] request, int length, Input input);
    }

    /** Whether more of a request may still come. */
    enum Input {
        /** The client may send more. */
        OPEN,
        /** The client shut its side (or left): nothing more will come. */
        ENDED,
        /** {@link Limits#requestBytes} are in: nothing more is read. */
        FULL
    }

    /** What the server does next with a client, given its request so far. */
    sealed interface Step {
        /** Wait for more of the request; once the input has ended or is full, the client is closed instead. */
        record Incomplete() implements Step {}

        /** Close without an answer (e.g. the client left before asking anything). */
        record Close() implements Step {}

        /**
         * The whole request is in. Once {@code ready} completes, on whatever thread, its render
         * runs on the server thread and what it returns is written. If {@code ready} has not
         * completed {@link Limits#answerTimeout} after the request, or completes exceptionally,
         * {@code late} is rendered instead (a future that may never complete is never blocked on).
         */
        record Answer(CompletableFuture<Render> ready, Render late) implements Step {
            /** An answer known at once (an error, a refusal): no waiting. */
            static Answer now(Render render) {
                return new Answer(CompletableFuture.completedFuture(render), render);
            }
        }
    }

    /** Renders an answer; runs on the server thread, so it may take time but must not block. */
    @FunctionalInterface
    interface Render {
        /** The bytes to write, or empty to close without an answer. */
        Optional<ByteBuffer> bytes();

        /** Called once on the server thread when the bytes are no longer needed: written, or the client gone. */
        default void release() {
        }
    }

    /** Where a client is. Only the server thread reads or changes it. */
    private sealed interface Phase {
        /** Its request is arriving into {@code in}. */
        record Reading(ByteBuffer in) implements Phase {}

        /** Its answer is pending, until {@code deadline} ({@link System#nanoTime}). */
        record Waiting(Step.Answer answer, long deadline) implements Phase {}

        /** Its answer is being taken. */
        record Writing(ByteBuffer out, Render from) implements Phase {}

        /** Closed: a late completion of its answer is ignored. */
        record Done() implements Phase {}
    }

    /** One admitted client; its phase belongs to the server thread. */
    private static final class Client {
        final SocketChannel channel;
        final SelectionKey key;
        final ConnectionSlots.Slot<SelectionKey> slot;
        Phase phase;

        Client(SelectionKey key, ConnectionSlots.Slot<SelectionKey> slot, int requestBytes) {
            this.channel = (SocketChannel) key.channel();
            this.key = key;
            this.slot = slot;
            this.phase = new Phase.Reading(ByteBuffer.allocate(requestBytes));
        }

        /** The client of a key that was admitted (the key carries it from then on). */
        static Client of(SelectionKey key) {
            return (Client) key.attachment();
        }
    }

    /** A step of serving one client, which may fail on its own. */
    @FunctionalInterface
    private interface ClientWork {
        void run() throws IOException;
    }

    private final String name;
    private final ServerSocketChannel server;
    private final Limits limits;
    private final Handler handler;
    /** Keyed by selection key: a key exists before admission, and carries its client once admitted. */
    private final ConnectionSlots<SelectionKey> slots;
    private final Selector selector;
    /** Clients whose answer's future has completed: filled by whichever thread completed it. */
    private final Queue<Client> answered = new ConcurrentLinkedQueue<>();
    /**
     * Clients whose answer is pending. Every answer has the same timeout, so insertion order is
     * deadline order and the first is the next to be late.
     */
    private final LinkedHashSet<Client> waiting = new LinkedHashSet<>();
    private final Optional<Housekeeping> housekeeping;
    /** When the housekeeping is next due ({@link System#nanoTime}); only the server thread uses it. */
    private long housekeepingDue;
    private final Thread thread;

    GuardedServer(String name, ServerSocketChannel server, Limits limits, Handler handler) throws IOException {
        this(name, server, limits, handler, Optional.empty());
    }

    GuardedServer(String name, ServerSocketChannel server, Limits limits, Handler handler,
                  Optional<Housekeeping> housekeeping) throws IOException {
        this.name = name;
        this.housekeeping = housekeeping;
        this.housekeepingDue = System.nanoTime() + housekeeping.map(h -> h.every().toNanos()).orElse(0L);
        this.server = server;
        this.limits = limits;
        this.handler = handler;
        this.slots = new ConnectionSlots<>(name, limits.clients(), limits.lifetime().toNanos());
        this.selector = Selector.open();
        try {
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException | RuntimeException e) {
            selector.close();
            throw e;
        }
        this.thread = Thread.ofPlatform().name("jk-" + name).daemon(true).start(this::serveLoop);
    }

    EndpointView view() {
        return slots.view();
    }

    private void serveLoop() {
        try {
            while (server.isOpen()) {
                selector.select(this::ready, selectTimeoutMillis(System.nanoTime()));
                long now = System.nanoTime();
                for (Client c = answered.poll(); c != null; c = answered.poll()) {
                    Client client = c;
                    if (client.phase instanceof Phase.Waiting w) {
                        serving(client, () -> send(client, completed(w.answer())));
                    }
                }
                answerLate(now);
                slots.expired(now).forEach(k -> finish(Client.of(k)));
                houseKeep(now); // after the answers: a client never waits for it more than once
            }
        } catch (IOException | ClosedSelectorException e) {
            if (server.isOpen()) {
                LOG.warn("{}: accept loop: {}", name, e.toString());
            }
        } finally {
            try {
                selector.close();
            } catch (IOException e) {
                // nothing more to do
            }
        }
    }

    /**
     * Without clients there is nothing to reap: sleep until one connects (close wakes the selector)
     * or the housekeeping is due, instead of waking five times a second for the daemon's whole life.
     * With clients, wake to reap and in time for the next answer that would be late.
     */
    private long selectTimeoutMillis(long now) {
        long millis = Long.MAX_VALUE;
        if (!slots.isEmpty()) {
            millis = REAP_EVERY_MILLIS;
            if (!waiting.isEmpty() && waiting.getFirst().phase instanceof Phase.Waiting w) {
                millis = Math.min(millis, Math.ceilDiv(w.deadline() - now, 1_000_000L));
            }
        }
        if (housekeeping.isPresent()) {
            millis = Math.min(millis, Math.ceilDiv(housekeepingDue - now, 1_000_000L));
        }
        return millis == Long.MAX_VALUE ? 0 : Math.max(1, millis); // 0 means "for ever"
    }

    /** Runs the housekeeping when it is due; its failure is logged, and the server goes on. */
    private void houseKeep(long now) {
        if (housekeeping.isEmpty() || now - housekeepingDue < 0) {
            return;
        }
        housekeepingDue = now + housekeeping.get().every().toNanos();
        try {
            housekeeping.get().task().run();
        } catch (RuntimeException e) {
            LOG.warn("{}: housekeeping: {}", name, e.toString());
        }
    }

    private void ready(SelectionKey key) {
        if (!key.isValid()) {
            return;
        }
        if (key.channel() == server) {
            try {
                acceptPending();
            } catch (RuntimeException e) {
                LOG.warn("{}: accept: {}", name, e.toString()); // a bug, but the clients already in are still served
            }
            return;
        }
        Client client = Client.of(key);
        if (key.isReadable()) {
            serving(client, () -> read(client));
        } else if (key.isWritable()) {
            serving(client, () -> write(client));
        }
    }

    /** Runs one client's work; whatever goes wrong ends that client only, never the server. */
    private void serving(Client client, ClientWork work) {
        try {
            work.run();
        } catch (Exception e) {
            // closed under it (evicted, lifetime over), the client went away, or the handler failed
            LOG.debug("{} client: {}", name, e.toString());
            finish(client);
        } catch (OutOfMemoryError e) {
            // rendering is where large answers are made: drop this one, keep serving
            LOG.warn("{} client: {}", name, e.toString());
            finish(client);
        }
    }

    private void acceptPending() {
        while (server.isOpen()) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (IOException e) {
                if (server.isOpen()) {
                    LOG.warn("{}: accept: {}", name, e.toString());
                    pause(); // e.g. EMFILE: do not spin
                }
                return;
            }
            if (channel == null) {
                return;
            }
            SelectionKey key;
            try {
                channel.configureBlocking(false);
                key = channel.register(selector, SelectionKey.OP_READ);
            } catch (IOException | RuntimeException e) {
                LOG.debug("{} client: {}", name, e.toString());
                closeQuietly(channel);
                continue;
            }
            switch (slots.admit(key, System.nanoTime())) {
                case ConnectionSlots.Admission.Refused<SelectionKey> r -> closeQuietly(channel); // cancels the key
                case ConnectionSlots.Admission.Admitted<SelectionKey> a -> {
                    key.attach(new Client(key, a.slot(), limits.requestBytes()));
                    a.evicted().ifPresent(k -> finish(Client.of(k)));
                }
            }
        }
    }

    private void read(Client client) throws IOException {
        if (!(client.phase instanceof Phase.Reading r)) {
            return;
        }
        int n = client.channel.read(r.in());
        if (n == 0) {
            return;
        }
        Input input = n < 0 ? Input.ENDED : r.in().hasRemaining() ? Input.OPEN : Input.FULL;
        switch (handler.onRequest(r.in().array(), r.in().position(), input)) {
            case Step.Incomplete i -> {
                if (input != Input.OPEN) {
                    finish(client); // nothing more can come: it would wait for nothing
                }
            }
            case Step.Close c -> finish(client);
            case Step.Answer a -> {
                long now = System.nanoTime();
                slots.progressed(client.slot, now); // the whole request is in
                client.key.interestOps(0); // what it sends past its request is never read
                if (a.ready().isDone()) {
                    send(client, completed(a));
                } else {
                    client.phase = new Phase.Waiting(a, now + limits.answerTimeout().toNanos());
                    waiting.add(client);
                    // Runs on the thread that completes the future, the event loop: queue, wake, nothing more.
                    a.ready().whenComplete((render, failure) -> {
                        answered.add(client);
                        selector.wakeup();
                    });
                }
            }
        }
    }

    /** The render of a completed answer: its own, or the late one when it failed. */
    private Render completed(Step.Answer answer) {
        CompletableFuture<Render> ready = answer.ready();
        if (ready.state() == Future.State.SUCCESS) {
            return ready.resultNow();
        }
        LOG.debug("{} client: the answer failed: {}", name,
                ready.state() == Future.State.FAILED ? ready.exceptionNow().toString() : ready.state().toString());
        return answer.late();
    }

    /** Sends the late answer of every client whose answer is pending past its deadline. */
    private void answerLate(long now) {
        while (!waiting.isEmpty() && waiting.getFirst().phase instanceof Phase.Waiting w && now - w.deadline() >= 0) {
            Client client = waiting.getFirst();
            serving(client, () -> send(client, w.answer().late())); // both send and a failure's finish drop it from waiting
        }
    }

    private void send(Client client, Render render) throws IOException {
        waiting.remove(client);
        Optional<ByteBuffer> out = render.bytes();
        if (out.isEmpty()) {
            finish(client);
            return;
        }
        client.phase = new Phase.Writing(out.get(), render);
        write(client);
    }

    /** One write: what the socket takes at once, so that the other clients' turns come soon. */
    private void write(Client client) throws IOException {
        if (!(client.phase instanceof Phase.Writing w)) {
            return;
        }
        if (client.channel.write(w.out()) > 0) {
            slots.progressed(client.slot, System.nanoTime()); // a reader of a long answer is not cut off
        }
        if (w.out().hasRemaining()) {
            client.key.interestOps(SelectionKey.OP_WRITE);
        } else {
            finish(client);
        }
    }

    /** Answered, gone, evicted or expired: closed (which also cancels its key) and forgotten. */
    private void finish(Client client) {
        release(client);
        client.phase = new Phase.Done();
        waiting.remove(client);
        slots.release(client.slot);
        closeQuietly(client.channel);
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
        selector.wakeup(); // its loop sees the server closed and ends
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        slots.drain().forEach(k -> {
            if (k.attachment() instanceof Client c) release(c);
            closeQuietly((SocketChannel) k.channel());
        });
    }

    private static void release(Client client) {
        if (client.phase instanceof Phase.Writing w) {
            client.phase = new Phase.Done();
            try {
                w.from().release();
            } catch (RuntimeException e) {
                LOG.warn("releasing an answer failed: {}", e.toString());
            }
        }
    }
}
