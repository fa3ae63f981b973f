package io.jkeepalived.system;

import io.jkeepalived.testing.Impl;

/** The system scenarios run with jkeepalived on every node. */
class JKeepalivedSystemTest extends VrrpSystemScenarios {
    @Override
    Impl impl() {
        return Impl.J;
    }
}
