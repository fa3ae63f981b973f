package io.jkeepalived.interop;

import io.jkeepalived.testing.Impl;
import org.junit.jupiter.api.Disabled;

/** C keepalived at priority 150 with jkeepalived at 100. */
@Disabled("daemon: not ready at 05:10 UTC (daemon 13b95fc, WIP): every node enters MASTER, adverts between nodes are not acted on")
class CMasterJBackupInteropTest extends InteropScenarios {
    @Override
    Impl first() {
        return Impl.C;
    }

    @Override
    Impl second() {
        return Impl.J;
    }
}
