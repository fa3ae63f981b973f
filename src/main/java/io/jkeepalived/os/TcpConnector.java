package io.jkeepalived.os;

import static io.jkeepalived.os.Native.C_INT;
import static io.jkeepalived.os.Native.C_PTR;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

/**
 * Non-blocking TCP connects watched by one epoll instance: TCP_CHECK at 10,000 real servers a
 * second. An attempt is {@code socket(2)}, the options keepalived applies ({@code bindto},
 * {@code bind_if} as SO_BINDTODEVICE, {@code fwmark} as SO_MARK), {@code connect(2)} and one
 * readiness event; no Java object lives per socket, so nothing outlives a young collection.
 *
 * <p>The sockets are plain descriptors that the caller owns and must {@link #close(int)}: a
 * descriptor leaves the epoll set when it is closed. {@link #close()} closes only the epoll
 * instance and its wake-up eventfd. One owning thread; {@link #wakeup()} from any thread.
 *
 * <pre>
 * struct epoll_event {          // packed on x86-64: 12 bytes
 *     uint32_t events;          // EPOLLOUT: the connect finished, one way or the other
 *     uint64_t data;            // here: the socket's descriptor
 * };
 * </pre>
 */
public final class TcpConnector implements AutoCloseable {

    private static final long EVENT_SIZE = 12;
    private static final long EVENT_DATA = 4;
    private static final int MAX_EVENTS = 512;

    private static final MethodHandle CONNECT = Native.downcall("connect",
            FunctionDescriptor.of(C_INT, C_INT, C_PTR, C_INT), true);
    private static final MethodHandle EPOLL_CREATE1 = Native.downcall("epoll_create1",
            FunctionDescriptor.of(C_INT, C_INT), true);
    private static final MethodHandle EPOLL_CTL = Native.downcall("epoll_ctl",
            FunctionDescriptor.of(C_INT, C_INT, C_INT, C_INT, C_PTR), true);
    private static final MethodHandle EPOLL_WAIT = Native.downcall("epoll_wait",
            FunctionDescriptor.of(C_INT, C_INT, C_PTR, C_INT, C_INT), true);

    private final OwnedFd epoll;
    private final WakeUpFd wake;
    // shared, not confined: built by the scheduler's constructor, used by its thread
    private final Arena arena = Arena.ofShared();
    private final MemorySegment events;
    private final MemorySegment control;
    private final MemorySegment address;
    private final MemorySegment intValue;
    private final MemorySegment intLength;
    private final int[] ready = new int[MAX_EVENTS];

    private TcpConnector(OwnedFd epoll, WakeUpFd wake) throws OsException {
        this.epoll = epoll;
        this.wake = wake;
        this.events = arena.allocate(EVENT_SIZE * MAX_EVENTS, 8);
        this.control = arena.allocate(EVENT_SIZE, 8);
        this.address = arena.allocate(SockAddr.MAX_SIZE, 8);
        this.intValue = arena.allocate(ValueLayout.JAVA_INT);
        this.intLength = arena.allocate(ValueLayout.JAVA_INT);
        int r = control(Linux.EPOLLIN, wake.fd());
        if (r < 0) throw new OsException("epoll_ctl(eventfd)", -r);
    }

    public static TcpConnector open() throws OsException {
        OwnedFd ep = OwnedFd.adopt(epollCreate(), "epoll_create1");
        WakeUpFd w;
        try {
            w = WakeUpFd.open();
        } catch (OsException e) {
            ep.close();
            throw e;
        }
        try {
            return new TcpConnector(ep, w);
        } catch (OsException e) {
            w.close();
            ep.close();
            throw e;
        }
    }

    /** A non-blocking, close-on-exec stream socket of {@code remote}'s family; minus errno on failure. */
    public int socket(InetAddress remote) {
        return Libc.socket(SockAddr.family(remote), Linux.SOCK_STREAM | Linux.SOCK_NONBLOCK | Linux.SOCK_CLOEXEC, 0);
    }

    /** SO_REUSEADDR, then bind to {@code local}:{@code port} ({@code bindto}, {@code bind_port}); minus errno. */
    public int bind(int fd, InetAddress local, int port, int scopeId) {
        int r = intOption(fd, Linux.SOL_SOCKET, Linux.SO_REUSEADDR, 1);
        if (r < 0) return r;
        int len = inet(local, port, scopeId);
        return Libc.bind(fd, address, len);
    }

