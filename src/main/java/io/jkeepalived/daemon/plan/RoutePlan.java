package io.jkeepalived.daemon.plan;

import io.jkeepalived.netlink.RouteSpec;
import java.util.Optional;

/** A virtual route: {@code spec} without its output interface, added from {@code dev} at execution. */
public record RoutePlan(String id, Optional<String> dev, RouteSpec spec) {}
