package io.jkeepalived.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** One owner, one close; a dropped owner's descriptor is closed without a cleaner thread. */
class OwnedFdTest {

    private static OwnedFd eventFd() throws OsException {
        return OwnedFd.adopt(Libc.eventfd(0, 0), "eventfd");
    }

    private static boolean isOpen(int fd) {
        return Files.exists(Path.of("/proc/self/fd/" + fd));
    }

    @Test
    void closeClosesOnceAndTheNumberIsNotReadAfterwards() throws Exception {
        OwnedFd fd = eventFd();
        int n = fd.fd();
        assertThat(isOpen(n)).isTrue();
        fd.close();
        fd.close();
        assertThat(fd.isOpen()).isFalse();
        assertThatThrownBy(fd::fd).isInstanceOf(IllegalStateException.class).hasMessageContaining("eventfd");
        // the number may be reused at once; it must not be closed a second time by anyone
        OwnedFd next = eventFd();
        fd.close();
        assertThat(isOpen(next.fd())).isTrue();
        next.close();
    }

    @Test
    void aDroppedOwnersDescriptorIsClosedByALaterAdoption() throws Exception {
        int n = dropOne();
        assertThat(isOpen(n)).isTrue();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (isOpen(n) && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
            eventFd().close(); // adopting and closing poll the dropped owners
        }
        assertThat(isOpen(n)).as("fd %d of a dropped owner", n).isFalse();
    }

    private static int dropOne() throws OsException {
        return eventFd().fd();
    }
}
