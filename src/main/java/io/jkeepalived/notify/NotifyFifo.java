package io.jkeepalived.notify;

import io.jkeepalived.os.Mkfifo;
import io.jkeepalived.os.OsException;
import io.jkeepalived.script.PosixIdentity;
import io.jkeepalived.script.RunningScript;
import io.jkeepalived.script.ScriptLauncher;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One notify FIFO ({@code notify_fifo}, {@code vrrp_notify_fifo} or {@code lvs_notify_fifo}) with
 * its optional {@code *_fifo_script}.
 *
 * <p>{@link #open} creates the FIFO if missing (mkfifo, mode 0600), opens it read-write, so the
 * open never blocks and never fails for want of a reader (a write-only open would), then starts
 * the script with the FIFO path appended as its last argument. Lines go through a bounded queue
 * to a writer thread: {@link #write} never blocks the caller; when the queue is full (no reader
 * and the pipe buffer full) lines are dropped and counted. {@link #close} stops the writer,
 * SIGTERMs the script and removes the FIFO if we created it. A reload closes and reopens.
 * Like keepalived, a {@code *_fifo_script} may be terminated before it has read the last lines
 * (the STOP lines at shutdown): we flush our queue into the pipe first, but cannot know when the
 * script has read them. An outside reader that is not our child sees every line.
 */
public final class NotifyFifo implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NotifyFifo.class);
    static final int QUEUE_LINES = 1024;

    private final Path path;
    private final FileChannel channel;
    private final boolean created;
    private final Optional<RunningScript> script;
    private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(QUEUE_LINES);
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final Object progress = new Object();
    private final Thread writer;

    /** The outcome of {@link #open}. */
    public sealed interface Opened permits Ready, Failed {}

    public record Ready(NotifyFifo fifo) implements Opened {}

    public record Failed(String reason) implements Opened {}

    private NotifyFifo(Path path, FileChannel channel, boolean created, Optional<RunningScript> script) {
        this.path = path;
        this.channel = channel;
        this.created = created;
        this.script = script;
        this.writer = Thread.ofPlatform().daemon(true).name("jk-fifo-" + path.getFileName()).start(this::drain);
    }

    /**
     * Creates/opens {@code path} and starts {@code script} (if any) with the path appended. Call
     * from a long-lived platform thread (the script's parent-death signal is tied to it).
     */
    public static Opened open(Path path, Optional<List<String>> script, Optional<PosixIdentity> scriptIdentity,
                              ScriptLauncher launcher) {
        return open(path, Optional.empty(), script, scriptIdentity, launcher);
    }

    /**
     * As {@link #open(Path, Optional, Optional, ScriptLauncher)}, giving a FIFO we create to
     * {@code owner} ({@code notify_fifo FIFO [user [group]]}) with mode 0660 so that user's
     * reader can open it.
     */
    public static Opened open(Path path, Optional<PosixIdentity> owner, Optional<List<String>> script,
                              Optional<PosixIdentity> scriptIdentity, ScriptLauncher launcher) {
        boolean created = false;
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Mkfifo.create(path, 0600);
                created = true;
            } catch (OsException e) {
                if (!Files.exists(path)) {
                    return new Failed("cannot create fifo: " + e.getMessage());
                }
            }
            if (created && owner.isPresent()) {
                try {
                    Files.setAttribute(path, "unix:gid", owner.get().gid());
                    Files.setAttribute(path, "unix:uid", owner.get().uid());
                    Files.setAttribute(path, "unix:mode", 0660);
                } catch (IOException | RuntimeException e) {
                    LOG.warn("cannot give fifo {} to {}: {}", path, owner.get().userName(), e.getMessage());
                }
            }
        }
        try {
            PosixFileAttributes attrs = Files.readAttributes(path, PosixFileAttributes.class);
            if (!attrs.isOther() || attrs.isRegularFile() || attrs.isDirectory()) {
                return new Failed(path + " exists and is not a fifo");
            }
        } catch (IOException e) {
            return new Failed("cannot stat " + path + ": " + e.getMessage());
        }
        FileChannel ch;
        try {
            ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            return new Failed("cannot open fifo " + path + ": " + e.getMessage());
        }
        Optional<RunningScript> rs = Optional.empty();
        if (script.isPresent()) {
            List<String> argv = new ArrayList<>(script.get());
            argv.add(path.toString());
            switch (launcher.start(argv, scriptIdentity)) {
                case ScriptLauncher.Started(RunningScript r) -> rs = Optional.of(r);
                case ScriptLauncher.LaunchFailed(String reason) -> LOG.warn("fifo script for {}: {}", path, reason);
            }
        }
        return new Ready(new NotifyFifo(path, ch, created, rs));
    }

    public Path path() {
        return path;
    }

    public Optional<RunningScript> script() {
        return script;
    }

    /** Queues one line (which must end in a newline); never blocks. */
    public void write(String line) {
        if (queue.offer(line)) {
            accepted.incrementAndGet();
        } else {
            long n = dropped.incrementAndGet();
            if (Long.bitCount(n) == 1) {
                LOG.warn("notify fifo {}: no reader keeping up, {} line(s) dropped", path, n);
            }
        }
    }

    public long droppedLines() {
        return dropped.get();
    }

    public long writtenLines() {
        return written.get();
    }

    private void drain() {
        try {
            while (true) {
                String line = queue.take();
                ByteBuffer buf = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
                while (buf.hasRemaining()) {
                    channel.write(buf);
                }
                written.incrementAndGet();
                synchronized (progress) {
                    progress.notifyAll();
                }
            }
        } catch (InterruptedException | IOException e) {
            // closed
        }
    }

    /** Waits until every line accepted so far has reached the pipe, up to {@code timeoutNanos}. */
    public boolean flush(long timeoutNanos) throws InterruptedException {
        long target = accepted.get();
        long deadline = System.nanoTime() + timeoutNanos;
        synchronized (progress) {
            while (written.get() < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(progress, left);
            }
        }
        return true;
    }

    @Override
    public void close() {
        try {
            flush(500_000_000L); // give queued lines (STOP, say) their chance to reach the pipe
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writer.interrupt();
        try {
            writer.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        script.ifPresent(RunningScript::terminateTree);
        try {
            channel.close();
        } catch (IOException e) {
            // nothing to do
        }
        if (created) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                LOG.warn("cannot remove fifo {}: {}", path, e.getMessage());
            }
        }
    }
}
