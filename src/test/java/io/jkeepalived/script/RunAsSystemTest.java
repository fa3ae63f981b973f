package io.jkeepalived.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Switching user needs root. */
@Tag("system")
class RunAsSystemTest {

    @Test
    void scriptRunsAsTheConfiguredUserThroughSetpriv() throws Exception {
        PosixIdentity nobody = UserDb.system().resolve(RunAs.user("nobody")).orElseThrow();
        try (ScriptLauncher launcher = ScriptLauncher.system()) {
            assertThat(launcher.canSwitchUser()).isTrue();
            ScriptLauncher.Started s = (ScriptLauncher.Started) launcher.start(
                    List.of("/bin/sh", "-c", "echo $(id -u):$(id -g)"), java.util.Optional.of(nobody));
            // the output is final once the exit is known
            assertThat(s.script().exit().get(10, TimeUnit.SECONDS)).isZero();
            assertThat(s.script().output().tail().trim()).isEqualTo(nobody.uid() + ":" + nobody.gid());
            assertThat(new String(s.script().output().tail().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isNotEmpty();
        }
    }
}
