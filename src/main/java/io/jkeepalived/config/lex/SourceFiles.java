package io.jkeepalived.config.lex;

import io.jkeepalived.config.Diagnostics;
import io.jkeepalived.config.SourcePos;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import java.util.Set;

/** File-system questions the reader asks about configuration files; failures become diagnostics. */
final class SourceFiles {
    private SourceFiles() {}

    /** The file as text; a problem is an error at {@code at}, or only a warning when not {@code report}ed. */
    static Optional<String> read(Path file, SourcePos at, boolean report, Diagnostics diags) {
        try {
            try {
                // valid UTF-8 (nearly every config) without a second copy of the file
                return Optional.of(Files.readString(file));
            } catch (java.nio.charset.CharacterCodingException e) {
                // malformed UTF-8 is read with replacement characters, as it always was
                return Optional.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
            }
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
            if (at.line() == 0) {
                diags.error(at, "cannot read configuration file: " + why);
            } else if (report) {
                diags.error(at, "cannot read included file " + file + ": " + why);
            } else {
                diags.warning(at, "cannot read included file " + file + ": " + why);
            }
            return Optional.empty();
        }
    }

    static boolean isExecutable(Path file) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            return perms.contains(PosixFilePermission.OWNER_EXECUTE) || perms.contains(PosixFilePermission.GROUP_EXECUTE)
                    || perms.contains(PosixFilePermission.OTHERS_EXECUTE);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    static Path realPath(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException | RuntimeException e) {
            return file.toAbsolutePath().normalize();
        }
    }

    static Path dirOf(Path file) {
        Path parent = file.getParent();
        return parent == null ? Path.of("") : parent;
    }
}
