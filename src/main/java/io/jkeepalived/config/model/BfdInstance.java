package io.jkeepalived.config.model;

import java.time.Duration;
import java.util.Optional;

/** {@code bfd_instance NAME { }}; parsed so references resolve, not run yet. */
public record BfdInstance(
        String name,
        Optional<String> neighborIp,
        Optional<String> sourceIp,
        Duration minRx,
        Duration minTx,
        Duration idleTx,
        int multiplier,
        boolean passive,
        int ttl,
        int weight,
        boolean multihop) {}
