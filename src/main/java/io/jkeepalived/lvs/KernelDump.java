package io.jkeepalived.lvs;

import java.util.Map;

/** What reading a kernel's load-balancer table gave. */
public sealed interface KernelDump {

    /** The services found, with their destinations, in the order the kernel listed them. */
    record Read(Map<ServiceKey, ServiceEntry> table) implements KernelDump {
        public Read {
            table = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(table));
        }
    }

    /** The dump failed; {@code reason} is one short line (an errno name). */
    record Unreadable(String reason) implements KernelDump {}
}
