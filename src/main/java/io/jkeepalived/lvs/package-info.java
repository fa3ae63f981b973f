/**
 * The load-balancer table: what the checker half wants the kernel to hold (services, destinations,
 * weights, forwarding methods), the operations that move one table to another, and the
 * {@link io.jkeepalived.lvs.LoadBalancer} port that a kernel backend (IPVS, nftables) implements.
 */
package io.jkeepalived.lvs;
