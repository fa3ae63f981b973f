package io.jkeepalived.netlink;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.EnumSet;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * An address to add or remove: a VIP, eVIP or static address with every option keepalived
 * supports. With {@code peer}, {@code prefixLength} is the peer's prefix (as {@code ip addr add
 * A peer P/N}). {@code preferredLifetime} in seconds ({@code preferred_lft}; empty = forever).
 */
public record AddressSpec(
        int ifindex,
        InetAddress address,
        int prefixLength,
        Optional<InetAddress> broadcast,
        Optional<InetAddress> peer,
        Optional<String> label,
        Optional<Scope> scope,
        Set<AddressFlag> flags,
        OptionalLong preferredLifetime) {

    public AddressSpec {
        flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
        int max = address instanceof Inet4Address ? 32 : 128;
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " out of range 0.." + max);
        }
    }

    public static AddressSpec of(int ifindex, InetAddress address, int prefixLength) {
        return new AddressSpec(ifindex, address, prefixLength, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Set.of(), OptionalLong.empty());
    }

    public boolean isIpv4() {
        return address instanceof Inet4Address;
    }

    public AddressSpec withBroadcast(InetAddress brd) {
        return new AddressSpec(ifindex, address, prefixLength, Optional.of(brd), peer, label, scope, flags,
                preferredLifetime);
    }

    /** {@code brd +}: the all-ones host part of this address's prefix (IPv4 only). */
    public AddressSpec withComputedBroadcast() {
        var b = address.getAddress();
        for (int bit = prefixLength; bit < b.length * 8; bit++) {
            b[bit / 8] |= (byte) (0x80 >>> (bit % 8));
        }
        try {
            return withBroadcast(InetAddress.getByAddress(b));
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    public AddressSpec withPeer(InetAddress p) {
        return new AddressSpec(ifindex, address, prefixLength, broadcast, Optional.of(p), label, scope, flags,
                preferredLifetime);
    }

    public AddressSpec withLabel(String l) {
        return new AddressSpec(ifindex, address, prefixLength, broadcast, peer, Optional.of(l), scope, flags,
                preferredLifetime);
    }

    public AddressSpec withScope(Scope s) {
        return new AddressSpec(ifindex, address, prefixLength, broadcast, peer, label, Optional.of(s), flags,
                preferredLifetime);
    }

    public AddressSpec withFlag(AddressFlag f) {
        var all = EnumSet.noneOf(AddressFlag.class);
        all.addAll(flags);
        all.add(f);
        return new AddressSpec(ifindex, address, prefixLength, broadcast, peer, label, scope, all, preferredLifetime);
    }

    public AddressSpec withPreferredLifetime(long seconds) {
        return new AddressSpec(ifindex, address, prefixLength, broadcast, peer, label, scope, flags,
                OptionalLong.of(seconds));
    }

    /** {@code 198.18.0.9/24 dev #3}, for error messages. */
    public String describe() {
        return address.getHostAddress() + peer.map(p -> " peer " + p.getHostAddress()).orElse("") + "/"
                + prefixLength + " on ifindex " + ifindex;
    }
}
