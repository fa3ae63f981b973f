package io.jkeepalived.check.plan;

import io.jkeepalived.lvs.ForwardMethod;
import java.net.InetAddress;
import java.util.Optional;

/**
 * {@code sorry_server IP [PORT]} with {@code sorry_server_lvs_method} (default: the virtual
 * server's method) and {@code sorry_server_inhibit} (kept at weight 0 while not needed).
 */
public record SorrySpec(InetAddress ip, Optional<Integer> port, ForwardMethod method, boolean inhibit) {}
