package io.jkeepalived.system;

import io.jkeepalived.testing.Impl;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/** The day-2 scenarios with jkeepalived. */
class JDayTwoSystemTest extends DayTwoScenarios {
    @Override
    Impl impl() {
        return Impl.J;
    }

    @Override
    @Test
    @Disabled("daemon: SIGHUP re-reads and diffs the config but does not apply changes yet (issue 5)")
    void reloadAddingAVipAppliesIt() {
        super.reloadAddingAVipAppliesIt();
    }
}
