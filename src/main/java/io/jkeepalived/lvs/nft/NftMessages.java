package io.jkeepalived.lvs.nft;

import io.jkeepalived.netlink.NetlinkMessage;
import io.jkeepalived.netlink.NetlinkWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * nf_tables netlink messages for map element changes (uapi {@code linux/netfilter/nf_tables.h} and
 * {@code nfnetlink.h}); pure. A transaction is one datagram: a batch-begin message, the changes, a
 * batch-end message; the kernel commits all of it or none. Every change asks for an ack, so the
 * sender knows when the kernel has committed (or which message it refused).
 *
 * <pre>
 * struct nfgenmsg { u8 nfgen_family; u8 version; be16 res_id; }   // after each nlmsghdr
 * NFT_MSG_NEWSETELEM / DELSETELEM: TABLE, SET, ELEMENTS [ LIST_ELEM [ KEY [ VALUE ], DATA [ VALUE | VERDICT [ CODE, CHAIN ] ] ] ... ]
 * (DELSETELEM without ELEMENTS flushes the set)
 * </pre>
 */
final class NftMessages {
    private NftMessages() {}

    static final int NETLINK_NETFILTER = 12;
    static final int NFNL_SUBSYS_NFTABLES = 10;
    static final int NFNL_MSG_BATCH_BEGIN = 0x10;
    static final int NFNL_MSG_BATCH_END = 0x11;
    static final int NFNLGRP_NFTABLES = 7;

    static final int NFT_MSG_NEWTABLE = 0;
    static final int NFT_MSG_NEWSETELEM = 12;
    static final int NFT_MSG_DELSETELEM = 14;
    static final int NFT_MSG_NEWGEN = 15;
    static final int NFT_MSG_GETGEN = 16;
    static final int NFTA_GEN_ID = 1;

    static final int NFPROTO_INET = 1;

    static final int NFTA_SET_ELEM_LIST_TABLE = 1;
    static final int NFTA_SET_ELEM_LIST_SET = 2;
    static final int NFTA_SET_ELEM_LIST_ELEMENTS = 3;
    static final int NFTA_SET_ELEM_KEY = 1;
    static final int NFTA_SET_ELEM_DATA = 2;
    static final int NFTA_DATA_VALUE = 1;
    static final int NFTA_DATA_VERDICT = 2;
    static final int NFTA_VERDICT_CODE = 1;
    static final int NFTA_VERDICT_CHAIN = 2;
    static final int NFT_GOTO = -4;

    /** Elements per message are capped by bytes: the ELEMENTS nest's length is 16 bits. */
    static final int MAX_ELEMENTS_BYTES = 32 * 1024;

    /** The table every message names; ours. */
    static final String TABLE = NftDump.TABLE_NAME;

    /** The messages (without batch begin and end) for {@code steps}, in order. */
    static List<NetlinkWriter> changes(List<NftStep.Elements> steps) {
        List<NetlinkWriter> out = new ArrayList<>();
        for (NftStep.Elements s : steps) {
            switch (s.action()) {
                case FLUSH -> out.add(header(NFT_MSG_DELSETELEM, 0, s.map(), 0));
                case ADD, DELETE -> {
                    boolean add = s.action() == NftStep.Action.ADD;
                    int type = add ? NFT_MSG_NEWSETELEM : NFT_MSG_DELSETELEM;
                    int flags = add ? NetlinkMessage.NLM_F_CREATE : 0;
                    NetlinkWriter m = null;
                    int nest = 0;
                    int bytes = 0;
                    int index = 0;
                    for (NftStep.Element e : s.elements()) {
                        if (m != null && bytes >= MAX_ELEMENTS_BYTES) {
                            m.endNested(nest);
                            out.add(m);
                            m = null;
                        }
                        if (m == null) {
                            m = header(type, flags, s.map(), s.elements().size());
                            nest = m.beginNested(NFTA_SET_ELEM_LIST_ELEMENTS);
                            bytes = 0;
                            index = 0;
                        }
                        bytes += element(m, ++index, e, add);
                    }
                    if (m != null) {
                        m.endNested(nest);
                        out.add(m);
                    }
                }
            }
        }
        return out;
    }

