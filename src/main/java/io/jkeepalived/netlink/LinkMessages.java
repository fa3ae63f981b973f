package io.jkeepalived.netlink;

import io.jkeepalived.os.MacAddress;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * RTM_NEWLINK / RTM_DELLINK / RTM_GETLINK messages. Pure.
 *
 * <pre>
 * struct ifinfomsg { u8 ifi_family; u8 pad; u16 ifi_type; s32 ifi_index; u32 ifi_flags; u32 ifi_change; };
 * attributes: IFLA_IFNAME (string), IFLA_ADDRESS (MAC), IFLA_MTU, IFLA_LINK (parent index),
 *             IFLA_OPERSTATE (u8), IFLA_GROUP,
 *             IFLA_LINKINFO { IFLA_INFO_KIND "macvlan", IFLA_INFO_DATA { IFLA_MACVLAN_MODE u32 } }
 * </pre>
 */
public final class LinkMessages {

    static final int IFINFOMSG = 16;

    private LinkMessages() {
    }

    public static NetlinkWriter dump() {
        var w = new NetlinkWriter(Rtnl.RTM_GETLINK, NetlinkMessage.NLM_F_REQUEST | NetlinkMessage.NLM_F_DUMP);
        return header(w, 0, 0, 0);
    }

    public static NetlinkWriter createMacvlan(MacvlanSpec m) {
        var w = header(new NetlinkWriter(Rtnl.RTM_NEWLINK, NetlinkMessage.NLM_F_REQUEST | NetlinkMessage.NLM_F_ACK
                | NetlinkMessage.NLM_F_CREATE | NetlinkMessage.NLM_F_EXCL), 0, 0, 0);
        w.attrString(Rtnl.IFLA_IFNAME, m.name());
        w.attrU32(Rtnl.IFLA_LINK, m.parentIndex());
        w.attr(Rtnl.IFLA_ADDRESS, m.mac().bytes());
        m.group().ifPresent(g -> w.attrU32(Rtnl.IFLA_GROUP, g));
        int info = w.beginNested(Rtnl.IFLA_LINKINFO);
        w.attrString(Rtnl.IFLA_INFO_KIND, "macvlan");
        int data = w.beginNested(Rtnl.IFLA_INFO_DATA);
        w.attrU32(Rtnl.IFLA_MACVLAN_MODE, m.mode().code());
        w.endNested(data);
        w.endNested(info);
        return w;
    }

    public static NetlinkWriter delete(int ifindex) {
        return header(new NetlinkWriter(Rtnl.RTM_DELLINK, NetlinkMessage.NLM_F_REQUEST | NetlinkMessage.NLM_F_ACK),
                ifindex, 0, 0);
    }

    /** {@code ip link set X up|down}: changes IFF_UP only. */
    public static NetlinkWriter setUp(int ifindex, boolean up) {
        return header(new NetlinkWriter(Rtnl.RTM_NEWLINK, NetlinkMessage.NLM_F_REQUEST | NetlinkMessage.NLM_F_ACK),
                ifindex, up ? Rtnl.IFF_UP : 0, Rtnl.IFF_UP);
    }

    private static NetlinkWriter header(NetlinkWriter w, int index, int flags, int change) {
        return w.putByte(0).putByte(0).putShort(0).putInt(index).putInt(flags).putInt(change);
    }

    /** Parses an RTM_NEWLINK/RTM_DELLINK body; empty when too short or nameless. */
    public static Optional<Link> parse(NetlinkMessage m) {
        var b = m.body();
        if (b.limit() < IFINFOMSG) {
            return Optional.empty();
        }
        int index = b.getInt(4);
        int flags = b.getInt(8);
        var attrs = m.attributes(IFINFOMSG);
        var name = attrs.string(Rtnl.IFLA_IFNAME);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        var mac = attrs.array(Rtnl.IFLA_ADDRESS).filter(a -> a.length == 6).map(MacAddress::of);
        var info = attrs.nested(Rtnl.IFLA_LINKINFO);
        var kind = info.flatMap(i -> i.string(Rtnl.IFLA_INFO_KIND));
        OptionalInt mode = OptionalInt.empty();
        if (kind.filter("macvlan"::equals).isPresent()) {
            mode = info.flatMap(i -> i.nested(Rtnl.IFLA_INFO_DATA))
                    .map(d -> d.u32(Rtnl.IFLA_MACVLAN_MODE)).orElse(OptionalInt.empty());
        }
        var parent = attrs.u32(Rtnl.IFLA_LINK);
        return Optional.of(new Link(index, name.get(), flags, mac,
                OperState.of(attrs.u8(Rtnl.IFLA_OPERSTATE).orElse(0)), attrs.u32(Rtnl.IFLA_MTU).orElse(0),
                parent.isPresent() && parent.getAsInt() != index ? parent : OptionalInt.empty(), kind, mode));
    }
}
