package io.jkeepalived.daemon.log;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Decides which occurrences of a repeated log line are written: per key, the first {@code burst}
 * in a window of {@code windowNanos} (which starts at the key's first occurrence), the rest only
 * counted. When a window with suppressed occurrences ends, the caller is told how many, so it can
 * write one "N similar suppressed" line: a flood of forged packets costs a few lines, not one each,
 * and nothing is lost silently. Pure (time passed in), single-threaded, and allocation-free once a
 * key has been seen: a window's state is reused for the key's next window.
 *
 * @param <K> what a line is counted by (an instance or interface name, say)
 */
public final class LogRateLimiter<K> {

    /** Told about each window that ended with occurrences suppressed. */
    @FunctionalInterface
    public interface Summaries<K> {
        void suppressed(K key, long count, long windowNanos);
    }

    private static final class Window {
        long start;
        int written;
        long suppressed;
    }

    private final int burst;
    private final long windowNanos;
    private final Map<K, Window> windows = new HashMap<>();
    /** Whether any window is open, and the earliest end: {@link #expire} has nothing to do before it. */
    private boolean anyOpen;
    private long nextEnd;

    public LogRateLimiter(int burst, long windowNanos) {
        if (burst < 1 || windowNanos <= 0) {
            throw new IllegalArgumentException("burst " + burst + ", window " + windowNanos + " ns");
        }
        this.burst = burst;
        this.windowNanos = windowNanos;
    }

    /**
     * One occurrence of {@code key}'s line at {@code now}. If the key's previous window has ended,
     * its summary goes to {@code sink} first (so it precedes the new window's lines).
     *
     * @return true when the line is to be written, false when it is only counted
     */
    public boolean admit(K key, long now, Summaries<K> sink) {
        Window w = windows.get(key);
        if (w == null) {
            w = new Window();
            windows.put(key, w);
            open(w, now);
        } else if (now - w.start >= windowNanos) {
            if (w.suppressed > 0) {
                sink.suppressed(key, w.suppressed, windowNanos);
            }
            open(w, now);
        }
        if (w.written < burst) {
            w.written++;
            return true;
        }
        w.suppressed++;
        return false;
    }

    /** Reports every ended window that suppressed something and forgets all ended windows. */
    public void expire(long now, Summaries<K> sink) {
        if (!anyOpen || now - nextEnd < 0) {
            return;
        }
        anyOpen = false;
        for (Iterator<Map.Entry<K, Window>> it = windows.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<K, Window> e = it.next();
            Window w = e.getValue();
            if (now - w.start >= windowNanos) {
                if (w.suppressed > 0) {
                    sink.suppressed(e.getKey(), w.suppressed, windowNanos);
                }
                it.remove();
            } else {
                noteEnd(w.start + windowNanos);
            }
        }
    }

    /** Keys with an open window (for tests: the state stays bounded). */
    int tracked() {
        return windows.size();
    }

    private void open(Window w, long now) {
        w.start = now;
        w.written = 0;
        w.suppressed = 0;
        noteEnd(now + windowNanos);
    }

    private void noteEnd(long end) {
        if (!anyOpen || end - nextEnd < 0) {
            nextEnd = end;
            anyOpen = true;
        }
    }
}
