package io.jkeepalived.check.run;

import io.jkeepalived.check.engine.CheckEvent;
import io.jkeepalived.check.probe.ProbeResult;

/** A finished probe, on its way back to the engine's thread. */
public record ProbeReport(long ticket, ProbeResult result) {
    public CheckEvent.ProbeReported event() {
        return new CheckEvent.ProbeReported(ticket, result);
    }
}
