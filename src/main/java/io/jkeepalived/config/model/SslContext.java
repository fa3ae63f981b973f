package io.jkeepalived.config.model;

import java.util.Optional;

/** The global {@code SSL { }} client context used by SSL_GET. */
public record SslContext(Optional<String> password, Optional<String> ca, Optional<String> certificate,
                         Optional<String> key) {}
