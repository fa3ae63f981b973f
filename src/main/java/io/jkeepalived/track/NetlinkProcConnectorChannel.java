package io.jkeepalived.track;

import io.jkeepalived.os.Linux;
import io.jkeepalived.os.NetlinkSocket;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The kernel's proc connector on an {@link NetlinkSocket} ({@code NETLINK_CONNECTOR}, bound to the
 * {@code CN_IDX_PROC} group). Subscribing needs {@code CAP_NET_ADMIN} in the initial user and PID
 * namespaces (the kernel ignores subscriptions from elsewhere).
 *
 * <p>One reader thread blocks in {@link #receive}; {@link #close()} may come from another thread. The
 * reader waits at most {@value #WAKE_MILLIS} ms at a time to notice the close, and then closes the
 * socket itself: closing it under a reader in {@code poll} would free native memory the call still
 * uses, or let a reused descriptor number be read.
 */
public final class NetlinkProcConnectorChannel implements ProcConnectorChannel {
    private static final int WAKE_MILLIS = 200;

    private final NetlinkSocket socket;
    private boolean closed;        // guarded by this
    private boolean receiving;     // guarded by this
    private boolean socketClosed;  // guarded by this

    private NetlinkProcConnectorChannel(NetlinkSocket socket) {
        this.socket = socket;
    }

    /** Opens and binds the socket; an {@link IOException} says why not (e.g. EPERM without CAP_NET_ADMIN). */
    public static NetlinkProcConnectorChannel open() throws IOException {
        return new NetlinkProcConnectorChannel(
                NetlinkSocket.open(Linux.NETLINK_CONNECTOR, 1 << (ProcEventCodec.CN_IDX_PROC - 1)));
    }

    @Override
    public int portId() {
        return socket.portId();
    }

    @Override
    public synchronized void send(ByteBuffer message) throws IOException {
        if (closed) {
            throw new IOException("proc connector closed");
        }
        socket.send(message.duplicate(), "proc connector");
    }

    @Override
    public void receive(ByteBuffer into) throws IOException {
        while (true) {
            synchronized (this) {
                if (closed) {
                    closeOnce();
                    throw new IOException("proc connector closed");
                }
                receiving = true;
            }
            Optional<ByteBuffer> got;
            try {
                got = socket.receive(WAKE_MILLIS);
            } finally {
                synchronized (this) {
                    receiving = false;
                }
            }
            if (got.isPresent()) {
                into.put(got.get());
                return;
            }
        }
    }

    /** Marks the channel closed; the socket is closed now, or by the reader within {@value #WAKE_MILLIS} ms. */
    @Override
    public synchronized void close() {
        closed = true;
        if (!receiving) {
            closeOnce();
        }
    }

    private synchronized void closeOnce() {
        if (!socketClosed) {
            socketClosed = true;
            socket.close();
        }
    }
}
