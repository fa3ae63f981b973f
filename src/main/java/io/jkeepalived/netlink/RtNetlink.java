package io.jkeepalived.netlink;

import io.jkeepalived.os.Errno;
import io.jkeepalived.os.Linux;
import io.jkeepalived.os.NetlinkSocket;
import io.jkeepalived.os.OsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A NETLINK_ROUTE request socket: one request at a time, each acked or answered by a dump; a
 * negative ack becomes an {@link OsException} naming the request, e.g.
 * {@code RTM_NEWADDR 198.18.0.9/24 on ifindex 9999: ENODEV (No such device)}.
 * Works in the network namespace of the thread that opened it. Blocking: use a platform thread.
 * Not thread-safe.
 */
public final class RtNetlink implements AutoCloseable {

    private static final int REPLY_TIMEOUT_MILLIS = 5000;
    private static final int ETIMEDOUT = 110;

    private final NetlinkSocket socket;
    private int seq = (int) (System.nanoTime() & 0x3fffffff);

    private RtNetlink(NetlinkSocket socket) {
        this.socket = socket;
    }

    public static RtNetlink open() throws OsException {
        return new RtNetlink(NetlinkSocket.open(Linux.NETLINK_ROUTE, 0));
    }

    public void addAddress(AddressSpec a) throws OsException {
        execute(AddressMessages.add(a), () -> "RTM_NEWADDR " + a.describe());
    }

    public void deleteAddress(AddressSpec a) throws OsException {
        execute(AddressMessages.delete(a), () -> "RTM_DELADDR " + a.describe());
    }

    public void addRoute(RouteSpec r) throws OsException {
        execute(RouteMessages.add(r), "RTM_NEWROUTE " + r.describe());
    }

    public void deleteRoute(RouteSpec r) throws OsException {
        execute(RouteMessages.delete(r), "RTM_DELROUTE " + r.describe());
    }

    public void addRule(RuleSpec r) throws OsException {
        execute(RuleMessages.add(r), "RTM_NEWRULE " + r.describe());
    }

    public void deleteRule(RuleSpec r) throws OsException {
        execute(RuleMessages.delete(r), "RTM_DELRULE " + r.describe());
    }

    /** Creates the macvlan and returns its ifindex. It starts down: {@link #setLinkUp} it. */
    public int createMacvlan(MacvlanSpec m) throws OsException {
        execute(LinkMessages.createMacvlan(m), "RTM_NEWLINK macvlan " + m.name() + " on ifindex " + m.parentIndex());
        return links().stream().filter(l -> l.name().equals(m.name())).mapToInt(Link::index).findFirst()
                .orElseThrow(() -> new OsException("RTM_GETLINK " + m.name() + " after creating it", Errno.ENODEV));
    }

    public void deleteLink(int ifindex) throws OsException {
        execute(LinkMessages.delete(ifindex), "RTM_DELLINK ifindex " + ifindex);
    }

    public void setLinkUp(int ifindex, boolean up) throws OsException {
        execute(LinkMessages.setUp(ifindex, up), "RTM_NEWLINK ifindex " + ifindex + (up ? " up" : " down"));
    }

    /** Every interface in this namespace. */
    public List<Link> links() throws OsException {
        return dump(LinkMessages.dump(), Rtnl.RTM_NEWLINK, LinkMessages::parse, "RTM_GETLINK dump");
    }

    public Optional<Link> link(String name) throws OsException {
        return links().stream().filter(l -> l.name().equals(name)).findFirst();
    }

    /** Every IPv4 and IPv6 address on every interface. */
    public List<InterfaceAddress> addresses() throws OsException {
        return dump(AddressMessages.dump(), Rtnl.RTM_NEWADDR, AddressMessages::parse, "RTM_GETADDR dump");
    }

    /**
     * The addresses on one interface (both families), in kernel dump order, which is not necessarily
     * primary first: the primary IPv4 address is the one without IFA_F_SECONDARY.
     */
    public List<InterfaceAddress> addresses(int ifindex) throws OsException {
        return addresses().stream().filter(a -> a.ifindex() == ifindex).toList();
    }

    /** Sends a request built with {@code NLM_F_ACK} and waits for its ack. */
    public void execute(NetlinkWriter request, String what) throws OsException {
        execute(request, () -> what);
    }

    /**
     * As {@link #execute(NetlinkWriter, String)}, naming the request only for an error: 1,000 VIPs
     * added at once would otherwise format 1,000 descriptions nobody reads.
     */
    private void execute(NetlinkWriter request, java.util.function.Supplier<String> what) throws OsException {
        int s = nextSeq();
        socket.send(request.finish(s, socket.portId()), what);
        while (true) {
            for (var m : receive(what)) {
                if (m.seq() != s) {
                    continue;
                }
                var err = NetlinkError.parse(m);
                if (err.isPresent()) {
                    if (err.get().isAck()) {
                        return;
                    }
                    throw new OsException(what.get(), err.get().errno(), err.get().kernelMessage().orElse(""));
                }
            }
        }
    }

    private <T> List<T> dump(NetlinkWriter request, int replyType, Function<NetlinkMessage, Optional<T>> parser,
            String what) throws OsException {
        int s = nextSeq();
        socket.send(request.finish(s, socket.portId()), what);
        var out = new ArrayList<T>();
        while (true) {
            for (var m : receive(() -> what)) {
                if (m.seq() != s) {
                    continue;
                }
                if (m.type() == NetlinkMessage.NLMSG_DONE) {
                    return out;
                }
                var err = NetlinkError.parse(m);
                if (err.isPresent() && !err.get().isAck()) {
                    throw new OsException(what, err.get().errno(), err.get().kernelMessage().orElse(""));
                }
                if (m.type() == replyType) {
                    parser.apply(m).ifPresent(out::add);
                }
            }
        }
    }

    private List<NetlinkMessage> receive(java.util.function.Supplier<String> what) throws OsException {
        var datagram = socket.receive(REPLY_TIMEOUT_MILLIS)
                .orElseThrow(() -> new OsException(what.get() + " (no reply from the kernel)", ETIMEDOUT));
        return NetlinkParser.parse(datagram).messages();
    }

    private int nextSeq() {
        seq = (seq + 1) & 0x7fffffff;
        return seq;
    }

    @Override
    public void close() {
        socket.close();
    }
}
