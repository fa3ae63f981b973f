package io.jkeepalived.lvs.ipvs;

import io.jkeepalived.config.model.IpText;
import io.jkeepalived.lvs.Destination;
import io.jkeepalived.lvs.Service;
import io.jkeepalived.lvs.ServiceEntry;
import io.jkeepalived.lvs.ServiceKey;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A table in the layout of {@code ipvsadm -Ln} (connection counters 0), so that a dump can be
 * compared with what ipvsadm lists from the same kernel.
 */
final class IpvsadmText {
    private IpvsadmText() {}

    static String render(Map<ServiceKey, ServiceEntry> table) {
        StringBuilder sb = new StringBuilder();
        sb.append("IP Virtual Server version 1.2.1 (size=4096)\n");
        sb.append("Prot LocalAddress:Port Scheduler Flags\n");
        sb.append("  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n");
        List<ServiceEntry> services = new ArrayList<>(table.values());
        services.sort(SERVICE_ORDER);
        for (ServiceEntry e : services) {
            sb.append(service(e.service())).append('\n');
            List<Destination> dests = new ArrayList<>(e.destinations().values());
            dests.sort(Comparator.comparing((Destination d) -> d.ip().getAddress().length)
                    .thenComparing(d -> d.ip().getAddress(), Arrays::compareUnsigned).thenComparingInt(Destination::port));
            for (Destination d : dests) {
                String method = switch (d.method()) {
                    case NAT -> "Masq";
                    case DR -> "Route";
                    case TUN -> "Tunnel";
                };
                sb.append(String.format("  -> %-28s %-7s %-6d %-10d %-10d%n", addr(d.ip(), d.port()), method, d.weight(), 0, 0));
            }
        }
        return sb.toString();
    }

    /** ipvsadm sorts what it lists: by firewall mark (none first), family, protocol, address, port. */
    private static final Comparator<ServiceEntry> SERVICE_ORDER = Comparator
            .comparingLong((ServiceEntry e) -> e.service().key() instanceof ServiceKey.Fwmark f ? f.mark() : 0)
            .thenComparingInt(e -> IpvsMessages.inet6(e.service().key()) ? 1 : 0)
            .thenComparingInt(e -> e.service().key() instanceof ServiceKey.Addr a ? switch (a.protocol()) {
                case TCP -> 6;
                case UDP -> 17;
                case SCTP -> 132;
            } : 0)
            .thenComparing(e -> e.service().key() instanceof ServiceKey.Addr a ? a.vip().getAddress() : new byte[0],
                    Arrays::compareUnsigned)
            .thenComparingInt(e -> e.service().key() instanceof ServiceKey.Addr a ? a.port() : 0);

    private static String service(Service s) {
        StringBuilder sb = new StringBuilder();
        switch (s.key()) {
            case ServiceKey.Addr a -> sb.append(String.format("%-4s ", a.protocol())).append(addr(a.vip(), a.port()));
            case ServiceKey.Fwmark f -> sb.append("FWM  ").append(f.mark()).append(f.inet6() ? " IPv6" : "");
        }
        sb.append(' ').append(s.scheduler());
        List<String> flags = new ArrayList<>();
        String prefix = s.scheduler().equals("sh") || s.scheduler().equals("mh") ? s.scheduler() + "-" : null;
        if (s.flags().sched1()) flags.add(prefix != null ? prefix + "fallback" : "flag-1");
        if (s.flags().sched2()) flags.add(prefix != null ? prefix + "port" : "flag-2");
        if (s.flags().sched3()) flags.add("flag-3");
        if (!flags.isEmpty()) sb.append(" (").append(String.join(",", flags)).append(')');
        s.persistenceSeconds().ifPresent(t -> {
            sb.append(" persistent ").append(t);
            s.granularity().ifPresent(g -> sb.append(" mask ").append(g));
        });
        s.persistenceEngine().ifPresent(pe -> sb.append(" pe ").append(pe));
        if (s.flags().onePacket()) sb.append(" ops");
        return sb.toString();
    }

    private static String addr(InetAddress ip, int port) {
        return (ip instanceof Inet6Address ? "[" + IpText.of(ip) + "]" : IpText.of(ip)) + ":" + port;
    }
}
