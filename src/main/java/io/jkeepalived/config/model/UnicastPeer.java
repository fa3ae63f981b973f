package io.jkeepalived.config.model;

import java.net.InetAddress;
import java.util.Optional;

/** A {@code unicast_peer} entry with its optional TTL bounds. */
public record UnicastPeer(InetAddress address, Optional<Integer> minTtl, Optional<Integer> maxTtl) {}
