package io.jkeepalived.netlink;

import java.util.Optional;

/**
 * The body of an NLMSG_ERROR: {@code errno} is 0 for an ack, otherwise the positive errno; the
 * kernel's extended-ack text when it sent one. Pure; a short body parses as EINVAL-free "unknown".
 *
 * <pre>
 * struct nlmsgerr { s32 error; struct nlmsghdr msg; }   // msg is followed by the request's payload
 *                                                      // unless NLM_F_CAPPED, then by NLMSGERR_ATTR_*
 *                                                      // attributes when NLM_F_ACK_TLVS
 * </pre>
 */
public record NetlinkError(int errno, Optional<String> kernelMessage) {

    public boolean isAck() {
        return errno == 0;
    }

    public static Optional<NetlinkError> parse(NetlinkMessage m) {
        if (m.type() != NetlinkMessage.NLMSG_ERROR || m.body().limit() < 4) {
            return Optional.empty();
        }
        var b = m.body();
        int errno = -b.getInt(0);
        Optional<String> text = Optional.empty();
        if ((m.flags() & NetlinkMessage.NLM_F_ACK_TLVS) != 0 && b.limit() >= 4 + NetlinkWriter.HEADER) {
            int origLen = b.getInt(4);
            int tlvs = (m.flags() & NetlinkMessage.NLM_F_CAPPED) != 0 ? 4 + NetlinkWriter.HEADER
                    : 4 + NetlinkWriter.align4(origLen);
            if (tlvs >= 0 && tlvs <= b.limit()) {
                text = Attributes.parse(b, tlvs).string(Rtnl.NLMSGERR_ATTR_MSG).filter(s -> !s.isEmpty());
            }
        }
        return Optional.of(new NetlinkError(errno, text));
    }
}
