package io.jkeepalived.check.probe;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Comparator;
import java.util.OptionalInt;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * TCP_CHECK attempts as non-blocking connects on one selector, owned by one platform thread.
 *
 * <p>Why not a virtual thread per attempt, as the other probes: a TCP check is a connect and a
 * close, and with 10,000 real servers checked every second the virtual thread around it (its
 * stack parked in the connect, copied to the heap; the JDK socket; the poller hand-offs; a timed
 * park for the timeout) cost several times the connect itself, in CPU and in heap that outlived
 * young collections. Here an attempt is a channel, a key and an entry in a deadline queue.
 *
 * <p>Not thread-safe: {@link #start} and {@link #poll} run on the owning thread; {@link #wakeup}
 * from anywhere. The results are the same as {@link TcpProbe}'s: Up with the connect's latency,
 * Down with the reason {@link Attempts#classify} gives the JDK's exception, TIMEOUT at the deadline.
 */
public final class TcpConnects implements AutoCloseable {

    private static final class Attempt {
        final SocketChannel channel;
        final long started;
        final long deadline;
        final Consumer<ProbeResult> done;
        boolean finished;

        Attempt(SocketChannel channel, long started, long deadline, Consumer<ProbeResult> done) {
            this.channel = channel;
            this.started = started;
            this.deadline = deadline;
            this.done = done;
        }
    }

    private final Selector selector;
    private final PriorityQueue<Attempt> deadlines = new PriorityQueue<>(Comparator.comparingLong(a -> a.deadline));

    public TcpConnects() throws IOException {
        this.selector = Selector.open();
    }

    /** Starts one attempt; {@code done} gets its result on this thread, now or in a later {@link #poll}. */
    public void start(Endpoint endpoint, long timeoutNanos, long now, Consumer<ProbeResult> done) {
        SocketChannel ch = null;
        try {
            InetSocketAddress remote = endpoint.scopedRemote();
            ch = SocketChannel.open(remote.getAddress() instanceof Inet6Address
                    ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
            ch.configureBlocking(false);
            var local = endpoint.scopedLocal();
            if (local.isPresent()) {
                ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                ch.bind(local.get());
            }
            Attempt a = new Attempt(ch, now, now + timeoutNanos, done);
            if (ch.connect(remote)) {
                finish(a, now, null);
                return;
            }
            ch.register(selector, SelectionKey.OP_CONNECT, a);
            deadlines.add(a);
        } catch (IOException | RuntimeException e) {
            closeQuietly(ch);
            done.accept(down(e, System.nanoTime() - now));
        }
    }

    /** Attempts still open. */
    public int open() {
        return deadlines.size();
    }

    /** The nearest deadline of an open attempt, or {@code Long.MAX_VALUE} without one. */
    public long nextDeadline() {
        Attempt a = deadlines.peek();
        return a == null ? Long.MAX_VALUE : a.deadline;
    }

    /**
     * Waits up to {@code waitNanos} (0: not at all) for connects to complete or for {@link #wakeup},
     * then finishes what completed and what passed its deadline.
     */
    public void poll(long waitNanos) throws IOException {
        if (waitNanos <= 0) {
            selector.selectNow();
        } else {
            selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(waitNanos + 999_999)));
        }
        long now = System.nanoTime();
        for (SelectionKey k : selector.selectedKeys()) {
            Attempt a = (Attempt) k.attachment();
            k.cancel();
            try {
                a.channel.finishConnect();
                finish(a, now, null);
            } catch (IOException | RuntimeException e) {
                finish(a, now, e);
            }
        }
        selector.selectedKeys().clear();
        while (!deadlines.isEmpty() && (deadlines.peek().finished || deadlines.peek().deadline - now <= 0)) {
            Attempt a = deadlines.poll();
            if (!a.finished) {
                finish(a, now, new SocketTimeoutException("connect: no answer within "
                        + Duration.ofNanos(a.deadline - a.started).toMillis() + " ms"));
            }
        }
    }

    /** Any thread: makes a waiting {@link #poll} return (a probe fell due earlier than it waits for). */
    public void wakeup() {
        selector.wakeup();
    }

    private static void finish(Attempt a, long now, Exception failure) {
        if (a.finished) return;
        a.finished = true;
        closeQuietly(a.channel);
        long took = now - a.started;
        a.done.accept(failure == null ? new ProbeResult.Up(Duration.ofNanos(took), OptionalInt.empty())
                : down(failure, took));
    }

    private static ProbeResult down(Exception e, long tookNanos) {
        FailureReason r = switch (e) {
            case SocketTimeoutException t -> FailureReason.TIMEOUT;
            case IOException io -> Attempts.classify(io);
            default -> FailureReason.IO_ERROR;
        };
        return new ProbeResult.Down(r, Attempts.describe(e), Duration.ofNanos(Math.max(0, tookNanos)));
    }

    private static void closeQuietly(SocketChannel ch) {
        if (ch == null) return;
        try {
            ch.close();
        } catch (IOException e) {
            // nothing to do: the attempt's result is already decided
        }
    }

    /** Open attempts end as failures ("stopped"); the selector closes. */
    @Override
    public void close() {
        long now = System.nanoTime();
        while (!deadlines.isEmpty()) {
            finish(deadlines.poll(), now, new IOException("stopped"));
        }
        try {
            selector.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
