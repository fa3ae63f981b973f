package io.jkeepalived.script;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** What {@code /proc} says about a process: thread and descriptor counts, signal masks, processes by argv. */
final class ProcSelf {

    private ProcSelf() {}

    static int threads() {
        return Integer.parseInt(statusField(Path.of("/proc/self/status"), "Threads"));
    }

    static int openFds() {
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            return (int) s.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A hex signal-set field of a status text ({@code SigIgn}, {@code SigBlk}, ...), as a bit mask. */
    static long sigField(String statusText, String field) {
        for (String line : statusText.split("\n")) {
            if (line.startsWith(field + ":")) {
                return Long.parseUnsignedLong(line.substring(field.length() + 1).strip(), 16);
            }
        }
        throw new IllegalArgumentException("no " + field + " in " + statusText);
    }

    /** Bit of signal {@code n} (1..64) in a /proc signal set. */
    static long bit(int n) {
        return 1L << (n - 1);
    }

    static String statusField(Path status, String field) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith(field + ":")) {
                    return line.substring(field.length() + 1).strip();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalArgumentException("no " + field + " in " + status);
    }

    /** PIDs of processes whose command line is exactly {@code argv}. */
    static List<Long> pidsWithArgv(List<String> argv) {
        String want = String.join("\0", argv) + "\0";
        List<Long> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of("/proc"))) {
            for (Path p : s.toList()) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    if (Files.readString(p.resolve("cmdline")).equals(want)) {
                        out.add(Long.parseLong(name));
                    }
                } catch (IOException gone) {
                    // exited while we looked
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
