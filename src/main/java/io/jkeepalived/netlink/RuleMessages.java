package io.jkeepalived.netlink;

/**
 * RTM_NEWRULE / RTM_DELRULE messages. Pure.
 *
 * <pre>
 * struct fib_rule_hdr { u8 family; u8 dst_len; u8 src_len; u8 tos;
 *                       u8 table; u8 res1; u8 res2; u8 action; u32 flags; };
 * attributes: FRA_SRC, FRA_DST, FRA_PRIORITY (u32), FRA_TABLE (u32), FRA_FWMARK (u32),
 *             FRA_FWMASK (u32), FRA_IIFNAME / FRA_OIFNAME (string), FRA_GOTO (u32), FRA_PROTOCOL (u8)
 * </pre>
 */
public final class RuleMessages {

    private RuleMessages() {
    }

    public static NetlinkWriter add(RuleSpec r) {
        return build(Rtnl.RTM_NEWRULE, NetlinkMessage.NLM_F_REQUEST | NetlinkMessage.NLM_F_ACK
                | NetlinkMessage.NLM_F_CREATE | NetlinkMessage.NLM_F_EXCL, r);
    }

    public static NetlinkWriter delete(RuleSpec r) {
        return build(Rtnl.RTM_DELRULE, NetlinkMessage.NLM_F_REQUEST | NetlinkMessage.NLM_F_ACK, r);
    }

    private static NetlinkWriter build(int type, int flags, RuleSpec r) {
        var w = new NetlinkWriter(type, flags);
        int table = r.table().orElse(0);
        w.putByte(r.ipv6() ? 10 : 2)
                .putByte(r.to().isPresent() ? r.toPrefix() : 0)
                .putByte(r.from().isPresent() ? r.fromPrefix() : 0)
                .putByte(0)
                .putByte(table < 256 ? table : Rtnl.RT_TABLE_UNSPEC)
                .putByte(0).putByte(0)
                .putByte(r.action().code())
                .putInt(0);
        r.from().ifPresent(a -> w.attr(Rtnl.FRA_SRC, a.getAddress()));
        r.to().ifPresent(a -> w.attr(Rtnl.FRA_DST, a.getAddress()));
        r.priority().ifPresent(p -> w.attrU32(Rtnl.FRA_PRIORITY, p));
        r.table().ifPresent(t -> w.attrU32(Rtnl.FRA_TABLE, t));
        r.fwmark().ifPresent(m -> w.attrU32(Rtnl.FRA_FWMARK, m));
        r.fwmask().ifPresent(m -> w.attrU32(Rtnl.FRA_FWMASK, m));
        r.iif().ifPresent(i -> w.attrString(Rtnl.FRA_IIFNAME, i));
        r.oif().ifPresent(o -> w.attrString(Rtnl.FRA_OIFNAME, o));
        r.gotoPriority().ifPresent(g -> w.attrU32(Rtnl.FRA_GOTO, g));
        if (type == Rtnl.RTM_NEWRULE) {
            w.attrU8(Rtnl.FRA_PROTOCOL, r.protocol());
        }
        return w;
    }
}
