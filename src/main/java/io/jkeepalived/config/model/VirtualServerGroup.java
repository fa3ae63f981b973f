package io.jkeepalived.config.model;

import java.util.List;
import java.util.Optional;

/** {@code virtual_server_group NAME { }}: address ranges and fwmarks. */
public record VirtualServerGroup(String name, List<Entry> entries) {
    public VirtualServerGroup {
        entries = List.copyOf(entries);
    }

    /** An {@code IP[-range|/nn] [PORT]} line or an {@code fwmark N} line; the range is kept as written. */
    public record Entry(Optional<String> range, Optional<Integer> port, Optional<Long> fwmark,
                        Optional<String> family) {}
}
