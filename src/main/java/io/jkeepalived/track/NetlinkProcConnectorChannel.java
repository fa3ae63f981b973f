package io.jkeepalived.track;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A {@code NETLINK_CONNECTOR} socket bound to {@code CN_IDX_PROC}, over FFM: socket, bind,
 * setsockopt, send, recv, close, with errno captured. Needs {@code CAP_NET_ADMIN} in the initial
 * user and PID namespaces (the kernel ignores subscriptions from elsewhere).
 *
 * <p>It lives here until {@code io.jkeepalived.os} (written in parallel) has netlink sockets; then
 * it should move there, behind {@link ProcConnectorChannel}. {@code recv} wakes every 200 ms
 * ({@code SO_RCVTIMEO}) to notice {@link #close()}; the receiving thread closes the descriptor
 * itself, so a descriptor number is never reused under a blocked reader.
 */
public final class NetlinkProcConnectorChannel implements ProcConnectorChannel {

    private static final int AF_NETLINK = 16;
    private static final int SOCK_DGRAM = 2;
    private static final int NETLINK_CONNECTOR = 11;
    private static final int SOL_SOCKET = 1;
    private static final int SO_RCVTIMEO = 20;
    private static final int EAGAIN = 11;
    private static final int EINTR = 4;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle SOCKET = handle("socket", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle BIND = handle("bind", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle SETSOCKOPT = handle("setsockopt", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle SEND = handle("send", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
    private static final MethodHandle RECV = handle("recv", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
    private static final MethodHandle CLOSE = handle("close", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));

    private final int fd;
    private boolean closed;      // guarded by this
    private boolean receiving;   // guarded by this
    private boolean fdClosed;    // guarded by this

    @SuppressWarnings("restricted")
    private static MethodHandle handle(String name, FunctionDescriptor fd) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), fd,
                Linker.Option.captureCallState("errno"));
    }

    private NetlinkProcConnectorChannel(int fd) {
        this.fd = fd;
    }

    /** Opens and binds the socket; an {@link IOException} says why not (e.g. EPERM without CAP_NET_ADMIN). */
    public static NetlinkProcConnectorChannel open() throws IOException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = a.allocate(CAPTURE);
            int fd = (int) SOCKET.invokeExact(st, AF_NETLINK, SOCK_DGRAM, NETLINK_CONNECTOR);
            if (fd < 0) {
                throw new IOException("socket: errno " + (int) ERRNO.get(st, 0L));
            }
            MemorySegment addr = a.allocate(12).fill((byte) 0);
            ByteBuffer ab = addr.asByteBuffer().order(ByteOrder.nativeOrder());
            ab.putShort(0, (short) AF_NETLINK).putInt(4, 0).putInt(8, ProcEventCodec.CN_IDX_PROC);
            if ((int) BIND.invokeExact(st, fd, addr, 12) != 0) {
                int errno = (int) ERRNO.get(st, 0L);
                closeFd(fd);
                throw new IOException("bind: errno " + errno);
            }
            MemorySegment tv = a.allocate(16).fill((byte) 0);
            tv.asByteBuffer().order(ByteOrder.nativeOrder()).putLong(0, 0).putLong(8, 200_000); // 200 ms
            int rc = (int) SETSOCKOPT.invokeExact(st, fd, SOL_SOCKET, SO_RCVTIMEO, tv, 16);
            if (rc != 0) {
                throw new IOException("setsockopt: errno " + (int) ERRNO.get(st, 0L));
            }
            return new NetlinkProcConnectorChannel(fd);
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException(t);
        }
    }

    @Override
    public int portId() {
        return 0;
    }

    @Override
    public void send(ByteBuffer message) throws IOException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = a.allocate(CAPTURE);
            MemorySegment buf = a.allocate(message.remaining());
            buf.asByteBuffer().put(message.duplicate());
            long n = (long) SEND.invokeExact(st, fd, buf, buf.byteSize(), 0);
            if (n < 0) {
                throw new IOException("send: errno " + (int) ERRNO.get(st, 0L));
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException(t);
        }
    }

    @Override
    public void receive(ByteBuffer into) throws IOException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = a.allocate(CAPTURE);
            MemorySegment buf = a.allocate(into.remaining());
            while (true) {
                synchronized (this) {
                    if (closed) {
                        closeOnce();
                        throw new IOException("closed");
                    }
                    receiving = true;
                }
                long n;
                try {
                    n = (long) RECV.invokeExact(st, fd, buf, buf.byteSize(), 0);
                } finally {
                    synchronized (this) {
                        receiving = false;
                    }
                }
                if (n >= 0) {
                    into.put(buf.asSlice(0, n).asByteBuffer());
                    return;
                }
                int errno = (int) ERRNO.get(st, 0L);
                if (errno != EAGAIN && errno != EINTR) {
                    throw new IOException("recv: errno " + errno);
                }
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException(t);
        }
    }

    /** Marks the channel closed; the descriptor is closed now, or by a receiver within 200 ms. */
    @Override
    public synchronized void close() {
        closed = true;
        if (!receiving) {
            closeOnce();
        }
    }

    private synchronized void closeOnce() {
        if (!fdClosed) {
            fdClosed = true;
            closeFd(fd);
        }
    }

    private static void closeFd(int fd) {
        try (Arena a = Arena.ofConfined()) {
            int rc = (int) CLOSE.invokeExact(a.allocate(CAPTURE), fd);
            if (rc != 0) {
                return; // nothing useful to do about a failed close
            }
        } catch (Throwable t) {
            // closing anyway
        }
    }
}
