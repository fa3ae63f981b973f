package io.jkeepalived.netlink;

import java.nio.ByteBuffer;

/**
 * One parsed netlink message. {@code body} is the bytes after the 16-byte header (read-only, host
 * order, position 0), exactly {@code length - 16} long.
 */
public record NetlinkMessage(int type, int flags, int seq, int portId, ByteBuffer body) {

    public static final int NLMSG_NOOP = 1;
    public static final int NLMSG_ERROR = 2;
    public static final int NLMSG_DONE = 3;
    public static final int NLMSG_OVERRUN = 4;

    public static final int NLM_F_REQUEST = 0x01;
    public static final int NLM_F_MULTI = 0x02;
    public static final int NLM_F_ACK = 0x04;
    public static final int NLM_F_ROOT = 0x100;
    public static final int NLM_F_MATCH = 0x200;
    public static final int NLM_F_DUMP = NLM_F_ROOT | NLM_F_MATCH;
    public static final int NLM_F_REPLACE = 0x100;
    public static final int NLM_F_EXCL = 0x200;
    public static final int NLM_F_CREATE = 0x400;
    /** On NLMSG_ERROR: the original request is truncated to its header. */
    public static final int NLM_F_CAPPED = 0x100;
    /** On NLMSG_ERROR: extended-ack attributes follow the original request. */
    public static final int NLM_F_ACK_TLVS = 0x200;

    /** Body bytes from {@code offset} on, as attributes (bad attributes end the list, never throw). */
    public Attributes attributes(int offset) {
        return Attributes.parse(body, offset);
    }
}
