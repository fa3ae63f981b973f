package io.jkeepalived.os;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a spawned script's output pipe is like (the rest of spawning: ScriptLauncherTest and the script tests). */
class ProcessSpawnTest {

    @Test
    void theOutputPipeHoldsAQuarterMegabyteSoAChattyScriptWakesTheSupervisorLess() throws Exception {
        ChildProcess c = ProcessSpawn.spawn(List.of("/bin/true"), List.of());
        try {
            assertThat(ProcessSpawn.pipeSize(c.outputFd())).isEqualTo(ProcessSpawn.PIPE_BYTES);
        } finally {
            ChildProcess.killAndReap(c.pid());
            c.close();
        }
    }
}
