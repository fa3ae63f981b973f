package io.jkeepalived.daemon.kernel;

import io.jkeepalived.netlink.AddressSpec;
import io.jkeepalived.netlink.RouteSpec;
import io.jkeepalived.netlink.RtNetlink;
import io.jkeepalived.netlink.RuleSpec;
import io.jkeepalived.os.Errno;
import io.jkeepalived.os.Interfaces;
import io.jkeepalived.os.OsException;
import io.jkeepalived.os.PacketSocket;
import io.jkeepalived.os.VrrpSocket;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The real {@link KernelPort}: the VRRP sockets (owned by {@link VrrpSockets}), one AF_PACKET
 * sender per interface opened on first use, and one rtnetlink request socket. Loop thread only.
 */
public final class LinuxKernel implements KernelPort, AutoCloseable {
    private final VrrpSockets sockets;
    private final RtNetlink rtnl;
    private final Map<String, PacketSocket> packetSockets = new HashMap<>();
    private final Map<String, byte[]> macs = new HashMap<>();
    // if_nametoindex costs a socket, an ioctl and a close: once per VIP when 1,000 instances become
    // MASTER together. Link events (forget, linksChanged) and ENODEV (indexStale) drop entries.
    private final Map<String, Integer> indexes = new HashMap<>();

    public LinuxKernel(VrrpSockets sockets, RtNetlink rtnl) {
        this.sockets = sockets;
        this.rtnl = rtnl;
    }

    @Override
    public void sendAdvert(String ifname, boolean ipv6, MemorySegment packet, Optional<InetAddress> source,
                           InetAddress destination, int ttl) throws OsException {
        VrrpSocket s = sockets.socket(ifname, ipv6)
                .orElseThrow(() -> new OsException("send advert on " + ifname + " (no VRRP socket)", Errno.ENODEV));
        if (ipv6) {
            s.sendIpv6(packet, source, destination, ttl);
        } else {
            s.sendIpv4(packet);
        }
    }

    @Override
    public int sendAdverts(String ifname, io.jkeepalived.os.Ipv4Batch batch, int from) throws OsException {
        VrrpSocket s = sockets.socket(ifname, false)
                .orElseThrow(() -> new OsException("send advert on " + ifname + " (no VRRP socket)", Errno.ENODEV));
        return s.sendIpv4(batch, from);
    }

    @Override
    public void sendFrame(String ifname, MemorySegment frame) throws OsException {
        PacketSocket p = packetSockets.get(ifname);
        if (p == null) {
            p = PacketSocket.openSender(ifname);
            packetSockets.put(ifname, p);
        }
        try {
            p.send(frame);
        } catch (OsException e) {
            // The interface may have been re-created (VMAC): reopen once on the next send.
            packetSockets.remove(ifname).close();
            throw e;
        }
    }

    @Override
    public OptionalInt ifindex(String ifname) {
        Integer cached = indexes.get(ifname);
        if (cached != null) {
            return OptionalInt.of(cached);
        }
        OptionalInt index = Interfaces.indexOf(ifname);
        index.ifPresent(i -> indexes.put(ifname, i));
        return index;
    }

    @Override
    public void indexStale(String ifname) {
        indexes.remove(ifname);
    }

    /** A link appeared, changed or was renamed: its name may now stand for another index. */
    void linksChanged() {
        indexes.clear();
    }

    @Override
    public Optional<byte[]> hardwareAddress(String ifname) {
        byte[] mac = macs.get(ifname);
        if (mac == null) {
            try {
                mac = Interfaces.hardwareAddress(ifname).bytes();
                macs.put(ifname, mac);
            } catch (OsException e) {
                return Optional.empty();
            }
        }
        return Optional.of(mac);
    }

    @Override
    public boolean forwardsIpv6(String ifname) {
        try {
            return io.jkeepalived.os.Sysctl.read(io.jkeepalived.os.Sysctl.interfaceKey(6, ifname, "forwarding"))
                    .trim().equals("1");
        } catch (OsException e) {
            return false;
        }
    }

    /** Interfaces come and go (VMACs, link changes): forget cached MACs and packet sockets. */
    void forget(String ifname) {
        macs.remove(ifname);
        indexes.clear();
        PacketSocket p = packetSockets.remove(ifname);
        if (p != null) {
            p.close();
        }
    }

    @Override
    public void addAddress(AddressSpec a) throws OsException {
        rtnl.addAddress(a);
    }

    @Override
    public void deleteAddress(AddressSpec a) throws OsException {
        rtnl.deleteAddress(a);
    }

    @Override
    public void addRoute(RouteSpec r) throws OsException {
        rtnl.addRoute(r);
    }

    @Override
    public void deleteRoute(RouteSpec r) throws OsException {
        rtnl.deleteRoute(r);
    }

    @Override
    public void addRule(RuleSpec r) throws OsException {
        rtnl.addRule(r);
    }

    @Override
    public void deleteRule(RuleSpec r) throws OsException {
        rtnl.deleteRule(r);
    }

    @Override
    public void close() {
        packetSockets.values().forEach(PacketSocket::close);
        packetSockets.clear();
    }
}