    /** SO_BINDTODEVICE ({@code bind_if}); minus errno (ENODEV: no such interface). */
    public int bindToDevice(int fd, String interfaceName) {
        byte[] name = interfaceName.getBytes(StandardCharsets.US_ASCII);
        if (name.length >= Linux.IFNAMSIZ) return -Errno.EINVAL;
        address.asSlice(0, Linux.IFNAMSIZ).fill((byte) 0);
        MemorySegment.copy(name, 0, address, ValueLayout.JAVA_BYTE, 0, name.length);
        return Libc.setsockopt(fd, Linux.SOL_SOCKET, Linux.SO_BINDTODEVICE, address, name.length + 1);
    }

    /** SO_MARK ({@code fwmark}); minus errno. */
    public int mark(int fd, long mark) {
        return intOption(fd, Linux.SOL_SOCKET, Linux.SO_MARK, (int) mark);
    }

    /**
     * Starts the connect: 0 when it completed at once, {@code -EINPROGRESS} when it is under way
     * (then {@link #watch} it), else minus errno.
     */
    public int connect(int fd, InetAddress remote, int port, int scopeId) {
        int len = inet(remote, port, scopeId);
        var st = Native.callState();
        try {
            return (int) Native.result((int) CONNECT.invokeExact(st, fd, address, len), st);
        } catch (Throwable t) {
            throw Native.broken(t);
        }
    }

    /** Reports the socket from {@link #await} once its connect has finished; minus errno. */
    public int watch(int fd) {
        return control(Linux.EPOLLOUT, fd);
    }

    /**
     * Waits up to {@code timeoutNanos} (0: not at all; rounded up to whole milliseconds) for
     * connects to finish or for {@link #wakeup}. Returns how many sockets are ready: their
     * descriptors are {@link #ready(int)} 0 to n-1. 0 after a wake-up, a timeout or a signal.
     */
    public int await(long timeoutNanos) throws OsException {
        int millis = timeoutNanos <= 0 ? 0 : (int) Math.min(Integer.MAX_VALUE, (timeoutNanos + 999_999) / 1_000_000);
        var st = Native.callState();
        int n;
        try {
            n = (int) Native.result((int) EPOLL_WAIT.invokeExact(st, epoll.fd(), events, MAX_EVENTS, millis), st);
        } catch (Throwable t) {
            throw Native.broken(t);
        }
        if (n == -Errno.EINTR) return 0;
        if (n < 0) throw new OsException("epoll_wait", -n);
        int count = 0;
        for (int i = 0; i < n; i++) {
            int fd = (int) events.get(ValueLayout.JAVA_LONG_UNALIGNED, i * EVENT_SIZE + EVENT_DATA);
            if (fd == wake.fd()) {
                wake.drain();
            } else {
                ready[count++] = fd;
            }
        }
        return count;
    }

    /** The descriptor of the {@code i}th ready socket of the last {@link #await}. */
    public int ready(int i) {
        return ready[i];
    }

    /** The connect's outcome once ready: 0 connected, else its errno (SO_ERROR). */
    public int outcome(int fd) {
        intLength.set(ValueLayout.JAVA_INT, 0, 4);
        int r = Libc.getsockopt(fd, Linux.SOL_SOCKET, Linux.SO_ERROR, intValue, intLength);
        return r < 0 ? -r : intValue.get(ValueLayout.JAVA_INT, 0);
    }

    /** Closes a socket this connector made; it leaves the epoll set with it. */
    public void close(int fd) {
        Libc.close(fd);
    }

    /** Any thread: a waiting {@link #await} returns. */
    public void wakeup() {
        wake.signal();
    }

    @Override
    public void close() {
        wake.close();
        epoll.close();
        arena.close();
    }

    private int intOption(int fd, int level, int name, int value) {
        intValue.set(ValueLayout.JAVA_INT, 0, value);
        return Libc.setsockopt(fd, level, name, intValue, 4);
    }

    private int inet(InetAddress a, int port, int scopeId) {
        int len = SockAddr.writeInet(address, a, scopeId);
        address.set(SockAddr.U16_BE, 2, (short) port);
        return len;
    }

    private int control(int eventMask, int fd) {
        control.set(ValueLayout.JAVA_INT, 0, eventMask);
        control.set(ValueLayout.JAVA_LONG_UNALIGNED, EVENT_DATA, fd);
        var st = Native.callState();
        try {
            return (int) Native.result((int) EPOLL_CTL.invokeExact(st, epoll.fd(), Linux.EPOLL_CTL_ADD, fd, control), st);
        } catch (Throwable t) {
            throw Native.broken(t);
        }
    }

    private static int epollCreate() {
        var st = Native.callState();
        try {
            return (int) Native.result((int) EPOLL_CREATE1.invokeExact(st, Linux.EPOLL_CLOEXEC), st);
        } catch (Throwable t) {
            throw Native.broken(t);
        }
    }
}
