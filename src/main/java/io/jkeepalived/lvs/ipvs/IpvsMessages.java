package io.jkeepalived.lvs.ipvs;

import io.jkeepalived.lvs.Destination;
import io.jkeepalived.lvs.ForwardMethod;
import io.jkeepalived.lvs.Service;
import io.jkeepalived.lvs.ServiceFlags;
import io.jkeepalived.lvs.ServiceKey;
import io.jkeepalived.lvs.Tunnel;
import io.jkeepalived.netlink.Attributes;
import io.jkeepalived.netlink.GenericNetlink;
import io.jkeepalived.netlink.NetlinkMessage;
import io.jkeepalived.netlink.NetlinkWriter;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The IPVS generic netlink codec: requests from {@link Service}/{@link Destination}, and dump
 * replies back into them. Pure: no I/O; the family id comes from the caller
 * ({@code CTRL_CMD_GETFAMILY "IPVS"}).
 *
 * <p>Every message is {@code nlmsghdr, genlmsghdr{cmd, version 1}} then top-level attributes.
 * Attribute order follows ipvsadm's, so a request equals ipvsadm's bytes for the same service.
 * Integers are host order except ports and the IPv4 netmask, which are network order:
 *
 * <pre>
 * IPVS_CMD_ATTR_SERVICE (nested, 1)           IPVS_CMD_ATTR_DEST (nested, 2)
 *   AF          u16   2 | 10                    ADDR_FAMILY u16  (11)
 *   PROTOCOL    u16   6 | 17 | 132  \  or       ADDR        16 bytes (IPv4 in the first 4)
 *   ADDR        16 bytes             | FWMARK   PORT        be16
 *   PORT        be16                /  u32      FWD_METHOD  u32  0 MASQ, 2 TUNNEL, 3 DROUTE
 *   SCHED_NAME  string "wrr\0"                  WEIGHT      u32
 *   PE_NAME     string "sip\0" (when set)       TUN_TYPE    u8   0 ipip, 1 gue, 2 gre
 *   FLAGS       {u32 flags, u32 mask}          TUN_PORT    be16
 *   TIMEOUT     u32 seconds                     TUN_FLAGS   u16  1 csum, 2 remcsum
 *   NETMASK     be32 mask (IPv4) |              U_THRESH    u32
 *               u32 prefix length (IPv6)        L_THRESH    u32
 *
 * NEW/SET_SERVICE: the full service.  DEL_SERVICE, and the service of every DEST command: its key
 * (AF plus PROTOCOL, ADDR, PORT or FWMARK).  NEW/SET_DEST: the full destination.  DEL_DEST: ADDR_FAMILY,
 * ADDR, PORT.  GET_SERVICE: NLM_F_DUMP, no attribute; GET_DEST: NLM_F_DUMP with the service key.
 * Replies carry cmd NEW_SERVICE/NEW_DEST and the same nests (plus statistics, ignored here).
 * FLUSH: no attribute.  SET_CONFIG: TIMEOUT_TCP, TIMEOUT_TCP_FIN, TIMEOUT_UDP (u32 s, 0 = unchanged).
 * NEW_DAEMON: IPVS_CMD_ATTR_DAEMON (3) { STATE u32 (1 master, 2 backup), MCAST_IFN string,
 * SYNC_ID u32, [SYNC_MAXLEN u16], [MCAST_GROUP 4 bytes | MCAST_GROUP6 16 bytes], [MCAST_PORT be16],
 * [MCAST_TTL u8] }.  DEL_DAEMON: the nest with STATE only.
 * </pre>
 *
 * FLAGS' mask is all ones, so SET_SERVICE replaces every flag; the kernel keeps its own HASHED bit.
 */
public final class IpvsMessages {

    private static final int ACKED = NetlinkMessage.NLM_F_REQUEST | NetlinkMessage.NLM_F_ACK;
    private static final int DUMP = NetlinkMessage.NLM_F_REQUEST | NetlinkMessage.NLM_F_DUMP;

