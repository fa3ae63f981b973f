package io.jkeepalived.system;

import io.jkeepalived.testing.Impl;
import org.junit.jupiter.api.Tag;

/** The system scenarios run with Debian's C keepalived on every node: proof that each test can pass. */
@Tag("interop")
class CKeepalivedSystemTest extends VrrpSystemScenarios {
    @Override
    Impl impl() {
        return Impl.C;
    }
}
