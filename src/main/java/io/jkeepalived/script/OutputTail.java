package io.jkeepalived.script;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

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
    private final CompletableFuture<Void> finished = new CompletableFuture<>();

    public OutputTail(int capacity) {
        this.ring = new byte[Math.max(1, capacity)];
    }

    /** Reads {@code in} to end of stream; returns quietly on I/O errors (the process went away). */
    public void drain(InputStream in) {
        byte[] buf = new byte[65536]; // a whole pipe buffer per read: few syscalls for a chatty script
        try (in) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                append(buf, n);
            }
        } catch (IOException e) {
            // the stream closes when the process is killed; what we have is the tail
        } finally {
            finished.complete(null);
        }
    }

    /**
     * Completes when the output has been read to its end. That may be after the script exits (the
     * last bytes still in the pipe), or never while a child it left behind holds the pipe open.
     */
    public CompletableFuture<Void> finished() {
        return finished.copy();
    }

    /** Only the last {@code ring.length} bytes of a chunk can survive it: copy those, in at most two runs. */
    private synchronized void append(byte[] buf, int n) {
        int keep = Math.min(n, ring.length);
        int from = n - keep;
        long startAt = written + from;
        int pos = (int) (startAt % ring.length);
        int first = Math.min(keep, ring.length - pos);
        System.arraycopy(buf, from, ring, pos, first);
        System.arraycopy(buf, from + first, ring, 0, keep - first);
        written += n;
    }

    /** The last non-blank line, at most {@code max} characters (for a log line about a failing script). */
    public String lastLine(int max) {
        String t = tail().stripTrailing();
        String line = t.substring(t.lastIndexOf('\n') + 1).strip();
        return line.length() <= max ? line : line.substring(0, max) + "…";
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
