package io.jkeepalived.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Splits a netlink datagram into messages. Never throws: a header that is too short, claims more
 * bytes than remain, or is smaller than itself ends the walk and is reported as {@code problem}.
 */
public final class NetlinkParser {

    /** The messages read, and what stopped the walk early if it was stopped. */
    public record Result(List<NetlinkMessage> messages, Optional<String> problem) {
    }

    private NetlinkParser() {
    }

    public static Result parse(ByteBuffer datagram) {
        var in = datagram.slice().order(ByteOrder.nativeOrder());
        var out = new ArrayList<NetlinkMessage>();
        int pos = 0;
        int limit = in.limit();
        while (pos < limit) {
            if (limit - pos < NetlinkWriter.HEADER) {
                return new Result(out, Optional.of("truncated netlink header at offset " + pos));
            }
            int len = in.getInt(pos);
            if (len < NetlinkWriter.HEADER || len > limit - pos) {
                return new Result(out, Optional.of("bad nlmsg_len " + Integer.toUnsignedString(len)
                        + " at offset " + pos + " (" + (limit - pos) + " bytes left)"));
            }
            int type = Short.toUnsignedInt(in.getShort(pos + 4));
            int flags = Short.toUnsignedInt(in.getShort(pos + 6));
            int seq = in.getInt(pos + 8);
            int port = in.getInt(pos + 12);
            var body = in.slice(pos + NetlinkWriter.HEADER, len - NetlinkWriter.HEADER)
                    .asReadOnlyBuffer().order(ByteOrder.nativeOrder());
            out.add(new NetlinkMessage(type, flags, seq, port, body));
            pos += NetlinkWriter.align4(len);
        }
        return new Result(out, Optional.empty());
    }
}
