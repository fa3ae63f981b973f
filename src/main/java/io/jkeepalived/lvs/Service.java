package io.jkeepalived.lvs;

import java.util.Optional;

/**
 * A virtual service's own settings. IPVS changes every one of them in place
 * ({@link LbOp.EditService}); only the {@link ServiceKey} identifies the service.
 *
 * @param persistenceSeconds {@code persistence_timeout}; empty = not persistent
 * @param granularity        {@code persistence_granularity}: a dotted netmask for IPv4, a prefix
 *                           length for IPv6; empty = the whole address (/32, /128)
 * @param flags              {@code ops} and the scheduler flags
 * @param persistenceEngine  {@code persistence_engine} ({@code sip}); empty = none
 */
public record Service(ServiceKey key, String scheduler, Optional<Long> persistenceSeconds,
                      Optional<String> granularity, ServiceFlags flags, Optional<String> persistenceEngine) {

    /** A service without flags or persistence engine. */
    public Service(ServiceKey key, String scheduler, Optional<Long> persistenceSeconds, Optional<String> granularity) {
        this(key, scheduler, persistenceSeconds, granularity, ServiceFlags.NONE, Optional.empty());
    }
}
