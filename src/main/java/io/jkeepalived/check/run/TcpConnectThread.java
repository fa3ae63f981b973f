package io.jkeepalived.check.run;

import io.jkeepalived.check.probe.Endpoint;
import io.jkeepalived.check.probe.ProbeResult;
import io.jkeepalived.check.probe.TcpConnects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * A second selector for TCP_CHECK attempts, on a platform thread of its own ("jk-check-tcp").
 *
 * <p>A connect's cost is mostly the kernel's (on a loopback or a fast LAN the handshake runs in
 * the connecting thread's system call), so one thread running every attempt keeps one core busy
 * and no more: with 10,000 real servers a second it spent 70 % of its time in the kernel. The
 * timer thread runs half the attempts itself and hands the other half here.
 */
final class TcpConnectThread implements AutoCloseable {
    private static final long MAX_WAIT = Duration.ofSeconds(1).toNanos();

    private record Start(Endpoint endpoint, long timeoutNanos, Consumer<ProbeResult> done) {}

    private final ConcurrentLinkedQueue<Start> inbox = new ConcurrentLinkedQueue<>();
    private final TcpConnects tcp;
    private volatile boolean running = true;

    TcpConnectThread() {
        try {
            this.tcp = new TcpConnects();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector for TCP checks", e);
        }
        Thread.ofPlatform().name("jk-check-tcp").daemon(true).start(this::loop);
    }

    /** Any thread: the attempt starts on this thread as soon as it wakes up. */
    void start(Endpoint endpoint, long timeoutNanos, Consumer<ProbeResult> done) {
        inbox.add(new Start(endpoint, timeoutNanos, done));
        tcp.wakeup();
    }

    private void loop() {
        try {
            while (running) {
                Start s;
                while ((s = inbox.poll()) != null) tcp.start(s.endpoint(), s.timeoutNanos(), System.nanoTime(), s.done());
                long wait = tcp.open() > 0 ? Math.min(MAX_WAIT, Math.max(0, tcp.nextDeadline() - System.nanoTime()))
                        : MAX_WAIT;
                tcp.poll(inbox.isEmpty() ? wait : 0);
            }
        } catch (IOException | RuntimeException e) {
            if (running) LoggerFactory.getLogger(TcpConnectThread.class).error("TCP check thread stopped: {}", e.toString(), e);
        } finally {
            tcp.close();
        }
    }

    @Override
    public void close() {
        running = false;
        tcp.wakeup();
    }
}
