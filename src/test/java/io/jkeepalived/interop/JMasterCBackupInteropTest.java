package io.jkeepalived.interop;

import io.jkeepalived.testing.Impl;

/** jkeepalived at priority 150 with C keepalived at 100. */
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
