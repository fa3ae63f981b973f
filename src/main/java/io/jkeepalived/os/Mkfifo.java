package io.jkeepalived.os;

import java.lang.foreign.Arena;
import java.nio.file.Path;

/** {@code mkfifo(3)}: one libc call, so the notify FIFO needs no {@code mkfifo} process. */
public final class Mkfifo {

    private Mkfifo() {
    }

    /**
     * Creates a FIFO at {@code path} with {@code mode} (less the umask).
     *
     * @throws OsException with the errno, e.g. EEXIST when something is already there
     */
    public static void create(Path path, int mode) throws OsException {
        try (var a = Arena.ofConfined()) {
            int r = Libc.mkfifo(a.allocateFrom(path.toString()), mode);
            if (r < 0) {
                throw new OsException("mkfifo(" + path + ")", -r);
            }
        }
    }
}
