package io.jkeepalived.os;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * An AF_NETLINK datagram socket: sends requests to the kernel (port 0) and reads whole datagrams.
 * Message framing, sequence numbers and acks are the caller's (see {@code io.jkeepalived.netlink}).
 * Extended acks are switched on so kernel error strings reach our error messages. Not thread-safe.
 *
 * <pre>
 * struct sockaddr_nl { u16 nl_family; u16 nl_pad; u32 nl_pid; u32 nl_groups; };
 * </pre>
 */
public final class NetlinkSocket implements AutoCloseable {

    /** Large enough for any dump datagram the kernel builds (it caps them at 32 KiB). */
    public static final int RECEIVE_BUFFER = 64 * 1024;

    private final OwnedFd fd;
    private final int portId;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment kernel;
    private final MemorySegment sendBuffer;
    private final MemorySegment receiveBuffer;
    private final MemorySegment pollFd;

    private NetlinkSocket(OwnedFd fd, int portId) {
        this.fd = fd;
        this.portId = portId;
        this.kernel = arena.allocate(SockAddr.NL);
        kernel.set(ValueLayout.JAVA_SHORT, 0, (short) Linux.AF_NETLINK);
        this.sendBuffer = arena.allocate(RECEIVE_BUFFER, 8);
        this.receiveBuffer = arena.allocate(RECEIVE_BUFFER, 8);
        this.pollFd = arena.allocate(8, 8);
    }

    /**
     * Opens and binds a netlink socket of {@code protocol} (e.g. NETLINK_ROUTE), subscribed to the
     * multicast {@code groups} bitmask (0 for a request socket).
     */
    public static NetlinkSocket open(int protocol, int groups) throws OsException {
        var fd = SocketOptions.socket(Linux.AF_NETLINK, Linux.SOCK_RAW | Linux.SOCK_NONBLOCK, protocol, "AF_NETLINK, " + protocol);
        try (var a = Arena.ofConfined()) {
            // Best effort: older kernels lack these; errors then simply carry no kernel text.
            Libc.setsockopt(fd.fd(), Linux.SOL_NETLINK, Linux.NETLINK_EXT_ACK, a.allocateFrom(ValueLayout.JAVA_INT, 1), 4);
            if (groups != 0) {
                SocketOptions.setInt(fd, Linux.SOL_SOCKET, Linux.SO_RCVBUF, 1 << 20, "SO_RCVBUF", " (netlink)");
            }
            var addr = a.allocate(SockAddr.NL);
            addr.set(ValueLayout.JAVA_SHORT, 0, (short) Linux.AF_NETLINK);
            addr.set(ValueLayout.JAVA_INT, SockAddr.NL_GROUPS, groups);
            int r = Libc.bind(fd.fd(), addr, (int) addr.byteSize());
            if (r < 0) {
                throw new OsException("bind(AF_NETLINK, groups 0x" + Integer.toHexString(groups) + ")", -r);
            }
            var len = a.allocateFrom(ValueLayout.JAVA_INT, (int) addr.byteSize());
            r = Libc.getsockname(fd.fd(), addr, len);
            if (r < 0) {
                throw new OsException("getsockname(AF_NETLINK)", -r);
            }
            return new NetlinkSocket(fd, addr.get(ValueLayout.JAVA_INT, SockAddr.NL_PID));
        } catch (OsException | RuntimeException e) {
            fd.close();
            throw e;
        }
    }

    /**
     * Makes room for many queued replies (a batch of requests gets one ack each, queued before we
     * read any): SO_RCVBUFFORCE, which root may use past {@code net.core.rmem_max}, else SO_RCVBUF
     * (capped by the kernel). Also asks for capped acks (NETLINK_CAP_ACK): an error ack then
     * carries only the request's header, not its whole payload. Both best effort.
     */
    public void enlargeForBatches(int receiveBytes) {
        try (var a = Arena.ofConfined()) {
            var value = a.allocateFrom(ValueLayout.JAVA_INT, receiveBytes);
            if (Libc.setsockopt(fd.fd(), Linux.SOL_SOCKET, Linux.SO_RCVBUFFORCE, value, 4) < 0) {
                Libc.setsockopt(fd.fd(), Linux.SOL_SOCKET, Linux.SO_RCVBUF, value, 4);
            }
            Libc.setsockopt(fd.fd(), Linux.SOL_NETLINK, Linux.NETLINK_CAP_ACK, a.allocateFrom(ValueLayout.JAVA_INT, 1), 4);
        }
    }