    private static NetlinkWriter header(int msg, int flags, String set, int elements) {
        int room = elements == 0 ? 128 : Math.min(MAX_ELEMENTS_BYTES + 256, 128 + 64 * elements);
        var m = new NetlinkWriter(NFNL_SUBSYS_NFTABLES << 8 | msg,
                NetlinkMessage.NLM_F_REQUEST | NetlinkMessage.NLM_F_ACK | flags, room);
        nfgen(m, NFPROTO_INET, 0);
        m.attrString(NFTA_SET_ELEM_LIST_TABLE, TABLE);
        m.attrString(NFTA_SET_ELEM_LIST_SET, set);
        return m;
    }

    /**
     * Writes one element; returns an upper bound of the bytes it took. The kernel reads a list's
     * entries whatever their type; like libnftnl we number them (1, 2, ...: the first is NFTA_LIST_ELEM).
     */
    private static int element(NetlinkWriter m, int index, NftStep.Element e, boolean withValue) {
        int el = m.beginNested(index);
        int key = m.beginNested(NFTA_SET_ELEM_KEY);
        byte[] k = e.key();
        m.attr(NFTA_DATA_VALUE, k);
        m.endNested(key);
        int size = 24 + k.length;
        if (withValue && e.value().isPresent()) {
            int data = m.beginNested(NFTA_SET_ELEM_DATA);
            switch (e.value().get()) {
                case NftStep.Value.Weight w -> {
                    m.attr(NFTA_DATA_VALUE, w.bytes());
                    size += 16;
                }
                case NftStep.Value.Target t -> {
                    byte[] b = t.bytes();
                    m.attr(NFTA_DATA_VALUE, b);
                    size += 12 + b.length;
                }
                case NftStep.Value.Goto g -> {
                    int verdict = m.beginNested(NFTA_DATA_VERDICT);
                    m.attr(NFTA_VERDICT_CODE, be32(NFT_GOTO));
                    m.attrString(NFTA_VERDICT_CHAIN, g.chain());
                    m.endNested(verdict);
                    size += 28 + g.chain().length();
                }
            }
            m.endNested(data);
        }
        m.endNested(el);
        return size;
    }

    /** {@code nfgenmsg}: family, version 0, resource id in network order. */
    private static void nfgen(NetlinkWriter m, int family, int resId) {
        m.putByte(family).putByte(0).putByte(resId >>> 8).putByte(resId);
    }

    private static byte[] be32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.BIG_ENDIAN).putInt(v).array();
    }

    /**
     * One transaction as one datagram: batch begin (sequence {@code firstSeq}), the changes
     * ({@code firstSeq + 1} on), batch end.
     */
    static ByteBuffer batch(List<NetlinkWriter> changes, int firstSeq, int portId) {
        List<ByteBuffer> parts = new ArrayList<>();
        parts.add(control(NFNL_MSG_BATCH_BEGIN).finish(firstSeq, portId));
        int seq = firstSeq;
        for (NetlinkWriter w : changes) parts.add(w.finish(++seq, portId));
        parts.add(control(NFNL_MSG_BATCH_END).finish(++seq, portId));
        int size = parts.stream().mapToInt(ByteBuffer::remaining).sum();
        ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.nativeOrder());
        parts.forEach(p -> out.put(p.duplicate()));
        return out.flip();
    }

    /**
     * NFT_MSG_GETGEN: asks for the ruleset's generation id, which every committed transaction
     * (anyone's) advances. Answered by one NFT_MSG_NEWGEN carrying NFTA_GEN_ID.
     */
    static ByteBuffer getGeneration(int seq, int portId) {
        var m = new NetlinkWriter(NFNL_SUBSYS_NFTABLES << 8 | NFT_MSG_GETGEN, NetlinkMessage.NLM_F_REQUEST);
        nfgen(m, 0, 0);
        return m.finish(seq, portId);
    }

    /** The generation id an NFT_MSG_NEWGEN carries (compared for equality only: byte order does not matter). */
    static java.util.OptionalLong generation(NetlinkMessage m) {
        if (m.type() != (NFNL_SUBSYS_NFTABLES << 8 | NFT_MSG_NEWGEN)) return java.util.OptionalLong.empty();
        java.util.OptionalInt id = m.attributes(4).u32(NFTA_GEN_ID);
        return id.isPresent() ? java.util.OptionalLong.of(Integer.toUnsignedLong(id.getAsInt())) : java.util.OptionalLong.empty();
    }

    private static NetlinkWriter control(int type) {
        var m = new NetlinkWriter(type, NetlinkMessage.NLM_F_REQUEST);
        nfgen(m, 0, NFNL_SUBSYS_NFTABLES);
        return m;
    }
}
