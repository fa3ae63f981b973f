package io.jkeepalived.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * This process's open descriptors, for leak checks. Compared as sets of "number -> target" (sockets
 * read as socket:[inode]), not as counts: other code in a test JVM (a cleaner, an earlier test's
 * process streams) may close descriptors while a test runs, which a count takes for the test's own.
 */
public final class OpenDescriptors {

    private OpenDescriptors() {
    }

    public static Set<String> now() {
        Set<String> out = new HashSet<>();
        try (var fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (!target.startsWith("/proc/")) { // the listing's own descriptor
                        out.add(fd.getFileName() + " -> " + target);
                    }
                } catch (NoSuchFileException gone) {
                    // closed while we listed
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Descriptors open now that were not open in {@code before}: a leak check expects none. */
    public static Set<String> openedSince(Set<String> before) {
        Set<String> left = now();
        left.removeAll(before);
        return left;
    }
}
