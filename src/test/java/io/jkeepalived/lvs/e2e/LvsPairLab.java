package io.jkeepalived.lvs.e2e;

import com.sun.net.httpserver.HttpServer;
import io.jkeepalived.testing.NamedHttp;
import io.jkeepalived.testing.NetNs;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The seed articles' topology in namespaces: a client on the front LAN (198.18.0.0/24), two load
 * balancers on both LANs, three web servers and a sorry server on the back LAN (198.18.1.0/24) whose
 * default route is the back VIP 198.18.1.254 (LVS-NAT: replies return through the director). Web
 * servers are in-process JDK HTTP servers answering their own name; they can be stopped and started.
 */
final class LvsPairLab implements AutoCloseable {
    static final String PREFIX = "jk-lvp";
    static final String VIP = "198.18.0.1";
    static final String[] WEB = {"web1", "web2", "web3"};

    final NetNs front;
    final NetNs back;
    final NetNs client;
    final List<NetNs> lbs = new ArrayList<>();
    final Map<String, NetNs> servers = new LinkedHashMap<>();
    private final Map<String, HttpServer> http = new LinkedHashMap<>();
    private final List<NetNs> all = new ArrayList<>();

    LvsPairLab() throws Exception {
        try {
            front = add(NetNs.create(PREFIX + "-f"));
            back = add(NetNs.create(PREFIX + "-b"));
            front.bridge("br0");
            back.bridge("br0");
            client = add(NetNs.create(PREFIX + "-c"));
            front.plug("br0", "pc", client, "eth0");
            client.ip("addr", "add", "198.18.0.254/24", "dev", "eth0");
            for (int i = 1; i <= 2; i++) {
                NetNs lb = add(NetNs.create(PREFIX + "-lb" + i));
                lbs.add(lb);
                front.plug("br0", "pl" + i, lb, "eth0");
                back.plug("br0", "pl" + i, lb, "eth1");
                lb.ip("addr", "add", "198.18.0.1" + i + "/24", "dev", "eth0");
                lb.ip("addr", "add", "198.18.1.1" + i + "/24", "dev", "eth1");
                lb.sysctl("net.ipv4.ip_forward=1");
            }
            for (int i = 0; i <= WEB.length; i++) {
                String name = i < WEB.length ? WEB[i] : "sorry";
                String ip = i < WEB.length ? "198.18.1." + (i + 1) : "198.18.1.9";
                NetNs rs = add(NetNs.create(PREFIX + "-" + name));
                back.plug("br0", "p" + name, rs, "eth0");
                rs.ip("addr", "add", ip + "/24", "dev", "eth0");
                rs.ip("route", "add", "default", "via", "198.18.1.254");
                servers.put(name, rs);
                start(name);
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

    /** The config of load balancer {@code n} (1 or 2): a sync group holding both VIPs, and the web farm. */
    static String config(int n) {
        return """
                global_defs {
                    router_id lb%1$d
                }
                vrrp_sync_group G {
                    group {
                        FRONT
                        BACK
                    }
                }
                vrrp_instance FRONT {
                    state BACKUP
                    interface eth0
                    virtual_router_id 51
                    priority %2$d
                    advert_int 1
                    virtual_ipaddress {
                        198.18.0.1/24
                    }
                }
                vrrp_instance BACK {
                    state BACKUP
                    interface eth1
                    virtual_router_id 52
                    priority %2$d
                    advert_int 1
                    virtual_ipaddress {
                        198.18.1.254/24
                    }
                }
                virtual_server 198.18.0.1 80 {
                    delay_loop 1
                    lb_algo rr
                    lb_kind NAT
                    protocol TCP
                    quorum 2
                    sorry_server 198.18.1.9 80
                %3$s}
                """.formatted(n, n == 1 ? 150 : 100, realServers());
    }

    private static String realServers() {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= WEB.length; i++) {
            b.append("    real_server 198.18.1.").append(i).append(" 80 {\n")
                    .append("        HTTP_GET {\n            url {\n                path /\n            }\n")
                    .append("            connect_timeout 1\n            retry 0\n        }\n    }\n");
        }
        return b.toString();
    }

    void start(String name) throws Exception {
        http.put(name, servers.get(name).run(() -> NamedHttp.serve(name, "0.0.0.0", 80)));
    }

    void stop(String name) {
        Optional.ofNullable(http.remove(name)).ifPresent(s -> s.stop(0));
    }

    /**
     * {@code count} GETs to the VIP from the client, each on a new connection: the server names, or
     * {@code "!"} plus the error for a request that failed (refused, reset, timed out after 1 s).
     */
    List<String> get(int count) throws Exception {
        return get(count, 1000);
    }

    /** As {@link #get(int)}, giving up on each request after {@code timeoutMillis}. */
    List<String> get(int count, int timeoutMillis) throws Exception {
        return client.run(() -> {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < count; i++) names.add(fetch(timeoutMillis));
            return names;
        });
    }

    private static String fetch(int timeoutMillis) {
        try {
            return NamedHttp.fetch(Optional.empty(), VIP, 80, timeoutMillis);
        } catch (IOException e) {
            return "!" + e.getClass().getSimpleName();
        }
    }

    @Override
    public void close() {
        http.values().forEach(s -> s.stop(0));
        for (int i = all.size() - 1; i >= 0; i--) all.get(i).close();
    }
}
