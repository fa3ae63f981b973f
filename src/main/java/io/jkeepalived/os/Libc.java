package io.jkeepalived.os;

import static io.jkeepalived.os.Native.C_INT;
import static io.jkeepalived.os.Native.C_LONG;
import static io.jkeepalived.os.Native.C_PTR;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * libc bindings for file descriptors, sockets, poll, eventfd, ioctl, setns and mkfifo. Every function returns
 * the kernel convention: a non-negative result, or {@code -errno}. Callers turn a negative result
 * into an {@link OsException} that names what they were doing; hot paths (send, receive) allocate
 * nothing on success.
 *
 * <p>All of these calls block the carrier thread while in native code, so a virtual thread calling
 * them pins its carrier: use platform threads for sockets and netlink.
 */
final class Libc {

    private static final MethodHandle SOCKET = Native.downcall("socket",
            FunctionDescriptor.of(C_INT, C_INT, C_INT, C_INT), true);
    private static final MethodHandle BIND = Native.downcall("bind",
            FunctionDescriptor.of(C_INT, C_INT, C_PTR, C_INT), true);
    private static final MethodHandle SETSOCKOPT = Native.downcall("setsockopt",
            FunctionDescriptor.of(C_INT, C_INT, C_INT, C_INT, C_PTR, C_INT), true);
    private static final MethodHandle GETSOCKOPT = Native.downcall("getsockopt",
            FunctionDescriptor.of(C_INT, C_INT, C_INT, C_INT, C_PTR, C_PTR), true);
    private static final MethodHandle GETSOCKNAME = Native.downcall("getsockname",
            FunctionDescriptor.of(C_INT, C_INT, C_PTR, C_PTR), true);
    private static final MethodHandle SENDTO = Native.downcall("sendto",
            FunctionDescriptor.of(C_LONG, C_INT, C_PTR, C_LONG, C_INT, C_PTR, C_INT), true);
    private static final MethodHandle SENDMSG = Native.downcall("sendmsg",
            FunctionDescriptor.of(C_LONG, C_INT, C_PTR, C_INT), true);
    private static final MethodHandle SENDMMSG = Native.downcall("sendmmsg",
            FunctionDescriptor.of(C_INT, C_INT, C_PTR, C_INT, C_INT), true);
    private static final MethodHandle RECVMSG = Native.downcall("recvmsg",
            FunctionDescriptor.of(C_LONG, C_INT, C_PTR, C_INT), true);
    private static final MethodHandle POLL = Native.downcall("poll",
            FunctionDescriptor.of(C_INT, C_PTR, C_LONG, C_INT), true);
    private static final MethodHandle EVENTFD = Native.downcall("eventfd",
            FunctionDescriptor.of(C_INT, C_INT, C_INT), true);
    private static final MethodHandle READ = Native.downcall("read",
            FunctionDescriptor.of(C_LONG, C_INT, C_PTR, C_LONG), true);
    private static final MethodHandle WRITE = Native.downcall("write",
            FunctionDescriptor.of(C_LONG, C_INT, C_PTR, C_LONG), true);
    private static final MethodHandle CLOSE = Native.downcall("close",
            FunctionDescriptor.of(C_INT, C_INT), true);
    private static final MethodHandle OPEN = Native.downcall("open",
            FunctionDescriptor.of(C_INT, C_PTR, C_INT, C_INT), true, Linker.Option.firstVariadicArg(2));
    private static final MethodHandle IOCTL = Native.downcall("ioctl",
            FunctionDescriptor.of(C_INT, C_INT, C_LONG, C_PTR), true, Linker.Option.firstVariadicArg(2));
    private static final MethodHandle SETNS = Native.downcall("setns",
            FunctionDescriptor.of(C_INT, C_INT, C_INT), true);
    private static final MethodHandle MKFIFO = Native.downcall("mkfifo",
            FunctionDescriptor.of(C_INT, C_PTR, C_INT), true);
    private static final MethodHandle IF_NAMETOINDEX = Native.downcall("if_nametoindex",
            FunctionDescriptor.of(C_INT, C_PTR), true);
    private static final MethodHandle IF_INDEXTONAME = Native.downcall("if_indextoname",
            FunctionDescriptor.of(C_PTR, C_INT, C_PTR), true);

    private Libc() {
    }

    static int socket(int domain, int type, int protocol) {
        var st = Native.callState();
        try {
            return (int) Native.result((int) SOCKET.invokeExact(st, domain, type, protocol), st);
        } catch (Throwable t) {
            throw Native.broken(t);
        }
    }

    static int bind(int fd, MemorySegment addr, int len) {
        var st = Native.callState();
        try {
            return (int) Native.result((int) BIND.invokeExact(st, fd, addr, len), st);
        } catch (Throwable t) {
            throw Native.broken(t);
        }
    }

    static int setsockopt(int fd, int level, int name, MemorySegment value, int len) {
        var st = Native.callState();
        try {
            return (int) Native.result((int) SETSOCKOPT.invokeExact(st, fd, level, name, value, len), st);
        } catch (Throwable t) {
            throw Native.broken(t);
        }
    }

