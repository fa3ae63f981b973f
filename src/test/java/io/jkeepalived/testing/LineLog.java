package io.jkeepalived.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The lines a process prints, collected as they arrive so a test can wait for one ("(VI_1)
 * Entering MASTER STATE") instead of sleeping. Each line is stamped with {@link System#nanoTime()}
 * when read. {@link #mark()} returns a cursor so a later wait only matches lines printed after it.
 */
public final class LineLog {

    /** One line and the monotonic time the test read it. */
    public record Line(String text, long readNanos) {}

    private final String name;
    private final List<Line> lines = new ArrayList<>();
    private boolean ended;

    private LineLog(String name) {
        this.name = name;
    }

    /** Starts reading {@code in} on a virtual thread until it ends. */
    public static LineLog follow(String name, InputStream in) {
        var log = new LineLog(name);
        Thread.ofVirtual().name("lines-" + name).start(() -> log.pump(in));
        return log;
    }

    /**
     * As {@link #follow}, on a daemon platform thread: for a stream whose reads block in native code
     * without releasing the carrier (a FIFO), which on a virtual thread would pin one of the few
     * carriers for the whole test and starve the other readers.
     */
    public static LineLog followOnPlatformThread(String name, InputStream in) {
        var log = new LineLog(name);
        Thread.ofPlatform().daemon().name("lines-" + name).start(() -> log.pump(in));
        return log;
    }

    private void pump(InputStream in) {
        try (var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String s; (s = reader.readLine()) != null; ) {
                var line = new Line(s, System.nanoTime());
                synchronized (this) {
                    lines.add(line);
                    notifyAll();
                }
            }
        } catch (IOException e) {
            // the process went away; what was read stays
        } finally {
            synchronized (this) {
                ended = true;
                notifyAll();
            }
        }
    }

    /** A cursor at the current end: waits from it match only lines read later. */
    public synchronized int mark() {
        return lines.size();
    }

    /** Every line read so far. */
    public synchronized List<Line> lines() {
        return List.copyOf(lines);
    }

    /** Lines from {@code from} on whose text matches {@code regex} (find, not full match). */
    public synchronized List<Line> matching(int from, String regex) {
        var p = Pattern.compile(regex);
        return lines.subList(Math.min(from, lines.size()), lines.size()).stream()
                .filter(l -> p.matcher(l.text()).find()).toList();
    }

    /** Waits for a line at or after {@code from} containing a match of {@code regex}; fails with the log. */
    public Line await(int from, String regex, Duration timeout) {
        var p = Pattern.compile(regex);
        return awaitLine(from, l -> p.matcher(l).find(), timeout)
                .orElseThrow(() -> new AssertionError("no line matching /" + regex + "/ from " + name + " within "
                        + timeout.toMillis() + " ms; it printed:\n" + tail(60)));
    }

    /** Waits for a matching line; empty when none arrives in time or the stream ends first. */
    public synchronized Optional<Line> awaitLine(int from, Predicate<String> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int next = from;
        while (true) {
            for (; next < lines.size(); next++) {
                if (match.test(lines.get(next).text())) {
                    return Optional.of(lines.get(next));
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || ended) {
                return Optional.empty();
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    /** Waits until the stream ends (the process closed its output). */
    public synchronized boolean awaitEnd(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ended) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** The last {@code n} lines as one text, for failure messages. */
    public synchronized String tail(int n) {
        var sb = new StringBuilder();
        for (var l : lines.subList(Math.max(0, lines.size() - n), lines.size())) {
            sb.append("  ").append(name).append("| ").append(l.text()).append('\n');
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return name;
    }
}
