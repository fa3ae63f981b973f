package io.jkeepalived.netlink;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Optional;

/** An address the kernel reports (dump or event). {@code flags} are IFA_F_* bits. */
public record InterfaceAddress(
        int ifindex,
        InetAddress address,
        int prefixLength,
        int scope,
        int flags,
        Optional<String> label,
        Optional<InetAddress> peer) {

    public boolean isIpv4() {
        return address instanceof Inet4Address;
    }

    public boolean isTentative() {
        return (flags & Rtnl.IFA_F_TENTATIVE) != 0;
    }
}
