package io.jkeepalived.config.model;

import java.net.InetAddress;
import java.util.Optional;

/** {@code sorry_server IP [PORT]}. */
public record SorryServer(InetAddress ip, Optional<Integer> port) {}
