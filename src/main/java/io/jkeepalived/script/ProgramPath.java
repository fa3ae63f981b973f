package io.jkeepalived.script;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether a script's program can be exec'd, checked before spawning: through setpriv a missing
 * program only shows as exit code 127 after the fact, where a clear "cannot start" is wanted.
 * A program without a slash is looked up in PATH, as {@code execvp} does.
 */
final class ProgramPath {

    /** execvp's search path when PATH is unset. */
    private static final String DEFAULT_PATH = "/bin:/usr/bin";

    private ProgramPath() {}

    static boolean findable(String program, Optional<String> pathVariable) {
        if (program.isEmpty()) {
            return false;
        }
        if (program.contains("/")) {
            return runnable(Path.of(program));
        }
        for (String dir : pathVariable.orElse(DEFAULT_PATH).split(":", -1)) {
            if (runnable(Path.of(dir.isEmpty() ? "." : dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static boolean runnable(Path p) {
        return Files.isRegularFile(p) && Files.isExecutable(p);
    }
}
