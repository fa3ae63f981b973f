package io.jkeepalived.netlink;

/**
 * RTM_NEWROUTE / RTM_DELROUTE messages. Pure.
 *
 * <pre>
 * struct rtmsg { u8 rtm_family; u8 rtm_dst_len; u8 rtm_src_len; u8 rtm_tos;
 *                u8 rtm_table; u8 rtm_protocol; u8 rtm_scope; u8 rtm_type; u32 rtm_flags; };
 * attributes: RTA_DST, RTA_GATEWAY, RTA_OIF (u32), RTA_PRIORITY (u32 metric), RTA_PREFSRC,
 *             RTA_TABLE (u32; rtm_table holds it too when below 256)
 * </pre>
 */
public final class RouteMessages {

    private RouteMessages() {
    }

    public static NetlinkWriter add(RouteSpec r) {
        return build(Rtnl.RTM_NEWROUTE, NetlinkMessage.NLM_F_REQUEST | NetlinkMessage.NLM_F_ACK
                | NetlinkMessage.NLM_F_CREATE | NetlinkMessage.NLM_F_EXCL, r);
    }

    public static NetlinkWriter delete(RouteSpec r) {
        return build(Rtnl.RTM_DELROUTE, NetlinkMessage.NLM_F_REQUEST | NetlinkMessage.NLM_F_ACK, r);
    }

    private static NetlinkWriter build(int type, int flags, RouteSpec r) {
        var w = new NetlinkWriter(type, flags);
        boolean delete = type == Rtnl.RTM_DELROUTE;
        w.putByte(r.ipv6() ? 10 : 2).putByte(r.destination().isPresent() ? r.prefixLength() : 0).putByte(0).putByte(0)
                .putByte(r.table() < 256 ? r.table() : Rtnl.RT_TABLE_UNSPEC).putByte(r.protocol())
                .putByte(r.scope().map(Scope::code).orElse(defaultScope(r, delete)).intValue())
                .putByte(r.type().code())
                .putInt(r.onlink() ? Rtnl.RTNH_F_ONLINK : 0);
        r.destination().ifPresent(d -> w.attr(Rtnl.RTA_DST, d.getAddress()));
        r.gateway().ifPresent(g -> w.attr(Rtnl.RTA_GATEWAY, g.getAddress()));
        r.outputInterface().ifPresent(i -> w.attrU32(Rtnl.RTA_OIF, i));
        r.metric().ifPresent(m -> w.attrU32(Rtnl.RTA_PRIORITY, m));
        r.preferredSource().ifPresent(s -> w.attr(Rtnl.RTA_PREFSRC, s.getAddress()));
        w.attrU32(Rtnl.RTA_TABLE, r.table());
        return w;
    }

    /** {@code ip route}'s choice: nowhere (wildcard) on delete, host for local, link for direct unicast. */
    private static int defaultScope(RouteSpec r, boolean delete) {
        if (delete) {
            return Scope.NOWHERE.code();
        }
        return switch (r.type()) {
            case LOCAL -> Scope.HOST.code();
            case BROADCAST, MULTICAST, ANYCAST -> Scope.LINK.code();
            case UNICAST -> r.gateway().isPresent() ? Scope.GLOBAL.code() : Scope.LINK.code();
            case BLACKHOLE, UNREACHABLE, PROHIBIT, THROW -> Scope.GLOBAL.code();
        };
    }
}
