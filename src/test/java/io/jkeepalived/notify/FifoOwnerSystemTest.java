package io.jkeepalived.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.script.PosixIdentity;
import io.jkeepalived.script.RunAs;
import io.jkeepalived.script.ScriptLauncher;
import io.jkeepalived.script.UserDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** chown needs root. */
@Tag("system")
class FifoOwnerSystemTest {

    @TempDir
    Path dir;

    @Test
    void createdFifoBelongsToTheConfiguredUser() throws Exception {
        PosixIdentity nobody = UserDb.system().resolve(RunAs.user("nobody")).orElseThrow();
        Path fifo = dir.resolve("owned.fifo");
        try (ScriptLauncher launcher = ScriptLauncher.system()) {
            NotifyFifo f = ((NotifyFifo.Ready) NotifyFifo.open(fifo, Optional.of(nobody), Optional.empty(), Optional.empty(), launcher)).fifo();
            try {
                assertThat(Files.getAttribute(fifo, "unix:uid")).isEqualTo(nobody.uid());
                assertThat(Files.getAttribute(fifo, "unix:gid")).isEqualTo(nobody.gid());
                assertThat((Integer) Files.getAttribute(fifo, "unix:mode") & 0777).isEqualTo(0660);
            } finally {
                f.close();
            }
        }
    }
}
