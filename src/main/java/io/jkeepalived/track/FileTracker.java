package io.jkeepalived.track;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches every {@code track_file} and reports value changes.
 *
 * <p>Each file is read at {@link #start()} (after {@code init_file} created or overwrote it) and
 * its value reported; afterwards a {@link WatchService} on each file's directory triggers a
 * re-read, and only a changed value is reported. A missing or deleted file reads as 0, as in
 * keepalived. Linux's WatchService reports {@code IN_MODIFY} rather than keepalived's
 * {@code IN_CLOSE_WRITE}, so a writer's truncate-then-write could be seen half done; re-reads are
 * therefore delayed by {@link #SETTLE_NANOS} and coalesced, and writers that replace the file by
 * rename (atomic) are never seen half done.
 */
public final class FileTracker implements AutoCloseable {

    /** Delay between a change notification and the re-read. */
    public static final long SETTLE_NANOS = 20_000_000L;

    private static final Logger LOG = LoggerFactory.getLogger(FileTracker.class);

    private final List<FileSpec> specs;
    private final TaskScheduler scheduler;
    private final TrackerSink sink;
    private final Map<String, Integer> lastValue = new HashMap<>();
    private final Map<String, TaskScheduler.Cancellable> pending = new HashMap<>();
    private final AtomicLong badContent = new AtomicLong();
    private Optional<WatchService> watcher = Optional.empty();
    private Optional<Thread> watchThread = Optional.empty();

    public FileTracker(List<FileSpec> specs, TaskScheduler scheduler, TrackerSink sink) {
        this.specs = List.copyOf(specs);
        this.scheduler = scheduler;
        this.sink = sink;
    }

    /** How many reads found content that was not one clean integer (keepalived reads those as a number prefix or 0). */
    public long badContentCount() {
        return badContent.get();
    }

    /** Applies {@code init_file}, reports every file's value and starts watching. */
    public void start() {
        for (FileSpec s : specs) {
            s.initFile().ifPresent(init -> initFile(s, init));
        }
        try {
            WatchService ws = FileSystems.getDefault().newWatchService();
            Map<WatchKey, Path> dirs = new HashMap<>();
            for (FileSpec s : specs) {
                Path dir = s.file().toAbsolutePath().getParent();
                if (dirs.containsValue(dir)) {
                    continue;
                }
                try {
                    dirs.put(dir.register(ws, StandardWatchEventKinds.ENTRY_CREATE,
                            StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE), dir);
                } catch (IOException e) {
                    LOG.warn("track_file {}: cannot watch directory {}: {}", s.name(), dir, e.getMessage());
                }
            }
            watcher = Optional.of(ws);
            watchThread = Optional.of(Thread.ofVirtual().name("jk-track-file").start(() -> watch(ws, dirs)));
        } catch (IOException e) {
            LOG.warn("track_file: cannot create a watch service, files are read only at start: {}", e.getMessage());
        }
        scheduler.execute(() -> specs.forEach(this::reread));
    }

    private static void initFile(FileSpec s, FileSpec.InitFile init) {
        Path f = s.file();
        if (Files.exists(f) && !init.overwrite()) {
            return;
        }
        try {
            Path tmp = Files.createTempFile(f.toAbsolutePath().getParent(), ".jk-init-", ".tmp");
            Files.writeString(tmp, init.value() + "\n");
            Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("track_file {}: cannot initialise {}: {}", s.name(), f, e.getMessage());
        }
    }

    private void watch(WatchService ws, Map<WatchKey, Path> dirs) {
        try {
            while (true) {
                WatchKey key = ws.take();
                Path dir = dirs.get(key);
                List<Path> touched = new ArrayList<>();
                for (WatchEvent<?> ev : key.pollEvents()) {
                    if (ev.kind() == StandardWatchEventKinds.OVERFLOW) {
                        touched.add(dir); // lost events: re-read everything in that directory
                    } else if (ev.context() instanceof Path p && dir != null) {
                        touched.add(dir.resolve(p));
                    }
                }
                key.reset();
                scheduler.execute(() -> touched.forEach(this::changed));
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closing
        }
    }

    private void changed(Path path) {
        for (FileSpec s : specs) {
            Path f = s.file().toAbsolutePath();
            if (f.equals(path) || f.getParent().equals(path)) {
                Optional.ofNullable(pending.remove(s.name())).ifPresent(TaskScheduler.Cancellable::cancel);
                pending.put(s.name(), scheduler.schedule(() -> {
                    pending.remove(s.name());
                    reread(s);
                }, SETTLE_NANOS));
            }
        }
    }

    private void reread(FileSpec s) {
        int value = read(s);
        Integer before = lastValue.put(s.name(), value);
        if (before == null || before != value) {
            sink.onResult(new TrackerEvent.FileValue(s.name(), value, scheduler.nanoTime()));
        }
    }

    private int read(FileSpec s) {
        byte[] buf;
        try (InputStream in = Files.newInputStream(s.file())) {
            buf = in.readNBytes(TrackFileValue.MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            LOG.warn("track_file {}: cannot read {}: {}", s.name(), s.file(), e.getMessage());
            return 0;
        }
        TrackFileValue v = TrackFileValue.parse(new String(buf, StandardCharsets.US_ASCII));
        if (!v.clean()) {
            badContent.incrementAndGet();
            LOG.warn("track_file {}: {} does not hold a plain integer, using {}", s.name(), s.file(), v.value());
        }
        return v.value();
    }

    @Override
    public void close() {
        watcher.ifPresent(ws -> {
            try {
                ws.close();
            } catch (IOException e) {
                // nothing to do
            }
        });
        watchThread.ifPresent(Thread::interrupt);
    }
}
