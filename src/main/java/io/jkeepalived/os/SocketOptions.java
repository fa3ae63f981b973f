package io.jkeepalived.os;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** setsockopt/getsockopt with errors that name the option and the interface. Set-up path only. */
final class SocketOptions {

    private SocketOptions() {
    }

    static void setInt(OwnedFd fd, int level, int option, int value, String optionName, String where)
            throws OsException {
        try (var arena = Arena.ofConfined()) {
            var seg = arena.allocate(ValueLayout.JAVA_INT);
            seg.set(ValueLayout.JAVA_INT, 0, value);
            set(fd, level, option, seg, optionName, where);
        }
    }

    static void set(OwnedFd fd, int level, int option, MemorySegment value, String optionName, String where)
            throws OsException {
        int r = Libc.setsockopt(fd.fd(), level, option, value, (int) value.byteSize());
        if (r < 0) {
            throw new OsException("setsockopt(" + optionName + ")" + where, -r);
        }
    }

    static int getInt(OwnedFd fd, int level, int option, String optionName, String where) throws OsException {
        try (var arena = Arena.ofConfined()) {
            var seg = arena.allocate(ValueLayout.JAVA_INT);
            var len = arena.allocate(ValueLayout.JAVA_INT);
            len.set(ValueLayout.JAVA_INT, 0, 4);
            int r = Libc.getsockopt(fd.fd(), level, option, seg, len);
            if (r < 0) {
                throw new OsException("getsockopt(" + optionName + ")" + where, -r);
            }
            return seg.get(ValueLayout.JAVA_INT, 0);
        }
    }

    /** SO_BINDTODEVICE: the interface name, NUL-terminated. */
    static void bindToDevice(OwnedFd fd, String ifname) throws OsException {
        try (var arena = Arena.ofConfined()) {
            set(fd, Linux.SOL_SOCKET, Linux.SO_BINDTODEVICE, arena.allocateFrom(ifname), "SO_BINDTODEVICE",
                    " on " + ifname);
        }
    }

    static OwnedFd socket(int domain, int type, int protocol, String what) throws OsException {
        return OwnedFd.adopt(Libc.socket(domain, type | Linux.SOCK_CLOEXEC, protocol), "socket(" + what + ")");
    }
}
