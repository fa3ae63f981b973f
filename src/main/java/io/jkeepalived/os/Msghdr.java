package io.jkeepalived.os;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;

/**
 * {@code struct msghdr}, {@code struct iovec} and {@code struct cmsghdr} (LP64) with the CMSG
 * alignment rules, for sendmsg/recvmsg with ancillary data.
 *
 * <pre>
 * struct msghdr  { void *msg_name; socklen_t msg_namelen; struct iovec *msg_iov; size_t msg_iovlen;
 *                  void *msg_control; size_t msg_controllen; int msg_flags; };
 * struct iovec   { void *iov_base; size_t iov_len; };
 * struct cmsghdr { size_t cmsg_len; int cmsg_level; int cmsg_type; unsigned char data[]; };
 * </pre>
 */
final class Msghdr {

    static final StructLayout MSGHDR = MemoryLayout.structLayout(
            ValueLayout.ADDRESS.withName("msg_name"),
            ValueLayout.JAVA_INT.withName("msg_namelen"),
            MemoryLayout.paddingLayout(4),
            ValueLayout.ADDRESS.withName("msg_iov"),
            ValueLayout.JAVA_LONG.withName("msg_iovlen"),
            ValueLayout.ADDRESS.withName("msg_control"),
            ValueLayout.JAVA_LONG.withName("msg_controllen"),
            ValueLayout.JAVA_INT.withName("msg_flags"),
            MemoryLayout.paddingLayout(4));
    static final StructLayout IOVEC = MemoryLayout.structLayout(
            ValueLayout.ADDRESS.withName("iov_base"),
            ValueLayout.JAVA_LONG.withName("iov_len"));

    static final long NAME = MSGHDR.byteOffset(groupElement("msg_name"));
    static final long NAMELEN = MSGHDR.byteOffset(groupElement("msg_namelen"));
    static final long IOV = MSGHDR.byteOffset(groupElement("msg_iov"));
    static final long IOVLEN = MSGHDR.byteOffset(groupElement("msg_iovlen"));
    static final long CONTROL = MSGHDR.byteOffset(groupElement("msg_control"));
    static final long CONTROLLEN = MSGHDR.byteOffset(groupElement("msg_controllen"));
    static final long FLAGS = MSGHDR.byteOffset(groupElement("msg_flags"));

    static final long CMSG_HDR = 16;

    private Msghdr() {
    }

    static long cmsgAlign(long len) {
        return (len + 7) & ~7L;
    }

    static long cmsgSpace(long dataLen) {
        return CMSG_HDR + cmsgAlign(dataLen);
    }

    static void setIovec(MemorySegment iov, int index, MemorySegment base, long len) {
        long at = index * IOVEC.byteSize();
        iov.set(ValueLayout.ADDRESS, at, base);
        iov.set(ValueLayout.JAVA_LONG, at + 8, len);
    }

    /** Writes a cmsghdr at {@code at}; returns the offset of its data. */
    static long putCmsg(MemorySegment control, long at, int level, int type, long dataLen) {
        control.set(ValueLayout.JAVA_LONG, at, CMSG_HDR + dataLen);
        control.set(ValueLayout.JAVA_INT, at + 8, level);
        control.set(ValueLayout.JAVA_INT, at + 12, type);
        return at + CMSG_HDR;
    }
}
