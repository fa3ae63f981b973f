package io.jkeepalived.status;

import java.util.Optional;

/** The global_defs settings keepalived's data dump opens with. */
public record GlobalView(Optional<String> namespace, String mcastGroup4, String mcastGroup6, int defaultVersion,
                         boolean strict, boolean scriptSecurity) {
}
