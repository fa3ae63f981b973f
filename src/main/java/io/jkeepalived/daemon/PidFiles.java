package io.jkeepalived.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * keepalived's pid files. jkeepalived is one process, so the main and the VRRP pid file both hold
 * its own PID. A file naming a live process means another daemon runs: refuse to start.
 */
final class PidFiles implements AutoCloseable {
    private final List<Path> written = new ArrayList<>();

    /** The PID of a live process recorded in {@code file}, if any (a stale file does not count). */
    static Optional<Long> running(Path file) {
        try {
            long pid = Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
                    .filter(p -> p != ProcessHandle.current().pid());
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
        written.add(file);
    }

    @Override
    public void close() {
        for (Path p : written) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // Nothing useful to do at exit; a stale pid file is detected as stale next time.
            }
        }
        written.clear();
    }
}
