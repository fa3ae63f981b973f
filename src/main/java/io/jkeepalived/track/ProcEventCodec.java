package io.jkeepalived.track;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The netlink proc connector messages ({@code NETLINK_CONNECTOR}, {@code CN_IDX_PROC}), as a pure
 * codec: the socket itself belongs to {@code io.jkeepalived.os}. All fields are in host byte
 * order.
 *
 * <pre>
 * nlmsghdr (16)  | len u32 | type u16 (NLMSG_DONE=3) | flags u16 | seq u32 | pid u32 |
 * cn_msg   (20)  | idx u32 (CN_IDX_PROC=1) | val u32 (CN_VAL_PROC=1) | seq u32 | ack u32 | len u16 | flags u16 |
 * request  (4)   | op u32 (PROC_CN_MCAST_LISTEN=1, _IGNORE=2) |
 * proc_event     | what u32 | cpu u32 | timestamp_ns u64 | event data ... |
 *   fork         | parent_pid u32 | parent_tgid u32 | child_pid u32 | child_tgid u32 |
 *   exec         | process_pid u32 | process_tgid u32 |
 *   comm         | process_pid u32 | process_tgid u32 | comm char[16] |
 *   exit         | process_pid u32 | process_tgid u32 | exit_code u32 | exit_signal u32 | ...
 *   ack (what=0) | err u32 |
 * </pre>
 */
public final class ProcEventCodec {

    static final int NLMSG_HDRLEN = 16;
    static final int CN_MSG_LEN = 20;
    static final int NLMSG_DONE = 3;
    static final int CN_IDX_PROC = 1;
    static final int CN_VAL_PROC = 1;
    static final int PROC_CN_MCAST_LISTEN = 1;
    static final int PROC_CN_MCAST_IGNORE = 2;

    static final long WHAT_NONE = 0;
    static final long WHAT_FORK = 0x1;
    static final long WHAT_EXEC = 0x2;
    static final long WHAT_COMM = 0x200;
    static final long WHAT_EXIT = 0x80000000L;

    private ProcEventCodec() {}

    /** The message that subscribes ({@code listen}) or unsubscribes to process events. */
    public static ByteBuffer subscription(boolean listen, int ourPortId) {
        int total = NLMSG_HDRLEN + CN_MSG_LEN + 4;
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.nativeOrder());
        b.putInt(total).putShort((short) NLMSG_DONE).putShort((short) 0).putInt(0).putInt(ourPortId);
        b.putInt(CN_IDX_PROC).putInt(CN_VAL_PROC).putInt(0).putInt(0).putShort((short) 4).putShort((short) 0);
        b.putInt(listen ? PROC_CN_MCAST_LISTEN : PROC_CN_MCAST_IGNORE);
        return b.flip();
    }

    /**
     * Decodes every proc event in one received datagram. Malformed or foreign messages are
     * skipped, never thrown.
     */
    public static List<ProcEvent> decode(ByteBuffer datagram) {
        List<ProcEvent> out = new ArrayList<>();
        ByteBuffer b = datagram.duplicate().order(ByteOrder.nativeOrder());
        while (b.remaining() >= NLMSG_HDRLEN) {
            int start = b.position();
            long len = Integer.toUnsignedLong(b.getInt(start));
            if (len < NLMSG_HDRLEN || len > b.remaining()) {
                break;
            }
            decodeOne(b.slice(start, (int) len).order(ByteOrder.nativeOrder())).ifPresent(out::add);
            int aligned = (int) ((len + 3) & ~3L);
            b.position(Math.min(b.limit(), start + aligned));
        }
        return out;
    }

    private static java.util.Optional<ProcEvent> decodeOne(ByteBuffer m) {
        int type = Short.toUnsignedInt(m.getShort(4));
        if (type != NLMSG_DONE || m.limit() < NLMSG_HDRLEN + CN_MSG_LEN + 16) {
            return java.util.Optional.empty();
        }
        int cn = NLMSG_HDRLEN;
        if (m.getInt(cn) != CN_IDX_PROC || m.getInt(cn + 4) != CN_VAL_PROC) {
            return java.util.Optional.empty();
        }
        int ev = cn + CN_MSG_LEN;
        long what = Integer.toUnsignedLong(m.getInt(ev));
        int data = ev + 16;
        int avail = m.limit() - data;
        if (what == WHAT_NONE) {
            return avail >= 4 ? java.util.Optional.of(new ProcEvent.Ack(m.getInt(data))) : java.util.Optional.empty();
        }
        if (what == WHAT_FORK && avail >= 16) {
            long childPid = u32(m, data + 8);
            long childTgid = u32(m, data + 12);
            return java.util.Optional.of(childPid == childTgid
                    ? new ProcEvent.Fork(u32(m, data + 4), childTgid)
                    : new ProcEvent.Ignored(what)); // a new thread
        }
        if (what == WHAT_EXEC && avail >= 8) {
            return java.util.Optional.of(new ProcEvent.Exec(u32(m, data + 4)));
        }
        if (what == WHAT_COMM && avail >= 24) {
            byte[] comm = new byte[16];
            m.get(data + 8, comm);
            int n = 0;
            while (n < comm.length && comm[n] != 0) {
                n++;
            }
            return java.util.Optional.of(new ProcEvent.Comm(u32(m, data + 4), new String(comm, 0, n, StandardCharsets.UTF_8)));
        }
        if (what == WHAT_EXIT && avail >= 12) {
            long pid = u32(m, data);
            long tgid = u32(m, data + 4);
            return java.util.Optional.of(pid == tgid ? new ProcEvent.Exit(tgid, m.getInt(data + 8)) : new ProcEvent.Ignored(what));
        }
        return java.util.Optional.of(new ProcEvent.Ignored(what));
    }

    private static long u32(ByteBuffer b, int at) {
        return Integer.toUnsignedLong(b.getInt(at));
    }
}