    private IpvsMessages() {}

    public static NetlinkWriter newService(int family, Service s) {
        return service(message(family, Ipvs.CMD_NEW_SERVICE), s);
    }

    public static NetlinkWriter setService(int family, Service s) {
        return service(message(family, Ipvs.CMD_SET_SERVICE), s);
    }

    public static NetlinkWriter delService(int family, ServiceKey key) {
        NetlinkWriter w = message(family, Ipvs.CMD_DEL_SERVICE);
        int nest = w.beginNested(Ipvs.CMD_ATTR_SERVICE);
        serviceKey(w, key);
        return w.endNested(nest);
    }

    public static NetlinkWriter getServices(int family) {
        return GenericNetlink.message(family, DUMP, Ipvs.CMD_GET_SERVICE, Ipvs.VERSION);
    }

    public static NetlinkWriter newDest(int family, ServiceKey service, Destination d) {
        return dest(message(family, Ipvs.CMD_NEW_DEST), service, d);
    }

    public static NetlinkWriter setDest(int family, ServiceKey service, Destination d) {
        return dest(message(family, Ipvs.CMD_SET_DEST), service, d);
    }

    public static NetlinkWriter delDest(int family, ServiceKey service, Destination.Key d) {
        NetlinkWriter w = message(family, Ipvs.CMD_DEL_DEST);
        withService(w, service);
        int nest = w.beginNested(Ipvs.CMD_ATTR_DEST);
        destKey(w, d.ip(), d.port());
        return w.endNested(nest);
    }

    public static NetlinkWriter getDests(int family, ServiceKey service) {
        return withService(GenericNetlink.message(family, DUMP, Ipvs.CMD_GET_DEST, Ipvs.VERSION), service);
    }

    public static NetlinkWriter flush(int family) {
        return message(family, Ipvs.CMD_FLUSH);
    }

    public static NetlinkWriter setTimeouts(int family, IpvsTimeouts t) {
        return message(family, Ipvs.CMD_SET_CONFIG)
                .attrU32(Ipvs.CMD_ATTR_TIMEOUT_TCP, t.tcp())
                .attrU32(Ipvs.CMD_ATTR_TIMEOUT_TCP_FIN, t.tcpFin())
                .attrU32(Ipvs.CMD_ATTR_TIMEOUT_UDP, t.udp());
    }

    public static NetlinkWriter newDaemon(int family, SyncDaemon d) {
        NetlinkWriter w = message(family, Ipvs.CMD_NEW_DAEMON);
        int nest = w.beginNested(Ipvs.CMD_ATTR_DAEMON);
        w.attrU32(Ipvs.DAEMON_ATTR_STATE, state(d.role()))
                .attrString(Ipvs.DAEMON_ATTR_MCAST_IFN, d.interfaceName())
                .attrU32(Ipvs.DAEMON_ATTR_SYNC_ID, d.syncId());
        d.maxLength().ifPresent(n -> w.attrU16(Ipvs.DAEMON_ATTR_SYNC_MAXLEN, n));
        d.group().ifPresent(g -> w.attr(g instanceof Inet6Address ? Ipvs.DAEMON_ATTR_MCAST_GROUP6
                : Ipvs.DAEMON_ATTR_MCAST_GROUP, g.getAddress()));
        d.port().ifPresent(p -> w.attr(Ipvs.DAEMON_ATTR_MCAST_PORT, be16(p)));
        d.ttl().ifPresent(t -> w.attrU8(Ipvs.DAEMON_ATTR_MCAST_TTL, t));
        return w.endNested(nest);
    }

    public static NetlinkWriter delDaemon(int family, SyncDaemon.Role role) {
        NetlinkWriter w = message(family, Ipvs.CMD_DEL_DAEMON);
        int nest = w.beginNested(Ipvs.CMD_ATTR_DAEMON);
        w.attrU32(Ipvs.DAEMON_ATTR_STATE, state(role));
        return w.endNested(nest);
    }

