package io.jkeepalived.netlink;

import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * RTM_NEWADDR / RTM_DELADDR / RTM_GETADDR messages. Pure: builds and parses bytes.
 *
 * <pre>
 * struct ifaddrmsg { u8 ifa_family; u8 ifa_prefixlen; u8 ifa_flags; u8 ifa_scope; u32 ifa_index; };
 * attributes: IFA_LOCAL (our address), IFA_ADDRESS (peer, or our address again), IFA_BROADCAST,
 *             IFA_LABEL (string), IFA_FLAGS (u32, all IFA_F_* bits), IFA_CACHEINFO
 *             { u32 ifa_prefered; u32 ifa_valid; u32 cstamp; u32 tstamp; }
 * </pre>
 */
public final class AddressMessages {

    static final int IFADDRMSG = 8;
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;

    private AddressMessages() {
    }

    public static NetlinkWriter add(AddressSpec a) {
        return build(Rtnl.RTM_NEWADDR, NetlinkMessage.NLM_F_REQUEST | NetlinkMessage.NLM_F_ACK
                | NetlinkMessage.NLM_F_CREATE | NetlinkMessage.NLM_F_EXCL, a);
    }

    public static NetlinkWriter delete(AddressSpec a) {
        return build(Rtnl.RTM_DELADDR, NetlinkMessage.NLM_F_REQUEST | NetlinkMessage.NLM_F_ACK, a);
    }

    /** A dump of all addresses of both families. */
    public static NetlinkWriter dump() {
        var w = new NetlinkWriter(Rtnl.RTM_GETADDR, NetlinkMessage.NLM_F_REQUEST | NetlinkMessage.NLM_F_DUMP);
        w.putByte(0).putByte(0).putByte(0).putByte(0).putInt(0);
        return w;
    }

    private static NetlinkWriter build(int type, int nlFlags, AddressSpec a) {
        var w = new NetlinkWriter(type, nlFlags);
        int flags = 0;
        for (var f : a.flags()) {
            flags |= f.bit();
        }
        int scope = a.scope().map(Scope::code).orElse(defaultScope(a));
        w.putByte(a.isIpv4() ? AF_INET : AF_INET6).putByte(a.prefixLength()).putByte(flags & 0xff).putByte(scope)
                .putInt(a.ifindex());
        var local = a.address().getAddress();
        w.attr(Rtnl.IFA_LOCAL, local);
        w.attr(Rtnl.IFA_ADDRESS, a.peer().map(p -> p.getAddress()).orElse(local));
        a.broadcast().ifPresent(b -> w.attr(Rtnl.IFA_BROADCAST, b.getAddress()));
        a.label().ifPresent(l -> w.attrString(Rtnl.IFA_LABEL, l));
        if (flags > 0xff) {
            w.attrU32(Rtnl.IFA_FLAGS, flags);
        }
        a.preferredLifetime().ifPresent(p -> {
            var info = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder());
            info.putInt((int) Math.min(p, 0xFFFFFFFEL)).putInt(Rtnl.INFINITY_LIFE_TIME).putInt(0).putInt(0);
            w.attr(Rtnl.IFA_CACHEINFO, info.array());
        });
        return w;
    }

    /** As {@code ip}: 127/8 gets host scope, every other address global unless told. */
    private static int defaultScope(AddressSpec a) {
        return a.address() instanceof Inet4Address v4 && v4.isLoopbackAddress() ? Scope.HOST.code()
                : Scope.GLOBAL.code();
    }

    /** Parses an RTM_NEWADDR/RTM_DELADDR body; empty when it is too short or has no address. */
    public static Optional<InterfaceAddress> parse(NetlinkMessage m) {
        var b = m.body();
        if (b.limit() < IFADDRMSG) {
            return Optional.empty();
        }
        int prefix = Byte.toUnsignedInt(b.get(1));
        int flags = Byte.toUnsignedInt(b.get(2));
        int scope = Byte.toUnsignedInt(b.get(3));
        int index = b.getInt(4);
        var attrs = m.attributes(IFADDRMSG);
        flags = attrs.u32(Rtnl.IFA_FLAGS).orElse(flags);
        var local = attrs.address(Rtnl.IFA_LOCAL);
        var addr = attrs.address(Rtnl.IFA_ADDRESS);
        var own = local.or(() -> addr);
        if (own.isEmpty()) {
            return Optional.empty();
        }
        var peer = local.isPresent() && addr.isPresent() && !local.equals(addr) ? addr : Optional.<java.net.InetAddress>empty();
        return Optional.of(new InterfaceAddress(index, own.get(), prefix, scope, flags,
                attrs.string(Rtnl.IFA_LABEL), peer));
    }
}
