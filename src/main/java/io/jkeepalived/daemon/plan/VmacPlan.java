package io.jkeepalived.daemon.plan;

/**
 * {@code use_vmac}: a private-mode macvlan named {@code name} on {@code parent} with the VRRP MAC
 * 00:00:5e:00:01:VRID (00:00:5e:00:02:VRID for IPv6).
 *
 * @param xmitBase {@code vmac_xmit_base}: adverts go out (and come in) on the parent, not the VMAC
 */
public record VmacPlan(String name, String parent, boolean ipv6, int vrid, boolean xmitBase) {}
