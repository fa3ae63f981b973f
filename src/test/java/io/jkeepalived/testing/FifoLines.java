package io.jkeepalived.testing;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * An outside reader of a daemon's notify FIFO: waits for the daemon to create it, then follows its
 * lines. The daemon holds the FIFO open read-write, so opening it for reading does not block once it
 * exists, and lines written before we open stay in the pipe. The reader ends when the daemon closes
 * it (exit or reload; a reload makes a new FIFO this reader does not see). A platform thread reads:
 * a FIFO read pins a virtual thread's carrier.
 */
public final class FifoLines {
    private FifoLines() {
    }

    public static LineLog follow(Path fifo, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(fifo)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("the daemon did not create " + fifo + " within " + timeout.toMillis() + " ms");
            }
            Thread.sleep(20); // a file's appearance has no event a test can await
        }
        try {
            return LineLog.followOnPlatformThread("fifo-" + fifo.getFileName(), new FileInputStream(fifo.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
