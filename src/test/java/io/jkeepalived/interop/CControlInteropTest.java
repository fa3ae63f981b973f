package io.jkeepalived.interop;

import io.jkeepalived.testing.Impl;

/** C keepalived on both nodes: the control run that proves the interop scenarios can pass. */
class CControlInteropTest extends InteropScenarios {
    @Override
    Impl first() {
        return Impl.C;
    }

    @Override
    Impl second() {
        return Impl.C;
    }
}
