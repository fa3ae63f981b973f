package io.jkeepalived.os;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * An AF_UNIX datagram socket to one path ({@code /dev/log} for syslog, {@code $NOTIFY_SOCKET} for
 * systemd): the JDK has Unix-domain stream channels only. A path starting with {@code @} names an
 * abstract socket (Linux: a leading NUL, no file). Sends never block (MSG_DONTWAIT): a datagram the
 * receiver cannot take is dropped and reported as {@code false}. {@link #bind} gives the receiving
 * end. One thread at a time.
 */
public final class UnixDatagram implements AutoCloseable {
    private static final int AF_UNIX = 1;
    private static final int SUN_PATH = 108;
    private static final int MAX_DATAGRAM = 8192;

    private final OwnedFd fd;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment address;
    private final int addressLength;
    private final MemorySegment buffer;

    private UnixDatagram(OwnedFd fd, String path) {
        this.fd = fd;
        byte[] p = path.getBytes(StandardCharsets.UTF_8);
        if (p.length >= SUN_PATH) {
            throw new IllegalArgumentException("socket path too long: " + path);
        }
        this.address = arena.allocate(2 + SUN_PATH);
        address.set(ValueLayout.JAVA_SHORT, 0, (short) AF_UNIX);
        MemorySegment.copy(p, 0, address, ValueLayout.JAVA_BYTE, 2, p.length);
        boolean abstractName = p.length > 0 && p[0] == '@';
        if (abstractName) {
            address.set(ValueLayout.JAVA_BYTE, 2, (byte) 0);
        }
        // an abstract name is exactly its bytes; a path is NUL-terminated
        this.addressLength = 2 + p.length + (abstractName ? 0 : 1);
        this.buffer = arena.allocate(MAX_DATAGRAM);
    }

    public static UnixDatagram open(String path) throws OsException {
        int r = Libc.socket(AF_UNIX, Linux.SOCK_DGRAM | Linux.SOCK_CLOEXEC, 0);
        return new UnixDatagram(OwnedFd.adopt(r, "socket(AF_UNIX, SOCK_DGRAM)"), path);
    }

    /** A socket bound to {@code path} (which must not exist), to {@link #receive} datagrams sent there. */
    public static UnixDatagram bind(String path) throws OsException {
        UnixDatagram d = open(path);
        int r = Libc.bind(d.fd.fd(), d.address, d.addressLength);
        if (r < 0) {
            d.close();
            throw new OsException("bind(AF_UNIX " + path + ")", -r);
        }
        return d;
    }

    /** The next datagram, waiting up to {@code timeoutMillis}; empty on timeout. */
    public java.util.Optional<byte[]> receive(int timeoutMillis) throws OsException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment pfd = a.allocate(8);
            pfd.set(ValueLayout.JAVA_INT, 0, fd.fd());
            pfd.set(ValueLayout.JAVA_SHORT, 4, (short) 1); // POLLIN
            int r = Libc.poll(pfd, 1, timeoutMillis);
            if (r < 0) {
                throw new OsException("poll", -r);
            }
            if (r == 0) {
                return java.util.Optional.empty();
            }
            long n = Libc.read(fd.fd(), buffer, MAX_DATAGRAM);
            if (n < 0) {
                throw new OsException("read", (int) -n);
            }
            return java.util.Optional.of(buffer.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE));
        }
    }

    /** Sends {@code bytes} (truncated to 8 KiB); false if it could not be sent (no listener, queue full). */
    public boolean send(byte[] bytes) {
        int n = Math.min(bytes.length, MAX_DATAGRAM);
        MemorySegment.copy(bytes, 0, buffer, ValueLayout.JAVA_BYTE, 0, n);
        return Libc.sendto(fd.fd(), buffer, n, Linux.MSG_DONTWAIT, address, addressLength) == n;
    }

    @Override
    public void close() {
        fd.close();
        arena.close();
    }
}
