package io.jkeepalived.check.probe;

import io.jkeepalived.os.Errno;
import io.jkeepalived.os.TcpConnector;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * TCP_CHECK attempts as non-blocking connects on one epoll instance ({@link TcpConnector}), owned
 * by one platform thread.
 *
 * <p>Why not a virtual thread per attempt, as the other probes, nor a JDK {@code SocketChannel}:
 * a TCP check is a connect and a close, and with 10,000 real servers checked every second the
 * wrapping cost several times the connect itself. A virtual thread parks its stack on the heap; a
 * channel brings locks, a file-descriptor object, a selection key and the selector's key sets,
 * and whatever of that is alive at a young collection is promoted: the old generation then grew
 * towards the heap's limit. Here an attempt is a descriptor, one small object and an entry in a
 * deadline queue; the socket options are keepalived's ({@code bind_if} and {@code fwmark}
 * applied, which the JDK's sockets cannot do).
 *
 * <p>Not thread-safe: {@link #start} and {@link #poll} run on the owning thread; {@link #wakeup}
 * from anywhere. {@code done} runs on the owning thread and must not start attempts itself. The
 * results are {@link TcpProbe}'s: Up with the connect's latency, Down with the reason the errno
 * gives, TIMEOUT at the deadline.
 */
public final class TcpConnects implements AutoCloseable {

    private static final class Attempt {
        final int fd;
        final long started;
        final long deadline;
        final Consumer<ProbeResult> done;
        boolean finished;

        Attempt(int fd, long started, long deadline, Consumer<ProbeResult> done) {
            this.fd = fd;
            this.started = started;
            this.deadline = deadline;
            this.done = done;
        }
    }

    private static final Comparator<Attempt> BY_DEADLINE = (a, b) -> Long.compare(a.deadline, b.deadline);

    private final TcpConnector net;
    private final PriorityQueue<Attempt> deadlines = new PriorityQueue<>(BY_DEADLINE);
    /** Open attempts by descriptor: descriptors are small integers, reused once closed. */
    private Attempt[] byFd = new Attempt[1024];
    private int open;

    public TcpConnects() throws IOException {
        this.net = TcpConnector.open();
    }

    /** Starts one attempt; {@code done} gets its result on this thread, now or in a later {@link #poll}. */
    public void start(Endpoint endpoint, long timeoutNanos, long now, Consumer<ProbeResult> done) {
        InetSocketAddress remote;
        Optional<InetSocketAddress> local;
        try {
            remote = endpoint.scopedRemote();
            local = endpoint.scopedLocal();
        } catch (SocketException e) {
            done.accept(new ProbeResult.Down(FailureReason.UNREACHABLE, e.getMessage(), Duration.ZERO));
            return;
        }
        InetAddress to = remote.getAddress();
        int fd = net.socket(to);
        if (fd < 0) {
            done.accept(failed("socket", -fd, 0));
            return;
        }
        String step = "connect";
        int r = 0;
        if (local.isPresent()) {
            step = "bind";
            r = net.bind(fd, local.get().getAddress(), local.get().getPort(), scope(local.get().getAddress()));
        }
        if (r >= 0 && endpoint.bindIf().isPresent()) {
            step = "bind_if " + endpoint.bindIf().get();
            r = net.bindToDevice(fd, endpoint.bindIf().get());
        }
        if (r >= 0 && endpoint.fwmark().isPresent()) {
            step = "fwmark";
            r = net.mark(fd, endpoint.fwmark().get());
        }
        if (r >= 0) {
            step = "connect";
            r = net.connect(fd, to, remote.getPort(), scope(to));
        }
        if (r == -Errno.EINPROGRESS) {
            r = net.watch(fd);
            if (r >= 0) {
                track(new Attempt(fd, now, now + timeoutNanos, done));
                return;
            }
            step = "epoll_ctl";
        }
        net.close(fd);
        long took = System.nanoTime() - now;
        done.accept(r >= 0 ? new ProbeResult.Up(Duration.ofNanos(Math.max(0, took)), OptionalInt.empty())
                : failed(step, -r, took));
    }

    /** Attempts still open. */
    public int open() {
        return open;
    }

    /** The nearest deadline of an open attempt, or {@code Long.MAX_VALUE} without one. */
    public long nextDeadline() {
        dropFinishedHeads();
        Attempt a = deadlines.peek();
        return a == null ? Long.MAX_VALUE : a.deadline;
    }

    /**
     * Waits up to {@code waitNanos} (0: not at all) for connects to complete or for {@link #wakeup},
     * then finishes what completed and what passed its deadline.
     */
    public void poll(long waitNanos) throws IOException {
        int n = net.await(waitNanos);
        long now = System.nanoTime();
        for (int i = 0; i < n; i++) {
            int fd = net.ready(i);
            Attempt a = fd < byFd.length ? byFd[fd] : null;
            if (a == null) continue; // a descriptor leaves the epoll set when closed: not expected
            int errno = net.outcome(fd);
            finish(a, errno == 0 ? new ProbeResult.Up(Duration.ofNanos(now - a.started), OptionalInt.empty())
                    : failed("connect", errno, now - a.started));
        }
        Attempt head;
        while ((head = deadlines.peek()) != null && (head.finished || head.deadline - now <= 0)) {
            deadlines.poll();
            if (!head.finished) {
                finish(head, new ProbeResult.Down(FailureReason.TIMEOUT, "connect: no answer within "
                        + Duration.ofNanos(head.deadline - head.started).toMillis() + " ms",
                        Duration.ofNanos(now - head.started)));
            }
        }
    }

    /** Any thread: makes a waiting {@link #poll} return (a probe fell due earlier than it waits for). */
    public void wakeup() {
        net.wakeup();
    }

    private void track(Attempt a) {
        if (a.fd >= byFd.length) byFd = Arrays.copyOf(byFd, Math.max(a.fd + 1, byFd.length * 2));
        byFd[a.fd] = a;
        deadlines.add(a);
        open++;
    }

    private void finish(Attempt a, ProbeResult result) {
        if (a.finished) return;
        a.finished = true;
        byFd[a.fd] = null;
        open--;
        net.close(a.fd);
        a.done.accept(result);
    }

    private void dropFinishedHeads() {
        while (!deadlines.isEmpty() && deadlines.peek().finished) deadlines.poll();
    }

    /** The reason a user can act on, from what the system call said. */
    static FailureReason reasonOf(int errno) {
        return switch (errno) {
            case Errno.ECONNREFUSED -> FailureReason.REFUSED;
            case Errno.ETIMEDOUT -> FailureReason.TIMEOUT;
            case Errno.EHOSTUNREACH, Errno.ENETUNREACH, Errno.ENETDOWN, Errno.EADDRNOTAVAIL, Errno.EADDRINUSE,
                 Errno.ENODEV, Errno.EACCES, Errno.EPERM -> FailureReason.UNREACHABLE;
            default -> FailureReason.IO_ERROR;
        };
    }

    private static ProbeResult failed(String step, int errno, long tookNanos) {
        return new ProbeResult.Down(reasonOf(errno), step + ": " + Errno.text(errno),
                Duration.ofNanos(Math.max(0, tookNanos)));
    }

    private static int scope(InetAddress a) {
        return a instanceof Inet6Address v6 ? v6.getScopeId() : 0;
    }

    /** Open attempts end as failures ("stopped"); the epoll instance closes. */
    @Override
    public void close() {
        long now = System.nanoTime();
        while (!deadlines.isEmpty()) {
            Attempt a = deadlines.poll();
            finish(a, new ProbeResult.Down(FailureReason.IO_ERROR, "stopped", Duration.ofNanos(now - a.started)));
        }
        net.close();
    }
}
