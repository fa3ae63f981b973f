package io.jkeepalived.lvs;

import java.util.Optional;

/**
 * A virtual service's own settings.
 *
 * @param persistenceSeconds {@code persistence_timeout}; empty = not persistent
 * @param granularity        {@code persistence_granularity} netmask as written
 */
public record Service(ServiceKey key, String scheduler, Optional<Long> persistenceSeconds,
                      Optional<String> granularity) {}
