package io.jkeepalived.track;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A {@code track_file} block, independent of the config records.
 *
 * @param initFile {@code init_file [VALUE] [overwrite]}
 */
public record FileSpec(String name, Path file, Optional<InitFile> initFile) {

    /** {@code init_file VALUE [overwrite]}: create the file with VALUE (default 0). */
    public record InitFile(long value, boolean overwrite) {}

    public static FileSpec of(String name, Path file) {
        return new FileSpec(name, file, Optional.empty());
    }
}
