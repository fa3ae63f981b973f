package io.jkeepalived.lvs;

import java.util.Map;

/** One service of a table with its destinations (insertion-ordered, so diffs are deterministic). */
public record ServiceEntry(Service service, Map<Destination.Key, Destination> destinations) {
    public ServiceEntry {
        destinations = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(destinations));
    }
}
