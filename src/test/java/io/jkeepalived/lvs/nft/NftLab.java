package io.jkeepalived.lvs.nft;

import com.sun.net.httpserver.HttpServer;
import io.jkeepalived.testing.NamedHttp;
import io.jkeepalived.testing.NetNs;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Namespaces for the nftables system test and bench: a client, a load balancer and three real
 * servers, each running an in-process HTTP server (bound inside its namespace) that answers with its
 * name on ports 80, 81 and 8080.
 *
 * <pre>
 * client 198.18.0.2/24 2001:db8::2/64 --- lb 198.18.0.1 (VIP) 2001:db8::1 (VIP)
 *                                         lb br0 198.18.1.254/24 2001:db8:1::fe/64 --- rs1..rs3 198.18.1.{1,2,3} 2001:db8:1::{1,2,3}
 * </pre>
 * Real servers route back through the load balancer, as IPVS NAT needs too.
 */
final class NftLab implements AutoCloseable {

    static final String PREFIX = "jk-nft";
    static final String[] SERVERS = {"rs1", "rs2", "rs3"};

    final NetNs client;
    final NetNs lb;
    final List<NetNs> reals = new ArrayList<>();
    private final List<HttpServer> http = new ArrayList<>();
    private final List<NetNs> all = new ArrayList<>();

    NftLab() throws Exception {
        try {
            client = add(NetNs.create(PREFIX + "-c"));
            lb = add(NetNs.create(PREFIX + "-lb"));
            NetNs.veth(client, "c0", lb, "l0");
            client.ip("addr", "add", "198.18.0.2/24", "dev", "c0");
            client.ip("addr", "add", "2001:db8::2/64", "dev", "c0");
            lb.ip("addr", "add", "198.18.0.1/24", "dev", "l0");
            lb.ip("addr", "add", "2001:db8::1/64", "dev", "l0");
            lb.sysctl("net.ipv4.ip_forward=1", "net.ipv6.conf.all.forwarding=1");
            lb.bridge("br0");
            lb.ip("addr", "add", "198.18.1.254/24", "dev", "br0");
            lb.ip("addr", "add", "2001:db8:1::fe/64", "dev", "br0");
            for (int i = 0; i < SERVERS.length; i++) {
                NetNs rs = add(NetNs.create(PREFIX + "-" + SERVERS[i]));
                reals.add(rs);
                lb.plug("br0", "p" + (i + 1), rs, "eth0");
                rs.ip("addr", "add", "198.18.1." + (i + 1) + "/24", "dev", "eth0");
                rs.ip("addr", "add", "2001:db8:1::" + (i + 1) + "/64", "dev", "eth0");
                rs.ip("route", "add", "default", "via", "198.18.1.254");
                rs.ip("-6", "route", "add", "default", "via", "2001:db8:1::fe");
                String name = SERVERS[i];
                for (int port : new int[] {80, 81, 8080}) {
                    http.add(rs.run(() -> NamedHttp.serve(name, "::", port)));
                }
            }
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    private NetNs add(NetNs ns) {
        all.add(ns);
        return ns;
    }

    /** {@code count} HTTP GETs from the client namespace, each on a new connection; the servers' names. */
    List<String> get(String vip, int port, int count) throws Exception {
        return get(null, vip, port, count);
    }

    /** As {@link #get(String, int, int)}, from source address {@code source} (null: the kernel's choice). */
    List<String> get(String source, String vip, int port, int count) throws Exception {
        return client.run(() -> {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < count; i++) names.add(NamedHttp.fetch(Optional.ofNullable(source), vip, port, 5000));
            return names;
        });
    }

    @Override
    public void close() {
        http.forEach(s -> s.stop(0));
        for (int i = all.size() - 1; i >= 0; i--) all.get(i).close();
    }
}
