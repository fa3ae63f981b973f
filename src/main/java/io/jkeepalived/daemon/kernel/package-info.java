/**
 * The kernel side of VRRP: the {@code KernelPort} the executor performs actions through and its
 * Linux implementation, the VRRP sockets per interface and family with their advert dispatchers,
 * and VMAC interfaces.
 *
 * <p>May use: os, netlink, vrrp.wire, plan, stats, log. Must not use: loop, reload, admin.
 */
package io.jkeepalived.daemon.kernel;