    /** {@code lenInOut} holds one int: the buffer size in, the value size out. */
    static int getsockopt(int fd, int level, int name, MemorySegment value, MemorySegment lenInOut) {
        var st = Native.callState();
        try {
            return (int) Native.result((int) GETSOCKOPT.invokeExact(st, fd, level, name, value, lenInOut), st);
        } catch (Throwable t) {
            throw Native.broken(t);
        }
    }

    static int getsockname(int fd, MemorySegment addr, MemorySegment lenInOut) {
        var st = Native.callState();
        try {
            return (int) Native.result((int) GETSOCKNAME.invokeExact(st, fd, addr, lenInOut), st);
        } catch (Throwable t) {
            throw Native.broken(t);
        }
    }

    static long sendto(int fd, MemorySegment buf, long len, int flags, MemorySegment addr, int addrLen) {
        var st = Native.callState();
        try {
            return Native.result((long) SENDTO.invokeExact(st, fd, buf, len, flags, addr, addrLen), st);
        } catch (Throwable t) {
            throw Native.broken(t);
        }
    }

    static long sendmsg(int fd, MemorySegment msghdr, int flags) {
        var st = Native.callState();
        try {
            return Native.result((long) SENDMSG.invokeExact(st, fd, msghdr, flags), st);
        } catch (Throwable t) {
            throw Native.broken(t);
        }
    }

    /** Messages sent (at least one), or the negated errno of the first when none was. */
    static int sendmmsg(int fd, MemorySegment mmsghdrs, int vlen, int flags) {
        var st = Native.callState();
        try {
            return (int) Native.result((int) SENDMMSG.invokeExact(st, fd, mmsghdrs, vlen, flags), st);
        } catch (Throwable t) {
            throw Native.broken(t);
        }
    }

    static long recvmsg(int fd, MemorySegment msghdr, int flags) {
        var st = Native.callState();
        try {
            return Native.result((long) RECVMSG.invokeExact(st, fd, msghdr, flags), st);
        } catch (Throwable t) {
            throw Native.broken(t);
        }
    }

    static int poll(MemorySegment pollfds, long count, int timeoutMillis) {
        var st = Native.callState();
        try {
            return (int) Native.result((int) POLL.invokeExact(st, pollfds, count, timeoutMillis), st);
        } catch (Throwable t) {
            throw Native.broken(t);
        }
    }

    static int eventfd(int initial, int flags) {
        var st = Native.callState();
        try {
            return (int) Native.result((int) EVENTFD.invokeExact(st, initial, flags), st);
        } catch (Throwable t) {
            throw Native.broken(t);
        }
    }

    static long read(int fd, MemorySegment buf, long len) {
        var st = Native.callState();
        try {
            return Native.result((long) READ.invokeExact(st, fd, buf, len), st);
        } catch (Throwable t) {
            throw Native.broken(t);
        }
    }

    static long write(int fd, MemorySegment buf, long len) {
        var st = Native.callState();
        try {
            return Native.result((long) WRITE.invokeExact(st, fd, buf, len), st);
        } catch (Throwable t) {
            throw Native.broken(t);
        }
    }

    static int mkfifo(MemorySegment path, int mode) {
        var st = Native.callState();
        try {
            return (int) Native.result((int) MKFIFO.invokeExact(st, path, mode), st);
        } catch (Throwable t) {
            throw Native.broken(t);
        }
    }

    static int close(int fd) {
        var st = Native.callState();
        try {
            return (int) Native.result((int) CLOSE.invokeExact(st, fd), st);
        } catch (Throwable t) {
            throw Native.broken(t);
        }
    }

    static int open(MemorySegment path, int flags) {
        var st = Native.callState();
        try {
            return (int) Native.result((int) OPEN.invokeExact(st, path, flags, 0), st);
        } catch (Throwable t) {
            throw Native.broken(t);
        }
    }

    static int ioctl(int fd, long request, MemorySegment arg) {
        var st = Native.callState();
        try {
            return (int) Native.result((int) IOCTL.invokeExact(st, fd, request, arg), st);
        } catch (Throwable t) {
            throw Native.broken(t);
        }
    }

    static int setns(int fd, int nstype) {
        var st = Native.callState();
        try {
            return (int) Native.result((int) SETNS.invokeExact(st, fd, nstype), st);
        } catch (Throwable t) {
            throw Native.broken(t);
        }
    }

    /** The index, or {@code -errno} (0 is never a valid index, so glibc's 0 maps to -errno). */
    static int ifNameToIndex(MemorySegment name) {
        var st = Native.callState();
        try {
            int index = (int) IF_NAMETOINDEX.invokeExact(st, name);
            return index == 0 ? -Math.max(1, Native.errno(st)) : index;
        } catch (Throwable t) {
            throw Native.broken(t);
        }
    }

    /** 0 on success (name written to {@code buf}, at least IF_NAMESIZE bytes), or {@code -errno}. */
    static int ifIndexToName(int index, MemorySegment buf) {
        var st = Native.callState();
        try {
            var ptr = (MemorySegment) IF_INDEXTONAME.invokeExact(st, index, buf);
            return ptr.equals(MemorySegment.NULL) ? -Math.max(1, Native.errno(st)) : 0;
        } catch (Throwable t) {
            throw Native.broken(t);
        }
    }
}
