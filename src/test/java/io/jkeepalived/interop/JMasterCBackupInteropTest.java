package io.jkeepalived.interop;

import io.jkeepalived.testing.Impl;
import org.junit.jupiter.api.Disabled;

/** jkeepalived at priority 150 with C keepalived at 100. */
@Disabled("daemon: not ready at 05:10 UTC (daemon 13b95fc, WIP): every node enters MASTER, adverts between nodes are not acted on")
class JMasterCBackupInteropTest extends InteropScenarios {
    @Override
    Impl first() {
        return Impl.J;
    }

    @Override
    Impl second() {
        return Impl.C;
    }
}
