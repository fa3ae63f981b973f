package io.jkeepalived.check.probe;

import io.jkeepalived.testing.NetNs;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import javax.net.ServerSocketFactory;

/**
 * Two network namespaces joined by a veth for the probe system tests: the probe side ({@code p0},
 * 198.18.77.1/24 and 2001:db8:77::1/64) and the server side ({@code s0}, .2 and ::2). IPv6 DAD is off
 * (see {@link NetNs#create}), and the server side sends ICMP errors without rate limit, so every
 * "port unreachable" the refused tests expect really comes back.
 *
 * <p>Which namespace a socket lives in is fixed when the socket is created, by the network namespace
 * of the OS thread that calls socket(2); {@code setns} moves only the calling OS thread. A virtual
 * thread's carrier is a shared pool thread, so a virtual thread can neither enter a namespace nor
 * choose where its sockets go. Hence: test servers create their listening sockets on a platform
 * thread inside the server namespace ({@link NetNs#run}) and may then accept and answer on virtual
 * threads (the sockets stay where they were made); a probe runs its whole attempt on a platform
 * thread inside the probe namespace ({@link #run}), so the sockets it opens are the probe side's.
 * The probe code is the production code; only the thread it blocks on differs.
 */
final class ProbeLab implements AutoCloseable {

    enum Family { V4, V6 }

    final NetNs probeSide;
    final NetNs serverSide;
    private ProbeLab(NetNs probeSide, NetNs serverSide) {
        this.probeSide = probeSide;
        this.serverSide = serverSide;
    }

    static ProbeLab create() {
        NetNs p = NetNs.create("jk-prp");
        NetNs s;
        try {
            s = NetNs.create("jk-prs");
        } catch (RuntimeException e) {
            p.close();
            throw e;
        }
        var lab = new ProbeLab(p, s);
        try {
            NetNs.veth(p, "p0", s, "s0");
            p.ip("addr", "add", "198.18.77.1/24", "dev", "p0");
            p.ip("addr", "add", "2001:db8:77::1/64", "dev", "p0", "nodad");
            s.ip("addr", "add", "198.18.77.2/24", "dev", "s0");
            s.ip("addr", "add", "2001:db8:77::2/64", "dev", "s0", "nodad");
            s.sysctl("net.ipv4.icmp_ratelimit=0", "net.ipv6.icmp.ratelimit=0");
            return lab;
        } catch (RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    static InetAddress server(Family f) {
        return InetAddress.ofLiteral(f == Family.V4 ? "198.18.77.2" : "2001:db8:77::2");
    }

    static InetAddress prober(Family f) {
        return InetAddress.ofLiteral(f == Family.V4 ? "198.18.77.1" : "2001:db8:77::1");
    }

    /** On the link but nobody has it: neighbour resolution never completes, so probes time out. */
    static InetAddress silent(Family f) {
        return InetAddress.ofLiteral(f == Family.V4 ? "198.18.77.99" : "2001:db8:77::99");
    }

    /** Off the link, and the probe side has no default route: the kernel refuses at once. */
    static InetAddress unroutable(Family f) {
        return InetAddress.ofLiteral(f == Family.V4 ? "198.19.0.1" : "2001:db8:ffff::1");
    }

    /** Runs one probe attempt on a platform thread of the probe side. */
    ProbeResult run(Probe probe, Duration timeout) throws Exception {
        return probeSide.run(() -> probe.run(timeout));
    }

    /** Runs {@code task} on a platform thread of the probe side (threads it starts are there too). */
    <T> T onProbeSide(Callable<T> task) throws Exception {
        return probeSide.run(task);
    }

    <T> T onServer(Callable<T> task) throws Exception {
        return serverSide.run(task);
    }

    LocalTcpServer tcp(Family f, LocalTcpServer.Handler handler) throws Exception {
        return tcp(f, ServerSocketFactory.getDefault(), handler);
    }

    LocalTcpServer tcp(Family f, ServerSocketFactory factory, LocalTcpServer.Handler handler) throws Exception {
        ServerSocket ss = onServer(() -> factory.createServerSocket(0, 50, server(f)));
        return new LocalTcpServer(ss, handler);
    }

    LocalUdpServer udp(Family f, Function<byte[], List<byte[]>> reply) throws Exception {
        DatagramSocket ds = onServer(() -> new DatagramSocket(new InetSocketAddress(server(f), 0)));
        return new LocalUdpServer(ds, reply);
    }

    /** A TCP port on the server side that nothing listens on: the connection is reset. */
    int closedTcpPort(Family f) throws Exception {
        return onServer(() -> {
            try (ServerSocket s = new ServerSocket(0, 1, server(f))) {
                return s.getLocalPort();
            }
        });
    }

    /** A UDP port on the server side that nothing listens on: the kernel answers port unreachable. */
    int closedUdpPort(Family f) throws Exception {
        return onServer(() -> {
            try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(server(f), 0))) {
                return s.getLocalPort();
            }
        });
    }

    @Override
    public void close() {
        try {
            probeSide.close();
        } finally {
            serverSide.close();
        }
    }
}
