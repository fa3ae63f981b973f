package io.jkeepalived.script;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * A script's merged stdout/stderr, keeping only the last {@code capacity} bytes.
 *
 * <p>A script that prints megabytes must neither block on a full pipe nor grow our memory: the
 * launcher's supervisor appends whatever the pipe holds whenever it is readable, into a fixed
 * ring, so memory is bounded by {@code capacity} and the pipe never fills. The tail is kept for
 * log lines about failing scripts.
 */
public final class OutputTail {

    private final byte[] ring;
    private long written;
    private final CompletableFuture<Void> finished = new CompletableFuture<>();

    public OutputTail(int capacity) {
        this.ring = new byte[Math.max(1, capacity)];
    }

    /**
     * Completes when reading has ended, which is when the script's process has exited and what
     * its pipe held then has been read. A child the script left in the background holding the
     * pipe open does not delay it.
     */
    public CompletableFuture<Void> finished() {
        return finished.copy();
    }

    /** No more output will be appended. */
    void finish() {
        finished.complete(null);
    }

    void append(byte[] buf, int n) {
        append(MemorySegment.ofArray(buf), n);
    }

    /**
     * Only the last {@code ring.length} bytes of a chunk can survive it: copy those, in at most two
     * runs, straight from where the chunk was read (a script printing megabytes is read 64 KiB at a
     * time, and copying each read whole to the heap first was most of what its output cost us).
     */
    synchronized void append(MemorySegment chunk, int n) {
        int keep = Math.min(n, ring.length);
        int from = n - keep;
        long startAt = written + from;
        int pos = (int) (startAt % ring.length);
        int first = Math.min(keep, ring.length - pos);
        MemorySegment.copy(chunk, ValueLayout.JAVA_BYTE, from, ring, pos, first);
        MemorySegment.copy(chunk, ValueLayout.JAVA_BYTE, from + first, ring, 0, keep - first);
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
