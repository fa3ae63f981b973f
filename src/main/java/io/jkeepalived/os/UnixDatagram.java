package io.jkeepalived.os;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * An AF_UNIX datagram sender to one path ({@code /dev/log} for syslog): the JDK has Unix-domain
 * stream channels only. Sends never block (MSG_DONTWAIT): a datagram the receiver cannot take is
 * dropped and reported as {@code false}. One thread at a time.
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
        this.addressLength = 2 + p.length + 1;
        this.buffer = arena.allocate(MAX_DATAGRAM);
    }

    public static UnixDatagram open(String path) throws OsException {
        int r = Libc.socket(AF_UNIX, Linux.SOCK_DGRAM | Linux.SOCK_CLOEXEC, 0);
        return new UnixDatagram(OwnedFd.adopt(r, "socket(AF_UNIX, SOCK_DGRAM)"), path);
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
