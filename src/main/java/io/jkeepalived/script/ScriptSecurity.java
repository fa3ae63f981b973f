package io.jkeepalived.script;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * keepalived's script security rules ({@code enable_script_security}, {@code script_user}).
 *
 * <p>A script run as root is insecure when any component of its path (the file, every parent
 * directory, and symlink targets along the way) could be changed by a non-root user: owned by a
 * non-root uid, or writable by group or others. A group/other-writable directory with the sticky
 * bit (like {@code /tmp}) does not by itself make it insecure, because a non-root user cannot
 * replace a root-owned entry in it. A program without a slash is looked up in {@code PATH}.
 */
public final class ScriptSecurity {

    /** Logged once at startup when scripts are configured without {@code enable_script_security}. */
    public static final String NOT_ENABLED_WARNING =
            "SECURITY VIOLATION - scripts are being executed but script_security not enabled.";

    /** The verdict on one script. */
    public sealed interface Verdict permits Secure, Insecure, NotFound {}

    public record Secure(Path resolved) implements Verdict {}

    public record Insecure(Path resolved, Path weakComponent, String why) implements Verdict {}

    public record NotFound(String program) implements Verdict {}

    private final String pathEnv;

    public ScriptSecurity(String pathEnv) {
        this.pathEnv = pathEnv;
    }

    public static ScriptSecurity system() {
        return new ScriptSecurity(Optional.ofNullable(System.getenv("PATH")).orElse("/usr/sbin:/usr/bin:/sbin:/bin"));
    }

    /** keepalived's log line for a script refused by {@link #check}. */
    public static String disabledMessage(String kind, String name) {
        return "Disabling " + kind + " " + name + " due to insecure";
    }

    public Optional<Path> locate(String program) {
        if (program.contains("/")) {
            Path p = Path.of(program);
            return Files.exists(p) ? Optional.of(p.toAbsolutePath()) : Optional.empty();
        }
        for (String dir : pathEnv.split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, program);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Checks the program {@code argv0} for running as root. */
    public Verdict check(String argv0) {
        Optional<Path> found = locate(argv0);
        if (found.isEmpty()) {
            return new NotFound(argv0);
        }
        Path p = found.get();
        try {
            Optional<Insecure> weak = weakest(p.toAbsolutePath().normalize(), 0);
            return weak.<Verdict>map(w -> w).orElse(new Secure(p.toRealPath()));
        } catch (IOException e) {
            return new NotFound(argv0);
        }
    }

    private Optional<Insecure> weakest(Path abs, int depth) throws IOException {
        if (depth > 40) {
            return Optional.of(new Insecure(abs, abs, "too many symbolic links"));
        }
        Path cur = abs.getRoot();
        for (Path part : abs) {
            cur = cur.resolve(part);
            Optional<Insecure> bad = judge(abs, cur);
            if (bad.isPresent()) {
                return bad;
            }
            if (Files.isSymbolicLink(cur)) {
                Path target = cur.getParent().resolve(Files.readSymbolicLink(cur)).normalize();
                Path rest = cur.relativize(abs);
                Path next = rest.toString().isEmpty() ? target : target.resolve(rest);
                return weakest(next, depth + 1);
            }
        }
        return judge(abs, abs.getRoot());
    }

    private static Optional<Insecure> judge(Path script, Path component) throws IOException {
        int uid = (Integer) Files.getAttribute(component, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) Files.getAttribute(component, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        boolean link = Files.isSymbolicLink(component);
        boolean dir = Files.isDirectory(component, LinkOption.NOFOLLOW_LINKS);
        boolean sticky = (mode & 01000) != 0;
        if (uid != 0) {
            return Optional.of(new Insecure(script, component, "owned by uid " + uid));
        }
        if (!link && (mode & 022) != 0 && !(dir && sticky)) {
            return Optional.of(new Insecure(script, component, "writable by group or others"));
        }
        return Optional.empty();
    }

    /** Every script in {@code argv0s} that must be refused when run as root. */
    public List<Insecure> insecure(List<String> argv0s) {
        return argv0s.stream().map(this::check)
                .flatMap(v -> v instanceof Insecure i ? java.util.stream.Stream.of(i) : java.util.stream.Stream.empty())
                .toList();
    }
}
