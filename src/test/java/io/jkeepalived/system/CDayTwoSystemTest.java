package io.jkeepalived.system;

import io.jkeepalived.testing.Impl;
import org.junit.jupiter.api.Tag;

/** The day-2 scenarios with C keepalived: proof that each can pass. */
@Tag("interop")
class CDayTwoSystemTest extends DayTwoScenarios {
    @Override
    Impl impl() {
        return Impl.C;
    }
}
