package io.jkeepalived.os;

import java.lang.foreign.Arena;
import java.lang.foreign.ValueLayout;
import java.util.Optional;
import java.util.OptionalInt;

/** Interface name/index/MAC look-ups in the calling thread's network namespace. */
public final class Interfaces {

    private Interfaces() {
    }

    /** {@code if_nametoindex}; empty when no such interface exists. */
    public static OptionalInt indexOf(String name) {
        if (name.isEmpty() || name.length() >= Linux.IFNAMSIZ) {
            return OptionalInt.empty();
        }
        try (var arena = Arena.ofConfined()) {
            int index = Libc.ifNameToIndex(arena.allocateFrom(name));
            return index > 0 ? OptionalInt.of(index) : OptionalInt.empty();
        }
    }

    /** {@code if_indextoname}; empty when no interface has that index. */
    public static Optional<String> nameOf(int index) {
        try (var arena = Arena.ofConfined()) {
            var buf = arena.allocate(Linux.IFNAMSIZ);
            return Libc.ifIndexToName(index, buf) == 0 ? Optional.of(buf.getString(0)) : Optional.empty();
        }
    }

    /** The interface's hardware address via {@code ioctl(SIOCGIFHWADDR)} (6 bytes for Ethernet). */
    public static MacAddress hardwareAddress(String name) throws OsException {
        if (name.isEmpty() || name.length() >= Linux.IFNAMSIZ) {
            throw new OsException("ioctl(SIOCGIFHWADDR) on " + name, Errno.ENODEV);
        }
        try (var fd = SocketOptions.socket(Linux.AF_INET, Linux.SOCK_DGRAM, 0, "AF_INET, SOCK_DGRAM");
                var arena = Arena.ofConfined()) {
            // struct ifreq: char ifr_name[16]; struct sockaddr ifr_hwaddr (family u16 + 14 data bytes) ...
            var ifreq = arena.allocate(40);
            ifreq.setString(0, name);
            int r = Libc.ioctl(fd.fd(), Linux.SIOCGIFHWADDR, ifreq);
            if (r < 0) {
                throw new OsException("ioctl(SIOCGIFHWADDR) on " + name, -r);
            }
            var mac = new byte[6];
            java.lang.foreign.MemorySegment.copy(ifreq, ValueLayout.JAVA_BYTE, 18, mac, 0, 6);
            return MacAddress.of(mac);
        }
    }
}
