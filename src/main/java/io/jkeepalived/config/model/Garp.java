package io.jkeepalived.config.model;

import java.time.Duration;

/** Gratuitous ARP / unsolicited NA settings of an instance, after inheriting the globals. */
public record Garp(
        Duration masterDelay,
        int masterRepeat,
        Duration masterRefresh,
        int masterRefreshRepeat,
        Duration lowerPrioDelay,
        int lowerPrioRepeat) {}
