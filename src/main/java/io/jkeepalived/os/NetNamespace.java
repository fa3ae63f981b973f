package io.jkeepalived.os;

import java.lang.foreign.Arena;
import java.nio.file.Path;

/**
 * Moves the calling thread into a network namespace. Linux keeps the network namespace per thread,
 * and a socket belongs to the namespace of the thread that created it, forever: so a dedicated
 * platform thread can enter a namespace, open sockets there, and hand them to any other thread.
 * Never call this on a virtual thread (its carrier would change namespace) or on a pooled thread.
 */
public final class NetNamespace {

    private NetNamespace() {
    }

    /** {@code setns(open(path), CLONE_NEWNET)}; {@code path} is e.g. {@code /var/run/netns/NAME}. */
    public static void enter(Path path) throws OsException {
        if (Thread.currentThread().isVirtual()) {
            throw new IllegalStateException("setns on a virtual thread would move its carrier thread");
        }
        try (var arena = Arena.ofConfined();
                var fd = OwnedFd.adopt(Libc.open(arena.allocateFrom(path.toString()), Linux.O_RDONLY | Linux.O_CLOEXEC),
                        "open(" + path + ")")) {
            int r = Libc.setns(fd.fd(), Linux.CLONE_NEWNET);
            if (r < 0) {
                throw new OsException("setns(" + path + ", CLONE_NEWNET)", -r);
            }
        }
    }

    /** The named namespace created by {@code ip netns add NAME}. */
    public static void enter(String name) throws OsException {
        enter(Path.of("/var/run/netns", name));
    }
}
