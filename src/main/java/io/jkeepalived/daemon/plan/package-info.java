/**
 * Planning: a bound configuration and the host's interfaces in, the daemon's plan out (one
 * {@code InstancePlan} per vrrp_instance: the engine's spec, the receive profile, the advert
 * template and the kernel objects behind the engine's opaque ids). Pure apart from
 * {@code KernelFacts.dump}; runs at start and on the reload worker.
 *
 * <p>May use: config, vrrp.engine, vrrp.wire, netlink (specs only). Used by every other room.
 */
package io.jkeepalived.daemon.plan;
