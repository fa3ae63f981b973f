package io.jkeepalived.track;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads process facts from a procfs root ({@code /proc}, or a fake tree in tests). */
public final class ProcFs {

    private final Path root;

    public ProcFs(Path root) {
        this.root = root;
    }

    public static ProcFs system() {
        return new ProcFs(Path.of("/proc"));
    }

    /** The numeric entries of the root: every live (or zombie) PID. */
    public Set<Long> pids() {
        Set<Long> out = new HashSet<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (!n.isEmpty() && n.chars().allMatch(Character::isDigit)) {
                    out.add(Long.parseLong(n));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // an unreadable /proc gives an empty set; the tracker reports no processes
        }
        return out;
    }

    /**
     * Reads {@code stat} (name and state in one read) and, when asked, {@code cmdline}. Empty when
     * the process has gone.
     */
    public Optional<ProcInfo> read(long pid, boolean withCmdline) {
        Path dir = root.resolve(Long.toString(pid));
        String stat;
        try {
            stat = Files.readString(dir.resolve("stat"), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return Optional.empty();
        }
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        if (open < 0 || close < open || close + 2 >= stat.length()) {
            return Optional.empty();
        }
        String comm = stat.substring(open + 1, close);
        boolean zombie = stat.charAt(close + 2) == 'Z' || stat.charAt(close + 2) == 'X';
        List<String> cmd = List.of();
        if (withCmdline) {
            try {
                byte[] raw = Files.readAllBytes(dir.resolve("cmdline"));
                cmd = splitNul(raw);
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        return Optional.of(new ProcInfo(pid, comm, cmd, zombie));
    }

    static List<String> splitNul(byte[] raw) {
        int len = raw.length;
        if (len > 0 && raw[len - 1] == 0) {
            len--;
        }
        if (len == 0) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= len; i++) {
            if (i == len || raw[i] == 0) {
                out.add(new String(Arrays.copyOfRange(raw, start, i), StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return out;
    }
}
