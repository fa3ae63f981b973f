package io.jkeepalived.check.run;

import io.jkeepalived.check.plan.CheckerSpec;
import io.jkeepalived.check.probe.Probe;
import java.util.Optional;

/** Builds the probe for one checker (and, for HTTP, one url); empty when the type has no probe yet. */
@FunctionalInterface
public interface ProbeSource {
    Optional<Probe> probe(CheckerSpec spec, int urlIndex);
}
