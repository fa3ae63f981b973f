package io.jkeepalived.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A LAN of namespaces: a hub namespace holding bridge {@code br0}, N node namespaces and one client
 * namespace, each with {@code eth0} plugged into the bridge. Node {@code i} (from 0) has
 * 198.18.0.(i+1)/24 and 2001:db8::(i+1)/64, the client 198.18.0.254 and 2001:db8::fe (plus the
 * kernel's link-local addresses; DAD is off). Closing deletes every namespace, also after a failure.
 */
public final class Lan implements AutoCloseable {

    /** A namespace on the LAN with its interface and addresses. */
    public record Host(String name, NetNs ns, String iface, String port, String ipv4, String ipv6) {
        @Override
        public String toString() {
            return name;
        }
    }

    public static final String VIP4 = "198.18.0.100";
    public static final String VIP6 = "2001:db8::100";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(20);

    private final NetNs hub;
    private final List<NetNs> owned = new ArrayList<>();
    private final List<Host> nodes = new ArrayList<>();
    private Host client;

    private Lan(NetNs hub) {
        this.hub = hub;
    }

    /** Creates the LAN; {@code prefix} names the namespaces ({@code jk-...}). */
    public static Lan create(String prefix, int nodeCount) {
        var lan = new Lan(NetNs.create(prefix + "-br"));
        try {
            lan.hub.bridge("br0");
            // a plain switch: without MLD snooping, IPv6 adverts to ff02::12 reach every port, the client's too
            lan.hub.ip("link", "set", "br0", "type", "bridge", "mcast_snooping", "0");
            for (int i = 0; i < nodeCount; i++) {
                lan.nodes.add(lan.attach(prefix + "-n" + (i + 1), "node" + (i + 1), "198.18.0." + (i + 1),
                        "2001:db8::" + (i + 1)));
            }
            lan.client = lan.attach(prefix + "-c", "client", "198.18.0.254", "2001:db8::fe");
            return lan;
        } catch (RuntimeException | Error e) {
            lan.close();
            throw e;
        }
    }

    private Host attach(String nsPrefix, String name, String ipv4, String ipv6) {
        var ns = NetNs.create(nsPrefix);
        owned.add(ns); // before configuring, so close() deletes it even if configuring fails
        var port = "p" + owned.size();
        hub.plug("br0", port, ns, "eth0");
        ns.ip("addr", "add", ipv4 + "/24", "dev", "eth0");
        ns.ip("addr", "add", ipv6 + "/64", "dev", "eth0", "nodad");
        return new Host(name, ns, "eth0", port, ipv4, ipv6);
    }

    public Host node(int i) {
        return nodes.get(i);
    }

    public List<Host> nodes() {
        return List.copyOf(nodes);
    }

    public Host client() {
        return client;
    }

    public NetNs hub() {
        return hub;
    }

    /** The host's IPv6 link-local address on its LAN interface. */
    public String linkLocal(Host h) {
        return addresses(h).stream().filter(a -> a.startsWith("fe80:")).findFirst()
                .orElseThrow(() -> new AssertionError(h + " has no link-local address"));
    }

    /** The MAC address of the host's LAN interface. */
    public String mac(Host h) {
        return macOf(h, h.iface());
    }

    /** The MAC address of interface {@code iface} in the host's namespace. */
    public String macOf(Host h, String iface) {
        var link = parse(h.ns().ip("-j", "link", "show", "dev", iface));
        return link.get(0).path("address").asText();
    }

    /** Every address on every interface of the host's namespace, as text without prefix length. */
    public List<String> addresses(Host h) {
        var out = new ArrayList<String>();
        for (var link : parse(h.ns().ip("-j", "addr", "show"))) {
            for (var a : link.path("addr_info")) {
                out.add(a.path("local").asText());
            }
        }
        return out;
    }

    /** The name of the interface holding {@code ip} in the host's namespace, if any. */
    public Optional<String> interfaceHolding(Host h, String ip) {
        for (var link : parse(h.ns().ip("-j", "addr", "show"))) {
            for (var a : link.path("addr_info")) {
                if (a.path("local").asText().equals(ip)) {
                    return Optional.of(link.path("ifname").asText());
                }
            }
        }
        return Optional.empty();
    }

    public boolean holds(Host h, String ip) {
        return addresses(h).contains(ip);
    }

    /** The nodes currently holding {@code ip}. */
    public List<Host> holdersOf(String ip) {
        return nodes.stream().filter(n -> holds(n, ip)).toList();
    }

    /**
     * Polls kernel state (no event to wait on) until {@code ip} is (or is no longer) on {@code h};
     * the caller bounds the wait by the protocol's timers.
     */
    public void awaitVip(Host h, String ip, boolean present, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (holds(h, ip) != present) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("VIP " + ip + (present ? " not present on " : " still on ") + h
                        + " after " + timeout.toMillis() + " ms; addresses: " + addresses(h));
            }
            pause();
        }
    }

    /** Waits until exactly {@code h} holds {@code ip} among the nodes. */
    public void awaitSoleHolder(Host h, String ip, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!holdersOf(ip).equals(List.of(h))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected only " + h + " to hold " + ip + " but holders are "
                        + holdersOf(ip));
            }
            pause();
        }
    }

    /** Takes the host's LAN interface down (as a cable pull would). */
    public void linkDown(Host h) {
        h.ns().ip("link", "set", h.iface(), "down");
    }

    public void linkUp(Host h) {
        h.ns().ip("link", "set", h.iface(), "up");
    }

    /** Pulls the host's cable at the switch: its bridge port goes down, the host sees carrier loss. */
    public void unplug(Host h) {
        hub.ip("link", "set", h.port(), "down");
    }

    public void plugBack(Host h) {
        hub.ip("link", "set", h.port(), "up");
    }

    /** The client's neighbour-table MAC for {@code ip}, if it has one. */
    public Optional<String> clientNeighbourMac(String ip) {
        for (var n : parse(client.ns().ip("-j", "neigh", "show", "to", ip))) {
            if (n.has("lladdr")) {
                return Optional.of(n.path("lladdr").asText());
            }
        }
        return Optional.empty();
    }

    private static void pause() {
        try {
            Thread.sleep(POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("bad JSON from ip: " + json, e);
        }
    }

    @Override
    public void close() {
        owned.forEach(NetNs::close);
        hub.close();
    }
}
