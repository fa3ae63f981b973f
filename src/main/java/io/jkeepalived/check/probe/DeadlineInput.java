package io.jkeepalived.check.probe;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;

/**
 * A buffered reader of a socket that never waits past the attempt's deadline: each fill sets the
 * socket timeout to what is left, so a trickle of one byte a second ends at the deadline.
 */
final class DeadlineInput {

    private final Socket socket;
    private final InputStream in;
    private final Deadline deadline;
    private final byte[] buf = new byte[8192];
    private int pos;
    private int len;

    DeadlineInput(Socket socket, Deadline deadline) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.deadline = deadline;
    }

    /** The next byte, or -1 at end of stream. */
    int read() throws IOException {
        if (pos == len && !fill()) {
            return -1;
        }
        return buf[pos++] & 0xff;
    }

    /** Up to {@code max} bytes into {@code dst}; -1 at end of stream. */
    int read(byte[] dst, int off, int max) throws IOException {
        if (pos == len && !fill()) {
            return -1;
        }
        int n = Math.min(max, len - pos);
        System.arraycopy(buf, pos, dst, off, n);
        pos += n;
        return n;
    }

    private boolean fill() throws IOException {
        socket.setSoTimeout(deadline.socketTimeoutMillis());
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            return false;
        }
        pos = 0;
        len = n;
        return true;
    }
}
