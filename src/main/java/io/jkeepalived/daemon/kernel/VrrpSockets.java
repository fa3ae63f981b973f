package io.jkeepalived.daemon.kernel;

import io.jkeepalived.daemon.stats.SocketDrops;

import io.jkeepalived.os.OsException;
import io.jkeepalived.os.VrrpSocket;
import io.jkeepalived.vrrp.wire.IpFamily;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The VRRP sockets: one per (family, interface), shared by every instance on it, each with the
 * {@link AdvertDispatcher} that routes its packets by VRID. Loop thread only.
 */
public final class VrrpSockets implements AutoCloseable {

    public record Key(String ifname, boolean ipv6) {}

    /** An open socket with its dispatcher and the multicast groups joined on it. */
    public static final class Channel {
        public final Key key;
        public final VrrpSocket socket;
        public final AdvertDispatcher dispatcher;
        public final Set<InetAddress> groups = new HashSet<>();

        Channel(Key key, VrrpSocket socket, AdvertDispatcher dispatcher) {
            this.key = key;
            this.socket = socket;
            this.dispatcher = dispatcher;
        }
    }

    private final Map<Key, Channel> channels = new LinkedHashMap<>();
    /** Every socket's drop counters, kept when its interface goes away so the counts stay exact. */
    private final Map<Key, SocketDrops> drops = new LinkedHashMap<>();

    /** The channel for (ifname, family), opening the socket if needed. */
    Channel open(String ifname, boolean ipv6) throws OsException {
        Key key = new Key(ifname, ipv6);
        Channel c = channels.get(key);
        if (c == null) {
            VrrpSocket s = ipv6 ? VrrpSocket.openIpv6(ifname) : VrrpSocket.openIpv4(ifname);
            SocketDrops d = drops.computeIfAbsent(key, k -> new SocketDrops(ifname, ipv6));
            c = new Channel(key, s, new AdvertDispatcher(ipv6 ? IpFamily.IPV6 : IpFamily.IPV4, ifname, d));
            channels.put(key, c);
        }
        return c;
    }

    void join(Channel c, InetAddress group) throws OsException {
        if (!c.groups.contains(group)) {
            c.socket.joinGroup(group);
            c.groups.add(group);
        }
    }

    public Optional<Channel> channel(String ifname, boolean ipv6) {
        return Optional.ofNullable(channels.get(new Key(ifname, ipv6)));
    }

    Optional<VrrpSocket> socket(String ifname, boolean ipv6) {
        return channel(ifname, ipv6).map(c -> c.socket);
    }

    public List<Channel> all() {
        return new ArrayList<>(channels.values());
    }

    /** Per socket ever opened, in the order they were first opened. */
    public List<io.jkeepalived.status.InterfaceDrops> drops() {
        return drops.values().stream().map(SocketDrops::snapshot).toList();
    }

    /** STATS_CLEAR. */
    public void clearDrops() {
        drops.values().forEach(SocketDrops::clear);
    }

    /** Closes the sockets of an interface that went away; the instances re-open them when it returns. */
    void drop(String ifname) {
        channels.entrySet().removeIf(e -> {
            if (e.getKey().ifname().equals(ifname)) {
                e.getValue().socket.close();
                return true;
            }
            return false;
        });
    }

    @Override
    public void close() {
        channels.values().forEach(c -> c.socket.close());
        channels.clear();
    }
}
