package io.jkeepalived.interop;

import io.jkeepalived.testing.Impl;

/** C keepalived at priority 150 with jkeepalived at 100. */
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
