package io.jkeepalived.config.model;

import java.net.Inet6Address;
import java.net.InetAddress;

/** An address with its prefix length; the prefix defaults to the full length of the family. */
public record IpPrefix(InetAddress address, int prefix) {

    public Family family() {
        return address instanceof Inet6Address ? Family.INET6 : Family.INET;
    }

    /** {@code ip/prefix}, the form the JSON dump uses. */
    @Override
    public String toString() {
        return IpText.of(address) + "/" + prefix;
    }
}
