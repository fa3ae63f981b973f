package io.jkeepalived.vrrp.wire;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code unicast_peer} list as the receive path needs it: addresses with their optional TTL window
 * ({@code unicast_peer { IP [min_ttl N] [max_ttl N] }}), searchable without allocation.
 */
public final class UnicastPeers {
    /** One configured peer; {@code minTtl} 0 and {@code maxTtl} 255 when no window is given. */
    public record Peer(InetAddress address, int minTtl, int maxTtl) {
        public Peer {
            if (minTtl < 0 || maxTtl > 255 || minTtl > maxTtl) {
                throw new IllegalArgumentException("TTL window " + minTtl + ".." + maxTtl + " is invalid");
            }
        }

        public Peer(InetAddress address) {
            this(address, 0, 255);
        }
    }

    private final AddressList addresses;
    private final int[] minTtl;
    private final int[] maxTtl;
    private final boolean anyWindow;

    private UnicastPeers(AddressList addresses, int[] minTtl, int[] maxTtl) {
        this.addresses = addresses;
        this.minTtl = minTtl;
        this.maxTtl = maxTtl;
        boolean any = false;
        for (int i = 0; i < minTtl.length; i++) {
            any |= minTtl[i] != 0 || maxTtl[i] != 255;
        }
        this.anyWindow = any;
    }

    public static UnicastPeers none(IpFamily family) {
        return new UnicastPeers(AddressList.empty(family), new int[0], new int[0]);
    }

    /** @throws IllegalArgumentException if a peer is not of {@code family} */
    public static UnicastPeers of(IpFamily family, List<Peer> peers) {
        List<InetAddress> addresses = new ArrayList<>();
        int[] min = new int[peers.size()];
        int[] max = new int[peers.size()];
        for (int i = 0; i < peers.size(); i++) {
            addresses.add(peers.get(i).address());
            min[i] = peers.get(i).minTtl();
            max[i] = peers.get(i).maxTtl();
        }
        return new UnicastPeers(AddressList.of(family, addresses), min, max);
    }

    /** Peers without TTL windows. */
    public static UnicastPeers of(AddressList addresses) {
        int[] min = new int[addresses.count()];
        int[] max = new int[addresses.count()];
        Arrays.fill(max, 255);
        return new UnicastPeers(addresses, min, max);
    }

    /** The same peers, all with the window {@code min..max}. */
    public UnicastPeers withTtlWindow(int min, int max) {
        List<Peer> peers = new ArrayList<>();
        for (int i = 0; i < addresses.count(); i++) {
            peers.add(new Peer(addresses.get(i), min, max));
        }
        return of(addresses.family(), peers);
    }

    public IpFamily family() {
        return addresses.family();
    }

    public AddressList addresses() {
        return addresses;
    }

    public boolean isEmpty() {
        return addresses.isEmpty();
    }

    /** Any peer has {@code min_ttl}/{@code max_ttl}: that turns on the source check, as in keepalived. */
    public boolean anyTtlWindow() {
        return anyWindow;
    }

    /** Index of the peer with this IPv4 address (network order in an int), or -1. */
    int indexOfIpv4(int address) {
        return addresses.indexOfIpv4(address);
    }

    /** Index of the peer with this IPv6 address (two big-endian longs), or -1. */
    int indexOfIpv6(long high, long low) {
        return addresses.indexOfIpv6(high, low);
    }

    /** True when {@code ttl} is inside peer {@code index}'s window. */
    boolean ttlAllowed(int index, int ttl) {
        return ttl >= minTtl[index] && ttl <= maxTtl[index];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnicastPeers other && other.addresses.equals(addresses)
                && Arrays.equals(other.minTtl, minTtl) && Arrays.equals(other.maxTtl, maxTtl);
    }

    @Override
    public int hashCode() {
        return addresses.hashCode() * 31 + Arrays.hashCode(minTtl) * 7 + Arrays.hashCode(maxTtl);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < addresses.count(); i++) {
            s.append(i == 0 ? "" : ", ").append(addresses.get(i).getHostAddress());
            if (minTtl[i] != 0 || maxTtl[i] != 255) {
                s.append(" ttl ").append(minTtl[i]).append("..").append(maxTtl[i]);
            }
        }
        return s.append(']').toString();
    }
}
