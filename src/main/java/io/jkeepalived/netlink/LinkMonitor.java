package io.jkeepalived.netlink;

import io.jkeepalived.os.Errno;
import io.jkeepalived.os.Linux;
import io.jkeepalived.os.NetlinkSocket;
import io.jkeepalived.os.OsException;
import java.util.ArrayList;
import java.util.List;

/**
 * Watches link, address, route and rule changes (RTNLGRP_LINK, _IPV4/6_IFADDR, _IPV4/6_ROUTE,
 * _IPV4/6_RULE) in the namespace of the thread that opened it: links and addresses for faults, and
 * route and rule deletions so that a MASTER can put back the virtual routes and rules it holds. Put {@link #fd()} in the event loop's poll set and call
 * {@link #read()} when it is readable; never blocks there. Not thread-safe.
 */
public final class LinkMonitor implements AutoCloseable {

    private final NetlinkSocket socket;

    private LinkMonitor(NetlinkSocket socket) {
        this.socket = socket;
    }

    public static LinkMonitor open() throws OsException {
        return new LinkMonitor(NetlinkSocket.open(Linux.NETLINK_ROUTE,
                Rtnl.RTMGRP_LINK | Rtnl.RTMGRP_IPV4_IFADDR | Rtnl.RTMGRP_IPV6_IFADDR
                | Rtnl.RTMGRP_IPV4_ROUTE | Rtnl.RTMGRP_IPV6_ROUTE | Rtnl.RTMGRP_IPV4_RULE | Rtnl.RTMGRP_IPV6_RULE));
    }

    public int fd() {
        return socket.fd();
    }

    /** Every event already queued, without waiting; empty if none. */
    public List<NetlinkEvent> read() throws OsException {
        return read(0);
    }

    /** Waits up to {@code timeoutMillis} for the first datagram, then drains what is queued. */
    public List<NetlinkEvent> read(int timeoutMillis) throws OsException {
        var out = new ArrayList<NetlinkEvent>();
        int wait = timeoutMillis;
        while (true) {
            try {
                var datagram = socket.receive(wait);
                if (datagram.isEmpty()) {
                    return out;
                }
                for (var m : NetlinkParser.parse(datagram.get()).messages()) {
                    decode(m, out);
                }
            } catch (OsException e) {
                if (e.errno() != Errno.ENOBUFS) {
                    throw e;
                }
                out.add(new NetlinkEvent.Resync());
            }
            wait = 0;
        }
    }

    /** Pure: one notification to zero or one event. */
    static void decode(NetlinkMessage m, List<NetlinkEvent> out) {
        switch (m.type()) {
            case Rtnl.RTM_NEWLINK -> LinkMessages.parse(m).ifPresent(l ->
                    out.add(new NetlinkEvent.LinkChanged(l.index(), l.name(), l.isUp(), l.isRunning(), l)));
            case Rtnl.RTM_DELLINK -> LinkMessages.parse(m).ifPresent(l ->
                    out.add(new NetlinkEvent.LinkRemoved(l.index(), l.name())));
            case Rtnl.RTM_NEWADDR -> AddressMessages.parse(m).ifPresent(a -> out.add(new NetlinkEvent.AddressAdded(a)));
            case Rtnl.RTM_DELADDR -> AddressMessages.parse(m).ifPresent(a ->
                    out.add(new NetlinkEvent.AddressRemoved(a)));
            case Rtnl.RTM_DELROUTE -> RemovedRoute.parse(m).ifPresent(r -> out.add(new NetlinkEvent.RouteRemoved(r)));
            case Rtnl.RTM_DELRULE -> RemovedRule.parse(m).ifPresent(r -> out.add(new NetlinkEvent.RuleRemoved(r)));
            default -> {
                // other notifications are not ours to interpret
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
