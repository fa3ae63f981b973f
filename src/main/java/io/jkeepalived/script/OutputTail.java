package io.jkeepalived.script;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Drains a script's merged stdout/stderr, keeping only the last {@code capacity} bytes.
 *
 * <p>A script that prints megabytes must neither block on a full pipe nor grow our memory: the
 * drain reads continuously into a fixed ring, so memory is bounded by {@code capacity} and the
 * pipe never fills. The tail is kept for log lines about failing scripts.
 */
public final class OutputTail {

    private final byte[] ring;
    private long written;

    public OutputTail(int capacity) {
        this.ring = new byte[Math.max(1, capacity)];
    }

    /** Reads {@code in} to end of stream; returns quietly on I/O errors (the process went away). */
    public void drain(InputStream in) {
        byte[] buf = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                append(buf, n);
            }
        } catch (IOException e) {
            // the stream closes when the process is killed; what we have is the tail
        }
    }

    private synchronized void append(byte[] buf, int n) {
        for (int i = 0; i < n; i++) {
            ring[(int) (written++ % ring.length)] = buf[i];
        }
    }

    /** Total bytes the script wrote (not just those kept). */
    public synchronized long totalBytes() {
        return written;
    }

    /** The last bytes written, decoded as UTF-8 (lossy). */
    public synchronized String tail() {
        int len = (int) Math.min(written, ring.length);
        byte[] out = new byte[len];
        long start = written - len;
        for (int i = 0; i < len; i++) {
            out[i] = ring[(int) ((start + i) % ring.length)];
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