    /** A service from a GET_SERVICE dump reply; empty (never an exception) when it does not parse. */
    public static Optional<Service> parseService(NetlinkMessage m) {
        if (GenericNetlink.command(m) != Ipvs.CMD_NEW_SERVICE) return Optional.empty();
        return m.attributes(GenericNetlink.HEADER).nested(Ipvs.CMD_ATTR_SERVICE).flatMap(IpvsMessages::service);
    }

    /** A destination from a GET_DEST dump reply for a service of address family {@code inet6}. */
    public static Optional<Destination> parseDest(NetlinkMessage m, boolean inet6) {
        if (GenericNetlink.command(m) != Ipvs.CMD_NEW_DEST) return Optional.empty();
        return m.attributes(GenericNetlink.HEADER).nested(Ipvs.CMD_ATTR_DEST).flatMap(a -> dest(a, inet6));
    }

    private static Optional<Service> service(Attributes a) {
        OptionalInt af = a.u16(Ipvs.SVC_ATTR_AF);
        if (af.isEmpty() || af.getAsInt() != Ipvs.AF_INET && af.getAsInt() != Ipvs.AF_INET6) return Optional.empty();
        boolean v6 = af.getAsInt() == Ipvs.AF_INET6;
        Optional<ServiceKey> key;
        OptionalInt mark = a.u32(Ipvs.SVC_ATTR_FWMARK);
        if (mark.isPresent() && mark.getAsInt() != 0) {
            key = Optional.of(new ServiceKey.Fwmark(Integer.toUnsignedLong(mark.getAsInt()), v6));
        } else {
            Optional<ServiceKey.Protocol> proto = protocol(a.u16(Ipvs.SVC_ATTR_PROTOCOL));
            Optional<InetAddress> vip = address(a.array(Ipvs.SVC_ATTR_ADDR), v6);
            Optional<Integer> port = a.array(Ipvs.SVC_ATTR_PORT).filter(b -> b.length == 2).map(IpvsMessages::port);
            key = proto.isPresent() && vip.isPresent() && port.isPresent()
                    ? Optional.of(new ServiceKey.Addr(proto.get(), vip.get(), port.get())) : Optional.empty();
        }
        Optional<String> sched = a.string(Ipvs.SVC_ATTR_SCHED_NAME);
        Optional<byte[]> flagBytes = a.array(Ipvs.SVC_ATTR_FLAGS).filter(b -> b.length >= 4);
        if (key.isEmpty() || sched.isEmpty() || flagBytes.isEmpty()) return Optional.empty();
        int flags = java.nio.ByteBuffer.wrap(flagBytes.get()).order(java.nio.ByteOrder.nativeOrder()).getInt(0);
        boolean persistent = (flags & Ipvs.SVC_F_PERSISTENT) != 0;
        Optional<Long> timeout = persistent
                ? Optional.of(Integer.toUnsignedLong(a.u32(Ipvs.SVC_ATTR_TIMEOUT).orElse(0))) : Optional.empty();
        Optional<String> granularity = persistent ? granularity(a.array(Ipvs.SVC_ATTR_NETMASK), v6) : Optional.empty();
        ServiceFlags f = new ServiceFlags((flags & Ipvs.SVC_F_ONEPACKET) != 0, (flags & Ipvs.SVC_F_SCHED1) != 0,
                (flags & Ipvs.SVC_F_SCHED2) != 0, (flags & Ipvs.SVC_F_SCHED3) != 0);
        Optional<String> pe = a.string(Ipvs.SVC_ATTR_PE_NAME).filter(s -> !s.isEmpty());
        return Optional.of(new Service(key.get(), sched.get(), timeout, granularity, f, pe));
    }