    /**
     * Joins multicast group {@code group} (a number, not a bitmask: groups past 32 too) after the
     * fact, from any thread: the socket stays in the network namespace it was opened in.
     */
    public void joinGroup(int group) throws OsException {
        try (var a = Arena.ofConfined()) {
            int r = Libc.setsockopt(fd.fd(), Linux.SOL_NETLINK, Linux.NETLINK_ADD_MEMBERSHIP, a.allocateFrom(ValueLayout.JAVA_INT, group), 4);
            if (r < 0) {
                throw new OsException("setsockopt(NETLINK_ADD_MEMBERSHIP " + group + ")", -r);
            }
        }
    }

    /** Leaves multicast group {@code group}; the kernel no longer queues its messages here. */
    public void leaveGroup(int group) throws OsException {
        try (var a = Arena.ofConfined()) {
            int r = Libc.setsockopt(fd.fd(), Linux.SOL_NETLINK, Linux.NETLINK_DROP_MEMBERSHIP, a.allocateFrom(ValueLayout.JAVA_INT, group), 4);
            if (r < 0) {
                throw new OsException("setsockopt(NETLINK_DROP_MEMBERSHIP " + group + ")", -r);
            }
        }
    }

    /** The port id the kernel assigned; replies carry it. */
    public int portId() {
        return portId;
    }

    public int fd() {
        return fd.fd();
    }

    /**
     * Lets one datagram carry up to {@code bytes} (an nf_tables transaction must fit in one):
     * SO_SNDBUFFORCE, which root may use past {@code net.core.wmem_max}, else SO_SNDBUF. Best effort.
     */
    public void enlargeSendBuffer(int bytes) {
        try (var a = Arena.ofConfined()) {
            var value = a.allocateFrom(ValueLayout.JAVA_INT, bytes);
            if (Libc.setsockopt(fd.fd(), Linux.SOL_SOCKET, Linux.SO_SNDBUFFORCE, value, 4) < 0) {
                Libc.setsockopt(fd.fd(), Linux.SOL_SOCKET, Linux.SO_SNDBUF, value, 4);
            }
        }
    }

    /** Sends one or more complete netlink messages in one datagram to the kernel. */
    public void send(ByteBuffer messages, String what) throws OsException {
        send(messages, () -> what);
    }

    /** As {@link #send(ByteBuffer, String)}, naming the request only when it fails. */
    public void send(ByteBuffer messages, java.util.function.Supplier<String> what) throws OsException {
        int n = messages.remaining();
        if (n > sendBuffer.byteSize()) { // a large transaction: a buffer of its own
            try (var a = Arena.ofConfined()) {
                send(a.allocate(n, 8).copyFrom(MemorySegment.ofBuffer(messages)), n, what);
            }
            return;
        }
        MemorySegment.copy(MemorySegment.ofBuffer(messages), 0, sendBuffer, 0, n);
        send(sendBuffer, n, what);
    }

    private void send(MemorySegment data, int n, java.util.function.Supplier<String> what) throws OsException {
        long r = Libc.sendto(fd.fd(), data, n, 0, kernel, (int) kernel.byteSize());
        if (r < 0) {
            throw new OsException("sendto(netlink " + what.get() + ")", (int) -r);
        }
    }

    /**
     * Reads one datagram, waiting up to {@code timeoutMillis} (0: do not wait, -1: forever). The
     * returned buffer is a view of an internal buffer, valid until the next receive. Empty when
     * nothing arrived. ENOBUFS (the kernel dropped messages for this socket) is thrown as such:
     * a monitor must then re-read the state it tracks.
     */
    public Optional<ByteBuffer> receive(int timeoutMillis) throws OsException {
        // Read first: during a dump the next datagram is usually queued already, and the poll is
        // only needed when it is not (one syscall per datagram instead of two).
        Optional<ByteBuffer> ready = read();
        if (ready.isPresent() || timeoutMillis == 0) {
            return ready;
        }
        pollFd.set(ValueLayout.JAVA_INT, 0, fd.fd());
        pollFd.set(ValueLayout.JAVA_SHORT, 4, Linux.POLLIN);
        pollFd.set(ValueLayout.JAVA_SHORT, 6, (short) 0);
        int polled = Libc.poll(pollFd, 1, timeoutMillis);
        if (polled < 0 && polled != -Errno.EINTR) {
            throw new OsException("poll(netlink)", -polled);
        }
        return polled <= 0 ? Optional.empty() : read();
    }

    private Optional<ByteBuffer> read() throws OsException {
        long n = Libc.read(fd.fd(), receiveBuffer, RECEIVE_BUFFER);
        if (n == 0) {
            return Optional.empty();
        }
        if (n < 0) {
            // The socket is non-blocking: EAGAIN means nothing is queued.
            if (n == -Errno.EAGAIN || n == -Errno.EINTR) {
                return Optional.empty();
            }
            throw new OsException("recv(netlink)", (int) -n);
        }
        return Optional.of(receiveBuffer.asSlice(0, n).asByteBuffer().order(ByteOrder.nativeOrder()));
    }

    @Override
    public void close() {
        fd.close();
        arena.close();
    }
}
