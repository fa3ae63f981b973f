package io.jkeepalived.config.model;

import java.time.Duration;
import java.util.Optional;

/**
 * jkeepalived's split-brain watch for one instance (docs/split-brain.md); not in keepalived.
 *
 * @param interval {@code split_brain_interval}, the instance's or global_defs'; zero turns the watch off
 * @param script   {@code notify_split_brain SCRIPT}: run with instance, VIP, foreign MAC, detected|cleared
 * @param fault    {@code split_brain_action fault}: the instance is in FAULT while the evidence lasts
 */
public record SplitBrain(Duration interval, Optional<Script> script, boolean fault) {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(2);

    public boolean enabled() {
        return !interval.isZero();
    }
}
