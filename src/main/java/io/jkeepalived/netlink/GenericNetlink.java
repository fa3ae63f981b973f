package io.jkeepalived.netlink;

import java.util.Optional;

/**
 * Generic netlink framing and family resolution (linux/genetlink.h). Pure: no I/O.
 *
 * <p>Every generic netlink message has, after the netlink header, a 4-byte family header; its
 * {@code nlmsg_type} is the family's id, which the kernel assigns at registration and which
 * userspace asks the controller family ({@code nlctrl}, fixed id 0x10) for by name:
 *
 * <pre>
 * struct genlmsghdr { u8 cmd; u8 version; u16 reserved; }   // then attributes
 *
 * request:  nlmsghdr{type=GENL_ID_CTRL, flags=REQUEST|ACK} genlmsghdr{CTRL_CMD_GETFAMILY, 1}
 *           CTRL_ATTR_FAMILY_NAME "IPVS\0"
 * reply:    nlmsghdr{type=GENL_ID_CTRL} genlmsghdr{CTRL_CMD_NEWFAMILY}
 *           CTRL_ATTR_FAMILY_ID u16, CTRL_ATTR_FAMILY_NAME, CTRL_ATTR_VERSION u32, ...
 *           or NLMSG_ERROR ENOENT when no such family is registered
 * </pre>
 */
public final class GenericNetlink {

    /** Bytes of {@code struct genlmsghdr}; attributes start at this offset of the body. */
    public static final int HEADER = 4;

    public static final int GENL_ID_CTRL = 0x10;
    public static final int CTRL_CMD_NEWFAMILY = 1;
    public static final int CTRL_CMD_GETFAMILY = 3;
    public static final int CTRL_ATTR_FAMILY_ID = 1;
    public static final int CTRL_ATTR_FAMILY_NAME = 2;

    private GenericNetlink() {}

    /** A message of {@code family} carrying {@code cmd}; add attributes to the returned writer. */
    public static NetlinkWriter message(int family, int flags, int cmd, int version) {
        return new NetlinkWriter(family, flags).putByte(cmd).putByte(version).putShort(0);
    }

    /** CTRL_CMD_GETFAMILY for {@code name}, acked. */
    public static NetlinkWriter getFamily(String name) {
        return message(GENL_ID_CTRL, NetlinkMessage.NLM_F_REQUEST | NetlinkMessage.NLM_F_ACK, CTRL_CMD_GETFAMILY, 1)
                .attrString(CTRL_ATTR_FAMILY_NAME, name);
    }

    /** The family id from a controller reply about {@code name}; empty for anything else. */
    public static Optional<Integer> familyId(NetlinkMessage reply, String name) {
        if (reply.type() != GENL_ID_CTRL || reply.body().limit() < HEADER || command(reply) != CTRL_CMD_NEWFAMILY) {
            return Optional.empty();
        }
        Attributes a = reply.attributes(HEADER);
        if (!a.string(CTRL_ATTR_FAMILY_NAME).map(name::equals).orElse(false)) {
            return Optional.empty();
        }
        var id = a.u16(CTRL_ATTR_FAMILY_ID);
        return id.isPresent() ? Optional.of(id.getAsInt()) : Optional.empty();
    }

    /** The {@code cmd} byte of a generic netlink message (-1 when the body is too short). */
    public static int command(NetlinkMessage m) {
        return m.body().limit() < HEADER ? -1 : Byte.toUnsignedInt(m.body().get(0));
    }
}