    private static Optional<Destination> dest(Attributes a, boolean serviceV6) {
        boolean v6 = a.u16(Ipvs.DEST_ATTR_ADDR_FAMILY).stream().mapToObj(af -> af == Ipvs.AF_INET6).findFirst()
                .orElse(serviceV6);
        Optional<InetAddress> ip = address(a.array(Ipvs.DEST_ATTR_ADDR), v6);
        Optional<Integer> port = a.array(Ipvs.DEST_ATTR_PORT).filter(b -> b.length == 2).map(IpvsMessages::port);
        OptionalInt fwd = a.u32(Ipvs.DEST_ATTR_FWD_METHOD);
        OptionalInt weight = a.u32(Ipvs.DEST_ATTR_WEIGHT);
        if (ip.isEmpty() || port.isEmpty() || fwd.isEmpty() || weight.isEmpty()) return Optional.empty();
        ForwardMethod method = switch (fwd.getAsInt() & Ipvs.CONN_F_FWD_MASK) {
            case Ipvs.CONN_F_TUNNEL -> ForwardMethod.TUN;
            case Ipvs.CONN_F_DROUTE -> ForwardMethod.DR;
            // LOCALNODE: the kernel's own rewrite of a destination that is a local address
            default -> ForwardMethod.NAT;
        };
        Tunnel tunnel = method != ForwardMethod.TUN ? Tunnel.DEFAULT : new Tunnel(
                switch (a.u8(Ipvs.DEST_ATTR_TUN_TYPE).orElse(Ipvs.TUNNEL_TYPE_IPIP)) {
                    case Ipvs.TUNNEL_TYPE_GUE -> Tunnel.Type.GUE;
                    case Ipvs.TUNNEL_TYPE_GRE -> Tunnel.Type.GRE;
                    default -> Tunnel.Type.IPIP;
                },
                a.array(Ipvs.DEST_ATTR_TUN_PORT).filter(b -> b.length == 2).map(IpvsMessages::port).orElse(0),
                switch (a.u16(Ipvs.DEST_ATTR_TUN_FLAGS).orElse(0)) {
                    case Ipvs.TUNNEL_ENCAP_FLAG_CSUM -> Tunnel.Checksum.CSUM;
                    case Ipvs.TUNNEL_ENCAP_FLAG_REMCSUM -> Tunnel.Checksum.REMCSUM;
                    default -> Tunnel.Checksum.NOCSUM;
                });
        return Optional.of(new Destination(ip.get(), port.get(), Integer.toUnsignedLong(weight.getAsInt()), method,
                Integer.toUnsignedLong(a.u32(Ipvs.DEST_ATTR_U_THRESH).orElse(0)),
                Integer.toUnsignedLong(a.u32(Ipvs.DEST_ATTR_L_THRESH).orElse(0)), tunnel));
    }

    private static NetlinkWriter message(int family, int cmd) {
        return GenericNetlink.message(family, ACKED, cmd, Ipvs.VERSION);
    }

    private static NetlinkWriter service(NetlinkWriter w, Service s) {
        int nest = w.beginNested(Ipvs.CMD_ATTR_SERVICE);
        serviceKey(w, s.key());
        w.attrString(Ipvs.SVC_ATTR_SCHED_NAME, s.scheduler());
        s.persistenceEngine().ifPresent(pe -> w.attrString(Ipvs.SVC_ATTR_PE_NAME, pe));
        int flags = (s.persistenceSeconds().isPresent() ? Ipvs.SVC_F_PERSISTENT : 0)
                | (s.flags().onePacket() ? Ipvs.SVC_F_ONEPACKET : 0)
                | (s.flags().sched1() ? Ipvs.SVC_F_SCHED1 : 0)
                | (s.flags().sched2() ? Ipvs.SVC_F_SCHED2 : 0)
                | (s.flags().sched3() ? Ipvs.SVC_F_SCHED3 : 0);
        w.attr(Ipvs.SVC_ATTR_FLAGS, java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.nativeOrder())
                .putInt(flags).putInt(-1).array());
        w.attrU32(Ipvs.SVC_ATTR_TIMEOUT, s.persistenceSeconds().orElse(0L).intValue());
        boolean v6 = inet6(s.key());
        w.attr(Ipvs.SVC_ATTR_NETMASK, netmask(s.granularity(), v6));
        return w.endNested(nest);
    }

    private static NetlinkWriter withService(NetlinkWriter w, ServiceKey key) {
        int nest = w.beginNested(Ipvs.CMD_ATTR_SERVICE);
        serviceKey(w, key);
        return w.endNested(nest);
    }

    private static void serviceKey(NetlinkWriter w, ServiceKey key) {
        w.attrU16(Ipvs.SVC_ATTR_AF, inet6(key) ? Ipvs.AF_INET6 : Ipvs.AF_INET);
        switch (key) {
            case ServiceKey.Addr a -> w.attrU16(Ipvs.SVC_ATTR_PROTOCOL, protocol(a.protocol()))
                    .attr(Ipvs.SVC_ATTR_ADDR, address16(a.vip()))
                    .attr(Ipvs.SVC_ATTR_PORT, be16(a.port()));
            case ServiceKey.Fwmark f -> w.attrU32(Ipvs.SVC_ATTR_FWMARK, (int) f.mark());
        }
    }

    private static NetlinkWriter dest(NetlinkWriter w, ServiceKey service, Destination d) {
        withService(w, service);
        int nest = w.beginNested(Ipvs.CMD_ATTR_DEST);
        destKey(w, d.ip(), d.port());
        w.attrU32(Ipvs.DEST_ATTR_FWD_METHOD, switch (d.method()) {
            case NAT -> Ipvs.CONN_F_MASQ;
            case DR -> Ipvs.CONN_F_DROUTE;
            case TUN -> Ipvs.CONN_F_TUNNEL;
        });
        w.attrU32(Ipvs.DEST_ATTR_WEIGHT, (int) d.weight());
        Tunnel t = d.method() == ForwardMethod.TUN ? d.tunnel() : Tunnel.DEFAULT;
        w.attrU8(Ipvs.DEST_ATTR_TUN_TYPE, switch (t.type()) {
            case IPIP -> Ipvs.TUNNEL_TYPE_IPIP;
            case GUE -> Ipvs.TUNNEL_TYPE_GUE;
            case GRE -> Ipvs.TUNNEL_TYPE_GRE;
        });
        w.attr(Ipvs.DEST_ATTR_TUN_PORT, be16(t.port()));
        w.attrU16(Ipvs.DEST_ATTR_TUN_FLAGS, switch (t.checksum()) {
            case NOCSUM -> Ipvs.TUNNEL_ENCAP_FLAG_NOCSUM;
            case CSUM -> Ipvs.TUNNEL_ENCAP_FLAG_CSUM;
            case REMCSUM -> Ipvs.TUNNEL_ENCAP_FLAG_REMCSUM;
        });
        w.attrU32(Ipvs.DEST_ATTR_U_THRESH, (int) d.uthreshold());
        w.attrU32(Ipvs.DEST_ATTR_L_THRESH, (int) d.lthreshold());
        return w.endNested(nest);
    }

    private static void destKey(NetlinkWriter w, InetAddress ip, int port) {
        w.attrU16(Ipvs.DEST_ATTR_ADDR_FAMILY, ip instanceof Inet6Address ? Ipvs.AF_INET6 : Ipvs.AF_INET)
                .attr(Ipvs.DEST_ATTR_ADDR, address16(ip))
                .attr(Ipvs.DEST_ATTR_PORT, be16(port));
    }

    static boolean inet6(ServiceKey key) {
        return switch (key) {
            case ServiceKey.Addr a -> a.vip() instanceof Inet6Address;
            case ServiceKey.Fwmark f -> f.inet6();
        };
    }

    private static int protocol(ServiceKey.Protocol p) {
        return switch (p) {
            case TCP -> Ipvs.IPPROTO_TCP;
            case UDP -> Ipvs.IPPROTO_UDP;
            case SCTP -> Ipvs.IPPROTO_SCTP;
        };
    }

    private static Optional<ServiceKey.Protocol> protocol(OptionalInt p) {
        if (p.isEmpty()) return Optional.empty();
        return switch (p.getAsInt()) {
            case Ipvs.IPPROTO_TCP -> Optional.of(ServiceKey.Protocol.TCP);
            case Ipvs.IPPROTO_UDP -> Optional.of(ServiceKey.Protocol.UDP);
            case Ipvs.IPPROTO_SCTP -> Optional.of(ServiceKey.Protocol.SCTP);
            default -> Optional.empty();
        };
    }

    /** {@code union nf_inet_addr}: 16 bytes, an IPv4 address in the first 4. */
    private static byte[] address16(InetAddress ip) {
        return Arrays.copyOf(ip.getAddress(), 16);
    }

    private static Optional<InetAddress> address(Optional<byte[]> bytes, boolean v6) {
        return bytes.filter(b -> b.length >= (v6 ? 16 : 4)).map(b -> {
            try {
                return InetAddress.getByAddress(Arrays.copyOf(b, v6 ? 16 : 4));
            } catch (UnknownHostException e) {
                throw new AssertionError("4 or 16 bytes always form an address", e);
            }
        });
    }

    private static byte[] be16(int v) {
        return new byte[] {(byte) (v >>> 8), (byte) v};
    }

    private static int port(byte[] b) {
        return (b[0] & 0xff) << 8 | (b[1] & 0xff);
    }

    /** IPv4: the mask's 4 bytes in network order; IPv6: the prefix length as a host-order u32. */
    private static byte[] netmask(Optional<String> granularity, boolean v6) {
        if (v6) {
            int prefix = granularity.map(IpvsMessages::prefixOrFull).orElse(128);
            return java.nio.ByteBuffer.allocate(4).order(java.nio.ByteOrder.nativeOrder()).putInt(prefix).array();
        }
        return granularity.flatMap(IpvsMessages::dotted).orElse(new byte[] {-1, -1, -1, -1});
    }

    private static int prefixOrFull(String s) {
        try {
            int p = Integer.parseInt(s);
            return p >= 1 && p <= 128 ? p : 128;
        } catch (NumberFormatException e) {
            return 128;
        }
    }

    private static Optional<byte[]> dotted(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) return Optional.empty();
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            try {
                int v = Integer.parseInt(parts[i]);
                if (v < 0 || v > 255) return Optional.empty();
                out[i] = (byte) v;
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.of(out);
    }

    /** The canonical spelling {@link Service#granularity()} uses: empty for /32 and /128. */
    private static Optional<String> granularity(Optional<byte[]> raw, boolean v6) {
        Optional<byte[]> b = raw.filter(x -> x.length == 4);
        if (b.isEmpty()) return Optional.empty();
        if (v6) {
            int p = java.nio.ByteBuffer.wrap(b.get()).order(java.nio.ByteOrder.nativeOrder()).getInt();
            return p >= 128 || p < 1 ? Optional.empty() : Optional.of(Integer.toString(p));
        }
        byte[] m = b.get();
        if ((m[0] & m[1] & m[2] & m[3]) == -1) return Optional.empty();
        return Optional.of((m[0] & 255) + "." + (m[1] & 255) + "." + (m[2] & 255) + "." + (m[3] & 255));
    }

    private static int state(SyncDaemon.Role role) {
        return role == SyncDaemon.Role.MASTER ? Ipvs.STATE_MASTER : Ipvs.STATE_BACKUP;
    }

}
